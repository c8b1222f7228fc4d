package org.imageharvester.thumbnail;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.SampleModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.imageharvester.download.PartFiles;
import org.imageharvester.values.Outcome;

/**
 * Makes the thumbnail of one saved image with Thumbnailator: fit within {@code thumbnail.width} x
 * {@code thumbnail.height}, aspect kept, EXIF orientation applied, written as {@code <stem>_thumbnail.<ext>}. The image
 * size is read from its header first: one over {@code thumbnail.maxPixels} (a decompression bomb) is refused before a
 * pixel is decoded, and a large one is decoded at a reduced scale, so a thumbnail never needs the whole image in
 * memory: JPEGs by libjpeg-turbo inside the inverse DCT when the system has it ({@code thumbnail.libjpegTurbo}), AVIF
 * and HEIF by libheif ({@code thumbnail.libheif}), everything else by ImageIO, reading every k-th pixel. All thumbnail
 * threads together decode within {@code thumbnail.decodeMemory}. The same decode gives the image's {@link
 * PerceptualHash}, which near-duplicates are found by; an image that does not decode throws {@link
 * UndecodableImageException}, one of a format with no decoder here {@link NoDecoderException}.
 */
public final class Thumbnailer {

    private static final Logger LOG = LoggerFactory.getLogger(Thumbnailer.class);

    static {
        // ImageIO otherwise buffers every image it writes to a stream in a temporary file of its own
        ImageIO.setUseCache(false);
    }

    private boolean enabled;
    private final Path dir;
    private final int width;
    private final int height;
    private final String format;

    private Path downloadDir;
    private long maxPixels;
    private boolean libjpegTurbo;
    private boolean libheif;
    private boolean enlarge;
    private DecodeBudget budget;

    /**
     * @param format the output format ({@code jpg}, {@code png}, ...), or {@code same} to keep the image's own
     */
    public Thumbnailer(String dir, int width, int height, String format) {
        if (width < 1 || height < 1) throw new IllegalArgumentException(
                "thumbnail.width and thumbnail.height must be at least 1, not " + width + "x" + height);
        this.dir = Path.of(dir);
        this.width = width;
        this.height = height;
        this.format = format.toLowerCase(Locale.ROOT);
    }

    /**
     * Sets {@code thumbnail.libjpegTurbo}: decode JPEGs with the system's libjpeg-turbo at a reduced scale when it is
     * installed (several times faster than ImageIO); false always uses ImageIO.
     */
    public void setLibjpegTurbo(boolean libjpegTurbo) {
        this.libjpegTurbo = libjpegTurbo;
        // the start-up line says so (decoders()); why the library did not load: DEBUG
        if (libjpegTurbo && !TurboJpeg.available()) LOG.debug("libjpeg-turbo did not load: {}", TurboJpeg.problem());
    }

    /**
     * Sets {@code thumbnail.libheif}: decode AVIF and HEIF images with the system's libheif when it is installed;
     * without it (or false) they are kept without a thumbnail.
     */
    public void setLibheif(boolean libheif) {
        this.libheif = libheif;
        if (libheif && !Libheif.available()) LOG.debug("libheif did not load: {}", Libheif.problem());
    }

    /**
     * What thumbnails are decoded with, for the runner's start-up line ("thumbnails: JPEG with libjpeg-turbo, ..."),
     * and which images are kept without one; null when no thumbnails are made.
     */
    public String decoders() {
        return enabled ? Decoders.of(libjpegTurbo, libheif) : null;
    }

    /** Sets {@code thumbnail.enlarge}: true scales an image smaller than the thumbnail's box up to fill it. */
    public void setEnlarge(boolean enlarge) {
        this.enlarge = enlarge;
    }

