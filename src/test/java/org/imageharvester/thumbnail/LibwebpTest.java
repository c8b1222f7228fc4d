package org.imageharvester.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.imageharvester.TestImages;

/**
 * WebPs the test encodes itself with the system's libwebp (lossy with its alpha plane, lossless), thumbnailed through
 * libwebp's scaled decode: the four corners' colours where they were, the transparent band still transparent.
 */
class LibwebpTest {

    private static final int W = 600;
    private static final int H = 400;
    private static final int[] CORNERS = {0xffd02020, 0xff20a020, 0xff2040d0, 0xffe0c020};

    @TempDir
    Path work;

    /** libwebp's simple encoding API. */
    public interface Encoder extends Library {
        NativeLong WebPEncodeRGBA(byte[] rgba, int width, int height, int stride, float quality,
                PointerByReference output);

        NativeLong WebPEncodeLosslessRGBA(byte[] rgba, int width, int height, int stride, PointerByReference output);

        void WebPFree(Pointer memory);
    }

    private static Encoder encoder;

    @BeforeAll
    static void libwebp() {
        assumeTrue(Libwebp.available(), "libwebp is not installed (Debian: libwebp7)");
        encoder = Native.load("webp", Encoder.class);
    }

    @ParameterizedTest(name = "lossless {0}")
    @ValueSource(booleans = {false, true})
    void thumbnails_a_webp_upright_in_its_colours_and_alpha(boolean lossless) throws Exception {
        Path image = work.resolve("picture.webp");
        Files.write(image, encode(lossless));
        Thumbnailer thumbnailer = new Thumbnailer(work.resolve("thumbs").toString(), 128, 128, "same");
        thumbnailer.setMaxPixels(100_000_000L);
        thumbnailer.setDecodeMemory(64L << 20);

        BufferedImage made = TestImages.read(thumbnailer.thumbnail(image.toString()));

        assertEquals(128, made.getWidth());
        assertEquals(85, made.getHeight());
        int[][] at = {{4, 4}, {123, 4}, {4, 72}, {123, 72}};
        for (int i = 0; i < 4; i++) {
            int argb = made.getRGB(at[i][0], at[i][1]);
            for (int shift : new int[] {24, 16, 8, 0}) {
                assertEquals(CORNERS[i] >>> shift & 0xff, argb >>> shift & 0xff, 16,
                        "corner " + i + ": " + Integer.toHexString(argb));
            }
        }
        assertTrue(made.getRGB(64, 42) >>> 24 < 16, "the band across the middle stays transparent");
    }

    @Test
    void a_webp_cut_short_is_corrupt_with_a_reason() throws Exception {
        byte[] whole = encode(false);
        Path image = work.resolve("cut.webp");
        Files.write(image, Arrays.copyOf(whole, whole.length * 2 / 3));
        Thumbnailer thumbnailer = new Thumbnailer(work.resolve("thumbs").toString(), 128, 128, "same");
        thumbnailer.setMaxPixels(100_000_000L);
        thumbnailer.setDecodeMemory(64L << 20);

        UndecodableImageException e = assertThrows(UndecodableImageException.class,
                () -> thumbnailer.thumbnail(image.toString()));
        assertTrue(e.getMessage().startsWith("corrupt WebP: "), e.getMessage());
    }

    // four coloured quarters, a transparent band across the middle
    private static byte[] encode(boolean lossless) {
        byte[] rgba = new byte[W * H * 4];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int argb = CORNERS[(x < W / 2 ? 0 : 1) + (y < H / 2 ? 0 : 2)];
                if (Math.abs(y - H / 2) < 40) argb = 0;
                int p = 4 * (y * W + x);
                rgba[p] = (byte) (argb >> 16);
                rgba[p + 1] = (byte) (argb >> 8);
                rgba[p + 2] = (byte) argb;
                rgba[p + 3] = (byte) (argb >>> 24);
            }
        }
        PointerByReference output = new PointerByReference();
        long size = (lossless ? encoder.WebPEncodeLosslessRGBA(rgba, W, H, 4 * W, output)
                : encoder.WebPEncodeRGBA(rgba, W, H, 4 * W, 90, output)).longValue();
        assertTrue(size > 0, "libwebp encoded it");
        try {
            return output.getValue().getByteArray(0, (int) size);
        } finally {
            encoder.WebPFree(output.getValue());
        }
    }
}
