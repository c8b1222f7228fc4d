package org.imageharvester.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.imageharvester.TestImages;

/** The structure checks on whole images, fed at once, a byte at a time and in random slices; and on broken ones. */
class StructureCheckTest {

    private static final byte[] JPEG = TestImages.jpeg(TestImages.photo(7, 120, 80), 0.8f);
    private static final byte[] PNG = TestImages.image("png", 40, 30, 0x336699);
    private static final byte[] GIF = TestImages.image("gif", 40, 30, 0x336699);

    @ParameterizedTest
    @ValueSource(strings = {"made.jpg", "made.png", "made.gif", "cmyk.jpg", "progressive.jpg", "palette.png",
        "animated.gif", "lossy.webp", "lossless.webp"})
    void passes_a_whole_image_however_its_bytes_are_sliced(String name) throws IOException {
        byte[] image = image(name);
        String format = ImageSignature.of(Arrays.copyOf(image, ImageSignature.HEAD));

        check(format, image, image.length);
        check(format, image, 1);
        Random random = new Random(name.hashCode());
        for (int i = 0; i < 20; i++) check(format, image, 1 + random.nextInt(700));
    }

    @ParameterizedTest
    @ValueSource(strings = {"made.jpg", "made.png", "made.gif", "progressive.jpg", "animated.gif", "lossy.webp"})
    void finds_every_cut_short_body_truncated(String name) throws IOException {
        byte[] image = image(name);
        String format = ImageSignature.of(Arrays.copyOf(image, ImageSignature.HEAD));
        int step = Math.max(1, image.length / 400);
        for (int cut = 1; cut < image.length; cut += step) {
            byte[] part = Arrays.copyOf(image, cut);
            BrokenImageException broken = assertThrows(BrokenImageException.class, () -> check(format, part, 97),
                    name + " cut at " + cut);
            assertTrue(broken.getMessage().startsWith("truncated "), name + " cut at " + cut + ": " + broken);
        }
    }

    @Test
    void says_why_a_cut_short_body_is_broken() throws IOException {
        assertEquals("truncated JPEG: the data ends before its end marker",
                broken("jpg", Arrays.copyOf(JPEG, JPEG.length / 2)));
        assertEquals("truncated PNG: no IEND (the data ends after its IDAT chunk)",
                broken("png", Arrays.copyOf(PNG, PNG.length - 12)));
        assertEquals("truncated PNG: no IEND (the data ends inside its IDAT chunk)",
                broken("png", Arrays.copyOf(PNG, PNG.length - 20)));
        assertEquals("truncated GIF: the data ends before its trailer", broken("gif", Arrays.copyOf(GIF,
                GIF.length - 1)));
        byte[] webp = image("lossy.webp");
        assertEquals("truncated WebP: its RIFF header says " + webp.length + " bytes, 100 arrived",
                broken("webp", Arrays.copyOf(webp, 100)));
    }

    @Test
    void passes_bytes_after_the_end_of_a_jpeg_a_png_and_a_gif() throws IOException {
        byte[] trailer = "camera data after the image".getBytes(StandardCharsets.US_ASCII);
        check("jpg", TestImages.concat(JPEG, trailer), 1);
        check("png", TestImages.concat(PNG, trailer), 1);
        check("gif", TestImages.concat(GIF, trailer), 1);
    }

    @Test
    void finds_garbage_where_a_jpeg_marker_should_be() {
        // a JFIF header (APP0, 16 bytes), then text
        byte[] garbage = TestImages.concat(Arrays.copyOf(JPEG, 20), "no JPEG here".getBytes(StandardCharsets.US_ASCII));
        assertEquals("corrupt JPEG: no marker where one should be (byte 20)", broken("jpg", garbage));
        byte[] random = new byte[5000];
        new Random(1).nextBytes(random);
        random[0] = (byte) 0xFF;
        random[1] = (byte) 0xD8;
        random[2] = (byte) 0xFF;
        // (random bytes where a marker's code and length should be: a segment longer than the body, or no marker)
        assertTrue(broken("jpg", random).matches("(corrupt|truncated) JPEG: .*"), broken("jpg", random));
    }

    @Test
    void finds_a_jpeg_without_a_frame_or_a_scan() {
        byte[] empty = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
        assertEquals("corrupt JPEG: an end marker before any frame header (byte 3)", broken("jpg", empty));
        byte[] scanFirst = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2};
        assertEquals("corrupt JPEG: a scan before its frame header (byte 3)", broken("jpg", scanFirst));
    }

    @Test
    void finds_a_bad_crc_in_a_png_chunk() {
        byte[] bad = PNG.clone();
        int idat = indexOf(bad, "IDAT");
        bad[idat + 6] ^= 0x01; // a byte of its data
        String reason = broken("png", bad);
        assertTrue(reason.startsWith("corrupt PNG: bad CRC in IDAT (byte "), reason);
    }

    @Test
    void finds_a_png_whose_first_chunk_is_not_ihdr_or_whose_chunks_are_junk() {
        byte[] first = TestImages.concat(Arrays.copyOf(PNG, 8), TestImages.pngChunk("tEXt", new byte[3]));
        assertEquals("corrupt PNG: its first chunk is tEXt, not IHDR (byte 8)", broken("png", first));
        assertEquals("corrupt PNG: no chunk where one should be (byte 8)",
                broken("png", TestImages.concat(Arrays.copyOf(PNG, 8), new byte[40])));
    }

    @Test
    void finds_junk_where_a_gif_block_should_be() {
        // the header and the colour table of the GIF ImageIO made, then junk
        int blocks = 13 + (3 << ((GIF[10] & 7) + 1));
        byte[] junk = TestImages.concat(Arrays.copyOf(GIF, blocks), new byte[] {0x55, 1, 2, 3});
        assertEquals("corrupt GIF: no block where one should be (byte " + blocks + ")", broken("gif", junk));
    }

    @Test
    void follows_no_structure_of_the_other_formats() {
        for (String format : new String[] {"tif", "bmp", "ico", "jxl", "avif", "heic", null}) {
            assertNull(StructureCheck.of(format), format);
        }
    }

    private static String broken(String format, byte[] body) {
        String whole = assertThrows(BrokenImageException.class, () -> check(format, body, body.length)).getMessage();
        String byByte = assertThrows(BrokenImageException.class, () -> check(format, body, 1)).getMessage();
        assertEquals(whole, byByte, "the same reason, however the bytes came");
        return whole;
    }

    // feeds the body in slices of at most that many bytes, from an offset into a larger buffer, then ends it
    private static void check(String format, byte[] body, int slice) throws BrokenImageException {
        StructureCheck check = StructureCheck.of(format);
        byte[] buffer = new byte[slice + 10];
        for (int at = 0; at < body.length; at += slice) {
            int n = Math.min(slice, body.length - at);
            System.arraycopy(body, at, buffer, 5, n);
            check.update(buffer, 5, n);
        }
        check.end();
    }

    private static byte[] image(String name) throws IOException {
        switch (name) {
            case "made.jpg": return JPEG;
            case "made.png": return PNG;
            case "made.gif": return GIF;
            default:
                try (InputStream in = StructureCheckTest.class.getResourceAsStream("/formats/" + name)) {
                    return in.readAllBytes();
                }
        }
    }

    private static int indexOf(byte[] bytes, String ascii) {
        byte[] wanted = ascii.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + wanted.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + wanted.length, wanted, 0, wanted.length)) return i;
        }
        throw new AssertionError(ascii + " not found");
    }
}
