package org.imageharvester.thumbnail;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * Decodes a JPEG at 1/2, 1/4 or 1/8 of its size with the system's libjpeg-turbo (Debian: {@code libturbojpeg0}),
 * through JNA, reading the JPEG from its file mapped into memory, never from the heap. Scaling happens inside the
 * inverse DCT (at 1/8 only each block's DC coefficient is used), so most of a full decode's work is never done; ImageIO
 * cannot do this. Without the library, {@link #available()} is false and thumbnails are decoded with ImageIO instead.
 */
final class TurboJpeg {

    // BufferedImage.TYPE_INT_RGB's pixels as bytes on a little-endian machine; Java2D scales this type fastest
    private static final int TJPF_BGRX = 3;
    private static final int TJCS_CMYK = 3;
    private static final int TJCS_YCCK = 4;
    private static final int TJERR_WARNING = 0;
    private static final String PROBLEM = load();

    private TurboJpeg() {
    }

    private static String load() {
        return SystemLibrary.register(TurboJpeg.class, "turbojpeg", "libturbojpeg.so.0", "libturbojpeg.0.dylib");
    }

    /** True when libjpeg-turbo was found. */
    static boolean available() {
        return PROBLEM == null && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    }

    /** Why libjpeg-turbo is not used, or null when it is. */
    static String problem() {
        return PROBLEM;
    }

    /**
     * The file mapped read-only, or null when it does not start like a JPEG (or is over the 2 GB one mapping holds).
     * Its bytes stay in the page cache, whatever its size: a thumbnail thread never copies a JPEG onto the heap. Saved
     * images are replaced by a rename, never rewritten in place, so a mapped file does not shrink under the decoder.
     */
    static ByteBuffer map(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            if (size < 2 || size > Integer.MAX_VALUE) return null;
            ByteBuffer jpeg = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return jpeg.get(0) == (byte) 0xFF && jpeg.get(1) == (byte) 0xD8 ? jpeg : null;
        }
    }

    /** The width and height from the JPEG's header, or null when it is not one libjpeg-turbo decodes to RGB. */
    static int[] size(ByteBuffer jpeg) {
        Pointer handle = tjInitDecompress();
        try {
            int[] w = new int[1], h = new int[1], subsampling = new int[1], colorspace = new int[1];
            if (tjDecompressHeader3(handle, jpeg, new NativeLong(jpeg.limit()), w, h, subsampling, colorspace) != 0
                    || colorspace[0] == TJCS_CMYK || colorspace[0] == TJCS_YCCK) return null;
            return new int[] {w[0], h[0]};
        } finally {
            tjDestroy(handle);
        }
    }

    /**
     * Decodes the JPEG at 1/{@code denominator} of its size (1, 2, 4 or 8). A corrupt but readable stream (cut short,
     * say) decodes as libjpeg would show it; one it cannot decode at all throws.
     */
    static BufferedImage decode(ByteBuffer jpeg, int width, int height, int denominator) throws IOException {
        int w = (width + denominator - 1) / denominator;
        int h = (height + denominator - 1) / denominator;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        Pointer handle = tjInitDecompress();
        try {
            if (tjDecompress2(handle, jpeg, new NativeLong(jpeg.limit()), pixels, w, w * 4, h, TJPF_BGRX, 0) != 0
                    && tjGetErrorCode(handle) != TJERR_WARNING) {
                throw new IOException("libjpeg-turbo cannot decode this JPEG: " + tjGetErrorStr2(handle));
            }
            return image;
        } finally {
            tjDestroy(handle);
        }
    }

    private static native Pointer tjInitDecompress();

    // a direct ByteBuffer (the mapped file) reaches C as the address of its first byte
    private static native int tjDecompressHeader3(Pointer handle, ByteBuffer jpeg, NativeLong size, int[] width,
            int[] height, int[] subsampling, int[] colorspace);

    private static native int tjDecompress2(Pointer handle, ByteBuffer jpeg, NativeLong size, int[] destination,
            int width, int pitch, int height, int pixelFormat, int flags);

    private static native int tjGetErrorCode(Pointer handle);

    private static native String tjGetErrorStr2(Pointer handle);

    private static native int tjDestroy(Pointer handle);
}
