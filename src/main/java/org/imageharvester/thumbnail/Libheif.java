package org.imageharvester.thumbnail;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * Decodes AVIF and HEIF images with the system's libheif (Debian: {@code libheif1}, which decodes AV1 with dav1d or
 * aom and HEVC with libde265), through JNA, reading the file mapped into memory: the primary image, its rotation and
 * mirroring applied, to 8-bit RGB (RGBA when it has alpha) in native memory, of which every k-th pixel is copied into
 * a heap image within {@code thumbnail.decodeMemory}. libheif cannot decode at a reduced scale: the whole image is
 * decoded outside the heap, one per thumbnail thread, each at most {@code thumbnail.maxPixels}. Without the library,
 * {@link #available()} is false and AVIF and HEIF images are kept without a thumbnail.
 */
final class Libheif {

    private static final int COLORSPACE_RGB = 1;
    private static final int CHROMA_RGB = 10;
    private static final int CHROMA_RGBA = 11;
    private static final int CHANNEL_INTERLEAVED = 10;
    private static final int COMPRESSION_HEVC = 1;
    private static final int COMPRESSION_AV1 = 4;
    private static final int UNSUPPORTED_FILETYPE = 3;
    private static final int UNSUPPORTED_FEATURE = 4;
    private static final int SECURITY_LIMIT_EXCEEDED = 1000;
    private static final int LIBHEIF_SIDE_LIMIT = 32768;
    private static final String PROBLEM = load();
    // asked once, when the library loads (a bean's start-up), not when the ready line is written
    private static final List<String> FORMATS = decoders();

    private Libheif() {
    }

    /** {@code struct heif_error}, which libheif's calls return by value; {@code message} is never null. */
    @Structure.FieldOrder({"code", "subcode", "message"})
    public static final class HeifError extends Structure implements Structure.ByValue {
        public int code;
        public int subcode;
        public String message;
    }

    /**
     * A decoded image, the bytes of {@code thumbnail.decodeMemory} it holds until its thumbnail is written, and the
     * image's own width and height (as shown, its rotation applied).
     */
    record Pixels(BufferedImage image, DecodeBudget.Lease lease, int[] size) {
    }

    private static String load() {
        String problem = SystemLibrary.register(Libheif.class, "heif", "libheif.so.1", "libheif.1.dylib");
        // loads the codec plugins, once; every context allocated later finds them
        if (problem == null) heif_init(null);
        return problem;
    }

    /** True when libheif was found. */
    static boolean available() {
        return PROBLEM == null;
    }

    /** Why libheif is not used, or null when it is. */
    static String problem() {
        return PROBLEM;
    }

    /** The formats libheif decodes here ({@code AVIF}, {@code HEIF}: those it has a decoder plugin for). */
    static List<String> formats() {
        return FORMATS;
    }

    private static List<String> decoders() {
        List<String> formats = new ArrayList<>();
        if (PROBLEM != null) return List.of();
        if (heif_have_decoder_for_format(COMPRESSION_AV1) != 0) formats.add(FormatName.AVIF);
        if (heif_have_decoder_for_format(COMPRESSION_HEVC) != 0) formats.add(FormatName.HEIF);
        return List.copyOf(formats);
    }

    /**
     * Decodes an AVIF or HEIF file to every k-th pixel of every k-th row, keeping at least twice the {@code boxWidth} x
     * {@code boxHeight} box the thumbnail fits in; null when the file is neither. A broken image throws {@link
     * UndecodableImageException}, one whose codec libheif has no decoder for {@link NoDecoderException}.
     */
    static Pixels decode(Path file, int boxWidth, int boxHeight, long maxPixels, DecodeBudget budget)
            throws IOException {
        ByteBuffer heif = map(file);
        String format = heif == null ? null : FormatName.heif(head(heif));
        if (format == null) return null;
        Pointer context = heif_context_alloc();
        Pointer handle = null;
        try {
            // libheif refuses, while it reads the file, any image (a grid's tiles too) with a side longer than this:
            // 32768 unless set lower; a side longer than thumbnail.maxPixels is over it whatever the other side
            heif_context_set_maximum_image_size_limit(context, (int) Math.min(maxPixels, LIBHEIF_SIDE_LIMIT));
            // the tiles of a grid image (a phone's HEIC) one at a time, so that thumbnail.concurrency stays the number
            // of decodes at work (1, not 0: some libheif versions wait for a first tile that 0 never starts)
            heif_context_set_max_decoding_threads(context, 1);
            NativeLong size = new NativeLong(heif.limit());
            check(heif_context_read_from_memory_without_copy(context, heif, size, null), format);
            PointerByReference primary = new PointerByReference();
            check(heif_context_get_primary_image_handle(context, primary), format);
            handle = primary.getValue();
            int w = heif_image_handle_get_width(handle);
            int h = heif_image_handle_get_height(handle);
            if ((long) w * h > maxPixels) throw new UndecodableImageException("refused: the image declares " + w + "x"
                    + h + " pixels, over thumbnail.maxPixels (" + maxPixels + "); it was not decoded");
            int k = Math.max(1, Math.min(w / (2 * boxWidth), h / (2 * boxHeight)));
            DecodeBudget.Lease lease = budget.acquire((w + k - 1L) / k, (h + k - 1L) / k, 4);
            try {
                Sampled sampled = decode(handle, w, h, k, format);
                return new Pixels(sampled.image(), lease, new int[] {sampled.width(), sampled.height()});
            } catch (Throwable e) {
                lease.close();
                throw e;
            }
        } finally {
            if (handle != null) heif_image_handle_release(handle);
            heif_context_free(context);
            // libheif reads the mapped bytes, without a copy, until its context is freed
            Reference.reachabilityFence(heif);
        }
    }

    // the image decoded whole to 8-bit RGB(A) in native memory (interleaved RGB is 8 bits a sample: an image of 10 or
    // 12 is converted), its transformations applied (libheif's default), and sampled from there onto the heap
    private static Sampled decode(Pointer handle, int w, int h, int k, String format) throws IOException {
        boolean alpha = heif_image_handle_has_alpha_channel(handle) != 0;
        PointerByReference image = new PointerByReference();
        try {
            check(heif_decode_image(handle, image, COLORSPACE_RGB, alpha ? CHROMA_RGBA : CHROMA_RGB, null), format);
            return sample(image.getValue(), w, h, k, alpha, heif_image_handle_is_premultiplied_alpha(handle) != 0);
        } finally {
            if (image.getValue() != null) heif_image_release(image.getValue());
        }
    }

    // the sampled image, and the decoded one's width and height (its rotation applied: 90 or 270 degrees swap them)
    private record Sampled(BufferedImage image, int width, int height) {
    }

    // every k-th pixel of every k-th row of the decoded image, one row of it on the heap at a time
    private static Sampled sample(Pointer image, int w, int h, int k, boolean alpha, boolean premultiplied)
            throws UndecodableImageException {
        IntByReference stride = new IntByReference();
        Pointer plane = heif_image_get_plane_readonly(image, CHANNEL_INTERLEAVED, stride);
        int width = heif_image_get_width(image, CHANNEL_INTERLEAVED);
        int height = heif_image_get_height(image, CHANNEL_INTERLEAVED);
        int bytes = alpha ? 4 : 3;
        if (plane == null || width < 1 || height < 1 || (long) width * height > (long) w * h
                || heif_image_get_bits_per_pixel(image, CHANNEL_INTERLEAVED) != 8 * bytes) {
            throw new UndecodableImageException("does not decode: libheif gave no 8-bit RGB image of " + w + "x" + h);
        }
        int outWidth = (width + k - 1) / k;
        int outHeight = (height + k - 1) / k;
        BufferedImage sampled = new BufferedImage(outWidth, outHeight, !alpha ? BufferedImage.TYPE_INT_RGB
                : premultiplied ? BufferedImage.TYPE_INT_ARGB_PRE : BufferedImage.TYPE_INT_ARGB);
        int[] pixels = ((DataBufferInt) sampled.getRaster().getDataBuffer()).getData();
        byte[] row = new byte[width * bytes];
        for (int y = 0; y < outHeight; y++) {
            plane.read((long) y * k * stride.getValue(), row, 0, row.length);
            for (int x = 0, at = 0; x < outWidth; x++, at += k * bytes) {
                int argb = (row[at] & 0xFF) << 16 | (row[at + 1] & 0xFF) << 8 | row[at + 2] & 0xFF;
                pixels[y * outWidth + x] = alpha ? (row[at + 3] & 0xFF) << 24 | argb : argb;
            }
        }
        return new Sampled(sampled, width, height);
    }

    // a codec or a kind of file libheif has no decoder for: kept; anything else: the file is broken
    private static void check(HeifError error, String format) throws UndecodableImageException {
        if (error.code == 0) return;
        String reason = "libheif: " + error.message.strip();
        if (error.code == UNSUPPORTED_FILETYPE || error.code == UNSUPPORTED_FEATURE) {
            throw new NoDecoderException(format + " has no decoder here (" + reason + ")");
        }
        if (error.subcode == SECURITY_LIMIT_EXCEEDED) {
            throw new UndecodableImageException("refused: " + reason + "; it was not decoded");
        }
        throw new UndecodableImageException("does not decode: " + reason);
    }

    // the file mapped read-only, or null when it is too short to be a HEIF or over the 2 GB one mapping holds
    private static ByteBuffer map(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            if (size < 16 || size > Integer.MAX_VALUE) return null;
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
    }

    private static byte[] head(ByteBuffer file) {
        byte[] head = new byte[Math.min(64, file.limit())];
        file.get(0, head);
        return head;
    }

    private static native HeifError heif_init(Pointer params);

    private static native int heif_have_decoder_for_format(int format);

    private static native Pointer heif_context_alloc();

    private static native void heif_context_free(Pointer context);

    private static native void heif_context_set_maximum_image_size_limit(Pointer context, int maximumWidth);

    private static native void heif_context_set_max_decoding_threads(Pointer context, int threads);

    // a direct ByteBuffer (the mapped file) reaches C as the address of its first byte; size_t is a C long here
    private static native HeifError heif_context_read_from_memory_without_copy(Pointer context, ByteBuffer file,
            NativeLong size, Pointer options);

    private static native HeifError heif_context_get_primary_image_handle(Pointer context, PointerByReference handle);

    private static native int heif_image_handle_get_width(Pointer handle);

    private static native int heif_image_handle_get_height(Pointer handle);

    private static native int heif_image_handle_has_alpha_channel(Pointer handle);

    private static native int heif_image_handle_is_premultiplied_alpha(Pointer handle);

    private static native void heif_image_handle_release(Pointer handle);

    private static native HeifError heif_decode_image(Pointer handle, PointerByReference image, int colorspace,
            int chroma, Pointer options);

    private static native Pointer heif_image_get_plane_readonly(Pointer image, int channel, IntByReference stride);

    private static native int heif_image_get_width(Pointer image, int channel);

    private static native int heif_image_get_height(Pointer image, int channel);

    private static native int heif_image_get_bits_per_pixel(Pointer image, int channel);

    private static native void heif_image_release(Pointer image);
}
