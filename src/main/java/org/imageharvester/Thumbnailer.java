package org.imageharvester;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * Makes the thumbnail of one saved image with Thumbnailator: fit within {@code thumbnail.width} x
 * {@code thumbnail.height}, aspect kept, EXIF orientation applied, written as {@code <stem>_thumbnail.<ext>}. The image
 * size is read from its header first: one over {@code thumbnail.maxPixels} (a decompression bomb) is refused before a
 * pixel is decoded, and a large one is decoded subsampled, so a thumbnail never needs the whole image in memory.
 */
public final class Thumbnailer {

    private final Path dir;
    private final int width;
    private final int height;
    private final String format;
    private long maxPixels = 100_000_000L;

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

    /** Sets {@code thumbnail.maxPixels}: images declaring more pixels than this are refused unread. */
    public void setMaxPixels(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** Writes the thumbnail of the image file (under a temporary name, then renamed) and returns its path. */
    public Path thumbnail(String imageFile) throws IOException {
        Path image = Path.of(imageFile);
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = format.equals("same") ? outputFormat(dot > 0 ? name.substring(dot + 1) : "png") : format;
        Path target = Files.createDirectories(dir).resolve(stem + "_thumbnail." + extension);
        Path partial = dir.resolve(PartFiles.part(target.getFileName().toString()));
        try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile());
                OutputStream out = Files.newOutputStream(partial)) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) throw new IOException("no decoder for this image's format");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, false);
                Orientation orientation = orientation(reader);
                var thumbnail = Thumbnails.of(decode(reader)).size(width, height).keepAspectRatio(true);
                if (orientation != null) thumbnail.addFilter(ExifFilterUtils.getFilterForOrientation(orientation));
                thumbnail.outputFormat(extension).toOutputStream(out);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        return Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    // only JPEGs carry EXIF here; metadata a camera got wrong must not cost the thumbnail
    private static Orientation orientation(ImageReader reader) {
        try {
            return reader.getFormatName().equalsIgnoreCase("jpeg") ? ExifUtils.getExifOrientation(reader, 0) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    // every k-th pixel of every k-th row, keeping at least twice the thumbnail's size for a smooth downscale
    private BufferedImage decode(ImageReader reader) throws IOException {
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        if ((long) w * h > maxPixels) throw new IOException("refused: the image declares " + w + "x" + h
                + " pixels, over thumbnail.maxPixels (" + maxPixels + "); it was not decoded");
        ImageReadParam param = reader.getDefaultReadParam();
        int k = Math.max(1, Math.min(w / (2 * width), h / (2 * height)));
        param.setSourceSubsampling(k, k, 0, 0);
        return reader.read(0, param);
    }

    // formats the JDK cannot write get a PNG thumbnail, which keeps transparency
    private static String outputFormat(String extension) {
        String ext = extension.toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "jpg", "jpeg", "png", "gif", "bmp" -> ext;
            default -> "png";
        };
    }
}
