package org.imageharvester.thumbnail;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * Decodes a still WebP (lossy or lossless, with any kind of alpha) with the system's libwebp (Debian: {@code libwebp7},
 * the library Pillow and libvips use), through JNA, from its file mapped into memory, scaled inside the decoder to
 * every k-th pixel's size: libwebp's rescaler works row by row, so no full-size image is ever held. Several times
 * faster than a decoder in Java. Without the library, or for an animated WebP, {@link #decode} is not asked and ImageIO
 * (TwelveMonkeys) decodes it instead.
 */
final class Libwebp {

    // WEBP_DECODER_ABI_VERSION of libwebp 1.x: its decoder structs' layout, which the offsets below follow
    private static final int ABI = 0x0209;
    // WebPBitstreamFeatures, then WebPDecoderConfig = {features, WebPDecBuffer output (at 40), options (at 160)}
    private static final int FEATURES_BYTES = 40;
    private static final int HAS_ANIMATION = 12;
    private static final int FORMAT = 16;
    private static final int LOSSLESS = 2;
    private static final int CONFIG_BYTES = 240;
    private static final int OUTPUT_COLORSPACE = 40;
    private static final int OUTPUT_EXTERNAL = 52;
    private static final int OUTPUT_RGBA = 56;
    private static final int OUTPUT_STRIDE = 64;
    private static final int OUTPUT_SIZE = 72;
    private static final int USE_SCALING = 188;
    private static final int SCALED_WIDTH = 192;
    private static final int SCALED_HEIGHT = 196;
    // MODE_BGRA: on a little-endian machine, BufferedImage.TYPE_INT_ARGB's ints
    private static final int MODE_BGRA = 3;
    private static final String[] STATUS = {"ok", "out of memory", "invalid parameters",
        "its data is not a valid WebP bitstream", "it uses a feature libwebp does not have", "suspended", "aborted",
        "the data ends early (a transfer cut short?)"};
    private static final String PROBLEM = load();

    private Libwebp() {
    }

    private static String load() {
        return SystemLibrary.register(Libwebp.class, "webp", "libwebp.so.7", "libwebp.7.dylib");
    }

    /** True when libwebp was found. */
    static boolean available() {
        return PROBLEM == null && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    }

    /** Why libwebp is not used, or null when it is. */
    static String problem() {
        return PROBLEM;
    }

    /** What a still WebP's header says. */
    record Info(int width, int height, boolean alpha, boolean lossless) {

        /**
         * The bytes libwebp holds besides the scaled image: a lossless image whole (its back-references reach anywhere
         * above), a lossy one's alpha plane whole, and some rows of the full width.
         */
        long working() {
            long pixels = (long) width * height;
            return (lossless ? 4 * pixels : alpha ? pixels : 0) + 64L * width;
        }
    }

    /** The file mapped read-only, or null when it is not a RIFF WebP (or is over the 2 GB one mapping holds). */
    static ByteBuffer map(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            if (size < 12 || size > Integer.MAX_VALUE) return null;
            ByteBuffer webp = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            boolean riff = webp.get(0) == 'R' && webp.get(1) == 'I' && webp.get(2) == 'F' && webp.get(3) == 'F';
            return riff && webp.get(8) == 'W' && webp.get(9) == 'E' && webp.get(10) == 'B' && webp.get(11) == 'P'
                    ? webp : null;
        }
    }

    /** The size and alpha of a still WebP, or null for an animated one (or one whose header libwebp refuses). */
    static Info info(ByteBuffer webp) {
        try (Memory features = new Memory(FEATURES_BYTES)) {
            features.clear();
            if (WebPGetFeaturesInternal(webp, new NativeLong(webp.limit()), features, ABI) != 0
                    || features.getInt(HAS_ANIMATION) != 0) return null;
            return new Info(features.getInt(0), features.getInt(4), features.getInt(8) != 0,
                    features.getInt(FORMAT) == LOSSLESS);
        }
    }

    /** Decodes the WebP scaled to ceil(width / k) x ceil(height / k). */
    static BufferedImage decode(ByteBuffer webp, Info info, int k) throws IOException {
        int w = (info.width() + k - 1) / k;
        int h = (info.height() + k - 1) / k;
        BufferedImage image = new BufferedImage(w, h,
                info.alpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        try (Memory config = new Memory(CONFIG_BYTES); Memory out = new Memory(4L * w * h)) {
            if (WebPInitDecoderConfigInternal(config, ABI) == 0) throw new IOException("libwebp refused its ABI");
            config.setInt(OUTPUT_COLORSPACE, MODE_BGRA);
            config.setInt(OUTPUT_EXTERNAL, 1);
            config.setPointer(OUTPUT_RGBA, out);
            config.setInt(OUTPUT_STRIDE, 4 * w);
            config.setLong(OUTPUT_SIZE, out.size());
            if (k > 1) {
                config.setInt(USE_SCALING, 1);
                config.setInt(SCALED_WIDTH, w);
                config.setInt(SCALED_HEIGHT, h);
            }
            int status = WebPDecode(webp, new NativeLong(webp.limit()), config);
            if (status != 0) {
                throw new UndecodableImageException("corrupt WebP: " + (status < STATUS.length ? STATUS[status]
                        : "libwebp's status " + status));
            }
            out.read(0, pixels, 0, pixels.length);
        }
        return image;
    }

    // a direct ByteBuffer (the mapped file) reaches C as the address of its first byte
    private static native int WebPGetFeaturesInternal(ByteBuffer data, NativeLong size, Pointer features, int abi);

    private static native int WebPInitDecoderConfigInternal(Pointer config, int abi);

    private static native int WebPDecode(ByteBuffer data, NativeLong size, Pointer config);
}