    /** Sets {@code thumbnail.maxPixels}: images declaring more pixels than this are refused unread. */
    public void setMaxPixels(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /**
     * Sets {@code thumbnail.decodeMemory}: the heap bytes all thumbnail threads together may hold in images being
     * decoded and scaled; a decode waits for room, and an image needing more than all of it gets no thumbnail.
     */
    public void setDecodeMemory(long bytes) {
        this.budget = new DecodeBudget(bytes);
    }

    /**
     * Writes the thumbnail of the image file (under a temporary name, then renamed) and returns its path; never writes
     * through a symbolic link planted at either name.
     */
    public Path thumbnail(@ExchangeProperty("imageFile") String imageFile) throws IOException {
        return made(imageFile).thumbnail();
    }

    /**
     * Makes the image's thumbnail and returns that outcome, with the image's perceptual hash ({@link PerceptualHash})
     * from the same decode. An image that does not decode throws {@link UndecodableImageException}.
     */
    public Outcome make(@ExchangeProperty("imageFile") String imageFile) throws IOException {
        Made made = made(imageFile);
        return made.hash() == null ? Outcome.thumbnail(imageFile, made.thumbnail())
                : Outcome.thumbnail(imageFile, made.thumbnail(), made.hash(), made.width(), made.height());
    }

    /** The thumbnail of an image file, when it has one; else null. */
    public String thumbnailOf(String imageFile) {
        Path thumbnail = target(Path.of(imageFile));
        return Files.isRegularFile(thumbnail, LinkOption.NOFOLLOW_LINKS) ? thumbnail.toString() : null;
    }

    // a thumbnail written, and the hash of the image it was made of (null: too plain to compare) and its header's size
    private record Made(Path thumbnail, Long hash, int width, int height) {
    }

    private Made made(String imageFile) throws IOException {
        Path image = Path.of(imageFile);
        Path target = target(image);
        String extension = extension(image);
        Files.createDirectories(target.getParent());
        Path linked = PartFiles.linkedFolder(dir, target);
        if (linked != null) throw new IOException(PartFiles.refusal(linked));
        Path partial = target.resolveSibling(PartFiles.part(target.getFileName().toString()));
        Long hash;
        int[] size;
        try (OutputStream out = PartFiles.create(partial); Decoded decoded = decode(image)) {
            hash = PerceptualHash.of(decoded.image(), decoded.orientation());
            size = decoded.size();
            var thumbnail = fit(Thumbnails.of(decoded.image()), decoded).keepAspectRatio(true);
            // a palette image (GIF, 8-bit PNG) would otherwise be scaled into a new image with a black-and-white
            // palette: the colours would be lost
            if (decoded.image()
                    .getColorModel() instanceof IndexColorModel) thumbnail.imageType(BufferedImage.TYPE_INT_ARGB);
            if (decoded.orientation() != null) {
                thumbnail.addFilter(ExifFilterUtils.getFilterForOrientation(decoded.orientation()));
            }
            thumbnail.outputFormat(extension).toOutputStream(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        return new Made(PartFiles.commit(partial, target), hash, size[0], size[1]);
    }

    // the box holds the image as it is shown (Thumbnailator fits a quarter-turned image to it turned); an image smaller
    // than the box keeps its size unless thumbnail.enlarge, as Pillow's Image.thumbnail does
    private Thumbnails.Builder<BufferedImage> fit(Thumbnails.Builder<BufferedImage> thumbnail, Decoded decoded) {
        boolean turned = decoded.orientation() != null && decoded.orientation().ordinal() >= 4;
        int w = turned ? decoded.image().getHeight() : decoded.image().getWidth();
        int h = turned ? decoded.image().getWidth() : decoded.image().getHeight();
        return !enlarge && w <= width && h <= height ? thumbnail.size(w, h) : thumbnail.size(width, height);
    }

    /** Sets {@code thumbnail.enabled}: false makes no thumbnails. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * True when this outcome's image wants a thumbnail: it was saved now, or saved in an earlier run and its thumbnail
     * is missing (its runner stopped in between).
     */
    public boolean isWanted(@ExchangeProperty("outcome") Outcome outcome) {
        return enabled && outcome != null && outcome.image() != null && (outcome.isSaved() || missing(outcome.image()));
    }

    /** True when the image file has no thumbnail yet (or is null: nothing to thumbnail). */
    public boolean missing(String imageFile) {
        return imageFile != null && Files.isRegularFile(Path.of(imageFile),
                LinkOption.NOFOLLOW_LINKS) && !Files.exists(target(Path.of(imageFile)));
    }

    // <stem>_thumbnail.<ext> in the thumbnail folder, in the folders the image has in download.dir; a thumbnail of
    // another format than its image's keeps the image's extension in its stem (Sunset.tif_thumbnail.png), so that
    // Sunset.png and Sunset.tif never share one
    private Path target(Path image) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = extension(image);
        String stem = dot > 0 && name.substring(dot + 1).equalsIgnoreCase(extension) ? name.substring(0, dot) : name;
        Path folder = dir;
        Path parent = image.toAbsolutePath().normalize().getParent();
        if (downloadDir != null && parent != null && parent.startsWith(downloadDir)) {
            folder = dir.resolve(downloadDir.relativize(parent).toString());
        }
        return folder.resolve(stem + "_thumbnail." + extension);
    }

    /** Sets {@code download.dir}: an image in a folder there has its thumbnail in the same folder of thumbnail.dir. */
    public void setDownloadDir(String downloadDir) {
        this.downloadDir = Path.of(downloadDir).toAbsolutePath().normalize();
    }

    private String extension(Path image) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return format.equals("same") ? outputFormat(dot > 0 ? name.substring(dot + 1) : "png") : format;
    }

    // a decoded image holds its bytes of the budget until its thumbnail is written
    private record Decoded(BufferedImage image, Orientation orientation, DecodeBudget.Lease lease, int[] size)
            implements AutoCloseable {
        @Override
        public void close() {
            lease.close();
        }
    }

    private interface Decode {
        BufferedImage image() throws IOException;
    }

    private Decoded decode(Path image) throws IOException {
        Decoded decoded = libjpegTurbo ? decodeJpeg(image) : null;
        Libheif.Pixels heif = decoded == null && libheif && Libheif.available()
                ? Libheif.decode(image, width, height, maxPixels, budget) : null;
        if (heif != null) return new Decoded(heif.image(), null, heif.lease(), heif.size());
        if (decoded == null) decoded = decodePng(image);
        if (decoded == null) decoded = decodeWebp(image);
        return decoded != null ? decoded : decodeWithImageIO(image);
    }

    // a JPEG decoded by libjpeg-turbo at the smallest 1/2^n scale that is still twice the thumbnail, or null when
    // libjpeg-turbo is missing or cannot take this file (not a JPEG, CMYK, undecodable)
    private Decoded decodeJpeg(Path image) throws IOException {
        if (!TurboJpeg.available()) return null;
        ByteBuffer jpeg = TurboJpeg.map(image);
        int[] size = jpeg == null ? null : TurboJpeg.size(jpeg);
        if (size == null) return null;
        refuseOverMaxPixels(size[0], size[1]);
        double fit = Math.min((double) width / size[0], (double) height / size[1]);
        int denominator = 8;
        while (denominator > 1 && fit * denominator * 2 > 1) denominator /= 2;
        int d = denominator;
        int orientation = ExifOrientation.of(jpeg);
        DecodeBudget.Lease lease = budget.acquire(ceilDiv(size[0], d), ceilDiv(size[1], d), 4);
        try {
            return holding(lease, () -> TurboJpeg.decode(jpeg, size[0], size[1], d),
                    orientation == 0 ? null : Orientation.typeOf(orientation), size);
        } catch (IOException e) {
            return null; // ImageIO has its say, and its error is the one reported
        }
    }

    // a PNG decoded by PngDecoder at every k-th pixel, or null when the file is not a PNG
    private Decoded decodePng(Path image) throws IOException {
        PngDecoder.Header header = PngDecoder.header(image);
        if (header == null) return null;
        int w = header.width();
        int h = header.height();
        refuseOverMaxPixels(w, h);
        int k = Math.max(1, Math.min(w / (2 * width), h / (2 * height)));
        DecodeBudget.Lease lease = budget.acquire(ceilDiv(w, k), ceilDiv(h, k), 4, PngDecoder.rowMemory(header));
        return holding(lease, () -> PngDecoder.decode(image, header, k), shown(image, "png"), new int[] {w, h});
    }

    // a still WebP decoded and scaled by libwebp, or null when libwebp is missing or the file is no still WebP
    private Decoded decodeWebp(Path image) throws IOException {
        if (!Libwebp.available()) return null;
        ByteBuffer webp = Libwebp.map(image);
        Libwebp.Info info = webp == null ? null : Libwebp.info(webp);
        if (info == null) return null;
        refuseOverMaxPixels(info.width(), info.height());
        int k = Math.max(1, Math.min(info.width() / (2 * width), info.height() / (2 * height)));
        // the scaled image, in libwebp's memory and on the heap, and what the decoder holds of the full size
        DecodeBudget.Lease lease = budget.acquire(ceilDiv(info.width(), k), ceilDiv(info.height(), k), 4,
                info.working());
        return holding(lease, () -> Libwebp.decode(webp, info, k), shown(image, "webp"),
                new int[] {info.width(), info.height()});
    }

    private Decoded decodeWithImageIO(Path image) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw NoDecoderException.of(image);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, false);
                return decode(reader, orientation(reader, image), image);
            } finally {
                reader.dispose();
            }
        }
    }

    // a JPEG's EXIF from its ImageIO metadata, a WebP's, PNG's or TIFF's from its chunks or IFD0; metadata a camera
    // got wrong must not cost the thumbnail
    private static Orientation orientation(ImageReader reader, Path image) {
        try {
            if (reader.getFormatName().equalsIgnoreCase("jpeg")) return ExifUtils.getExifOrientation(reader, 0);
            return shown(image, reader.getFormatName());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    // the orientation a WebP's, PNG's or TIFF's EXIF gives, or null
    private static Orientation shown(Path image, String format) {
        int orientation = FileOrientation.of(image, format);
        return orientation == 0 ? null : Orientation.typeOf(orientation);
    }

    // every k-th pixel of every k-th row, keeping at least twice the thumbnail's size for a smooth downscale
    private Decoded decode(ImageReader reader, Orientation orientation, Path image) throws IOException {
        int index;
        int w;
        int h;
        try {
            index = LargestIcon.index(reader);
            w = reader.getWidth(index);
            h = reader.getHeight(index);
        } catch (IOException | RuntimeException e) {
            throw undecodable(reader, e);
        }
        // a GIF's first frame is shown on its logical screen, which the thumbnail is made of
        GifScreen screen = GifScreen.of(reader);
        int shownWidth = screen == null ? w : screen.width();
        int shownHeight = screen == null ? h : screen.height();
        refuseOverMaxPixels(shownWidth, shownHeight);
        ImageReadParam param = reader.getDefaultReadParam();
        int k = Math.max(1, Math.min(shownWidth / (2 * width), shownHeight / (2 * height)));
        param.setSourceSubsampling(k, k, 0, 0);
        // TwelveMonkeys' WebP reader decodes every pixel into a raster of its own before it subsamples: lease that
        // whole raster (w x h x 4 bytes, which acquire's doubling gives at 2 a pixel)
        boolean webp = reader.getFormatName().equalsIgnoreCase("webp");
        DecodeBudget.Lease lease = webp ? budget.acquire(w, h, 2)
                : budget.acquire(ceilDiv(shownWidth, k), ceilDiv(shownHeight, k), bytesPerPixel(reader, index));
        return holding(lease, () -> {
            BufferedImage decoded = read(reader, index, param);
            if (webp) WebPAlpha.restore(image, decoded, w, h, k);
            decoded = SrgbGrey.of(decoded);
            return screen == null ? decoded : screen.place(decoded, k);
        }, orientation, new int[] {w, h});
    }

    // a corrupt image fails here, and so does one whose reader gives nothing
    private static BufferedImage read(ImageReader reader, int index, ImageReadParam param) throws IOException {
        BufferedImage image;
        try {
            image = reader.read(index, param);
        } catch (IOException | RuntimeException e) {
            throw undecodable(reader, e);
        }
        if (image == null) throw new UndecodableImageException("its decoder gave no image");
        return image;
    }

    private static UndecodableImageException undecodable(ImageReader reader, Exception e) {
        return new UndecodableImageException(CorruptImage.reason(reader, e), e);
    }

    // 16-bit samples take 8 bytes a pixel; fewer than 4 are still scaled as 4-byte (A)RGB
    private static int bytesPerPixel(ImageReader reader, int index) {
        try {
            ImageTypeSpecifier type = reader.getRawImageType(index);
            SampleModel pixel = type == null ? null : type.getSampleModel(1, 1);
            return pixel == null ? 4
                    : Math.max(4, pixel.getNumDataElements() * DataBuffer.getDataTypeSize(pixel.getDataType()) / 8);
        } catch (IOException | RuntimeException e) {
            return 8;
        }
    }

    // the lease is given back at once when the decode fails
    private static Decoded holding(DecodeBudget.Lease lease, Decode decode,
            Orientation orientation, int[] size) throws IOException {
        try {
            return new Decoded(decode.image(), orientation, lease, size);
        } catch (Throwable e) {
            lease.close();
            throw e;
        }
    }

    private static long ceilDiv(int size, int k) {
        return (size + k - 1L) / k;
    }

    private void refuseOverMaxPixels(int w, int h) throws IOException {
        if ((long) w * h > maxPixels) throw new UndecodableImageException("refused: the image declares " + w + "x" + h
                + " pixels, over thumbnail.maxPixels (" + maxPixels + "); it was not decoded");
    }

    // every other format gets a PNG thumbnail, which keeps transparency
    private static String outputFormat(String extension) {
        String ext = extension.toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "jpg", "jpeg", "png", "gif" -> ext;
            default -> "png";
        };
    }
}
