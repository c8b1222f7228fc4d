package org.imageharvester.thumbnail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.imageharvester.TestImages;

class ThumbnailerTest {

    @TempDir
    Path work;

    @ParameterizedTest(name = "libjpeg-turbo {0}")
    @ValueSource(booleans = {true, false})
    void applies_the_exif_orientation(boolean libjpegTurbo) throws Exception {
        // a 200x100 landscape whose EXIF says "rotate 90 degrees clockwise to show": a portrait to the viewer
        Path photo = Files.write(work.resolve("rotated.jpg"),
                withOrientation(TestImages.image("jpg", 200, 100, 0x808080), 6));

        Path thumbnail = thumbnailer(work.resolve("thumbs"), libjpegTurbo).thumbnail(photo.toString());

        assertEquals("rotated_thumbnail.jpg", thumbnail.getFileName().toString());
        BufferedImage image = TestImages.read(thumbnail);
        assertEquals(List.of(64, 128), List.of(image.getWidth(), image.getHeight()));
    }

    @Test
    void writes_the_configured_format_and_size() throws Exception {
        Path photo = Files.write(work.resolve("wide.png"), TestImages.image("png", 300, 100, 0x00aa00));

        Path thumbnail = thumbnailerOf(work.toString(), 60, 60, "jpg").thumbnail(photo.toString());

        assertEquals("wide.png_thumbnail.jpg", thumbnail.getFileName().toString(), "the image's own extension kept");
        BufferedImage image = TestImages.read(thumbnail);
        assertEquals(List.of(60, 20), List.of(image.getWidth(), image.getHeight()));
    }

    @ParameterizedTest(name = "libjpeg-turbo {0}")
    @ValueSource(booleans = {true, false})
    void fails_on_a_file_that_is_no_image_and_leaves_nothing_behind(boolean libjpegTurbo) throws Exception {
        // starts like a JPEG, so libjpeg-turbo tries it first; then ImageIO gives the error
        Path junk = Files.write(work.resolve("junk.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 'n', 'o'});
        Path thumbs = work.resolve("thumbs");

        assertThrows(Exception.class, () -> thumbnailer(thumbs, libjpegTurbo).thumbnail(junk.toString()));

        // (without libjpeg-turbo on the machine the folder is not even made)
        if (!Files.isDirectory(thumbs)) return;
        try (var left = Files.list(thumbs)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void refuses_a_decompression_bomb_from_its_header_without_decoding_it() throws Exception {
        // a valid 1x1 PNG whose header is rewritten to declare 30000x30000 pixels: 3.6 GB once decoded
        Path bomb = Files.write(work.resolve("bomb.png"), TestImages.bomb(30000, 30000));

        IOException refused = assertThrows(IOException.class,
                () -> thumbnailerOf(work.resolve("thumbs").toString(), 128, 128, "same").thumbnail(bomb.toString()));

        assertEquals("refused: the image declares 30000x30000 pixels, over thumbnail.maxPixels (100000000);"
                + " it was not decoded", refused.getMessage());
    }

    @ParameterizedTest(name = "libjpeg-turbo {0}")
    @ValueSource(booleans = {true, false})
    void thumbnails_a_large_image_at_a_reduced_scale(boolean libjpegTurbo) throws Exception {
        Path large = Files.write(work.resolve("large.jpg"), TestImages.image("jpg", 4000, 3000, 0x405060));

        Path thumbnail = thumbnailer(work, libjpegTurbo).thumbnail(large.toString());

        BufferedImage image = TestImages.read(thumbnail);
        assertEquals(List.of(128, 96), List.of(image.getWidth(), image.getHeight()));
        assertColour(0x405060, image.getRGB(6, 4), "the corner");
        assertColour(0xFFFFFF, image.getRGB(64, 48), "the white oval in the middle");
    }

    @Test
    void libjpeg_turbo_decodes_the_mapped_file_inside_the_dct_at_an_eighth_of_the_size() throws Exception {
        assumeTrue(TurboJpeg.available(), "libjpeg-turbo is not installed: " + TurboJpeg.problem());
        ByteBuffer jpeg = TurboJpeg.map(Files.write(work.resolve("photo.jpg"),
                TestImages.image("jpg", 2001, 1000, 0xc08040)));

        assertEquals(List.of(2001, 1000), Arrays.stream(TurboJpeg.size(jpeg)).boxed().toList());
        BufferedImage eighth = TurboJpeg.decode(jpeg, 2001, 1000, 8);

        assertEquals(List.of(251, 125), List.of(eighth.getWidth(), eighth.getHeight()));
        assertColour(0xc08040, eighth.getRGB(10, 6), "the corner");
        assertColour(0xFFFFFF, eighth.getRGB(125, 62), "the white oval in the middle");
        assertEquals(null, TurboJpeg.map(Files.write(work.resolve("p.png"), TestImages.image("png", 10, 10, 0))),
                "a PNG is not libjpeg-turbo's");
    }

    @Test
    void decodes_a_jpeg_of_any_file_size_with_libjpeg_turbo() throws Exception {
        // one-pixel black and white stripes: libjpeg-turbo's 1/8 scale averages each block (grey), while ImageIO's
        // every-k-th pixel (k even) sees one colour only. 70 MB of (sparse) trailing zeros: once too large to take
        Path striped = work.resolve("striped.jpg");
        Files.write(striped, stripes(4096, 2048));
        try (RandomAccessFile file = new RandomAccessFile(striped.toFile(), "rw")) {
            file.setLength(70L << 20);
        }

        Path thumbnail = thumbnailer(work.resolve("thumbs"), true).thumbnail(striped.toString());

        int grey = TestImages.read(thumbnail).getRGB(64, 32) & 0xFF;
        assertTrue(grey > 90 && grey < 165, "grey, as libjpeg-turbo decodes it, not " + grey);
    }

    @Test
    void counts_the_whole_raster_a_webp_is_decoded_into() throws Exception {
        // 38 bytes of lossless WebP declaring 8000x8000: its decoder holds every pixel (256 MB), whether libwebp or
        // TwelveMonkeys
        Path bomb = Files.copy(Path.of("src/test/resources/formats/huge-lossless.webp"), work.resolve("bomb.webp"));
        Thumbnailer thumbnailer = thumbnailer(work.resolve("thumbs"), false);
        thumbnailer.setDecodeMemory(64L << 20);

        IOException refused = assertThrows(IOException.class, () -> thumbnailer.thumbnail(bomb.toString()));

        assertTrue(refused.getMessage().startsWith("refused: the image needs 246 MB to decode"), refused.getMessage());
    }

    @ParameterizedTest(name = "libjpeg-turbo {0}")
    @ValueSource(booleans = {true, false})
    void refuses_an_image_that_alone_needs_more_than_thumbnail_decode_memory(boolean libjpegTurbo) throws Exception {
        // decoded whole, by either decoder, for a 128-pixel thumbnail: 511x511 pixels of 4 bytes, twice
        Path large = Files.write(work.resolve("large.jpg"), TestImages.image("jpg", 511, 511, 0x405060));
        Thumbnailer thumbnailer = thumbnailer(work.resolve("thumbs"), libjpegTurbo);
        thumbnailer.setDecodeMemory(1 << 20);

        IOException refused = assertThrows(IOException.class, () -> thumbnailer.thumbnail(large.toString()));

        assertEquals("refused: the image needs 2 MB to decode, over thumbnail.decodeMemory (1 MB), at 511x511 pixels"
                + " (the scale its thumbnail needs); it was not decoded", refused.getMessage());
        assertTrue(Files.exists(large), "the image itself stays");
        try (var left = Files.list(work.resolve("thumbs"))) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void writes_no_file_through_a_link_planted_at_the_part_name() throws Exception {
        Path photo = Files.write(work.resolve("photo.png"), TestImages.image("png", 300, 200, 0x2060a0));
        byte[] kept = "not the harvester's".getBytes();
        Path outside = Files.write(work.resolve("outside.txt"), kept);
        Path thumbs = Files.createDirectories(work.resolve("thumbs"));
        Files.createSymbolicLink(thumbs.resolve(".photo_thumbnail.png.part"), outside);

        Path thumbnail = thumbnailerOf(thumbs.toString(), 128, 128, "same").thumbnail(photo.toString());

        assertArrayEquals(kept, Files.readAllBytes(outside), "the file the link pointed at is unchanged");
        assertTrue(Files.isRegularFile(thumbnail, LinkOption.NOFOLLOW_LINKS), thumbnail + " is a file");
        assertEquals(List.of(128, 85), List.of(TestImages.read(thumbnail).getWidth(),
                TestImages.read(thumbnail).getHeight()));
    }

    @Test
    void refuses_a_final_name_that_is_a_symbolic_link() throws Exception {
        Path photo = Files.write(work.resolve("photo.png"), TestImages.image("png", 300, 200, 0x2060a0));
        byte[] kept = "not the harvester's".getBytes();
        Path outside = Files.write(work.resolve("outside.png"), kept);
        Path thumbs = Files.createDirectories(work.resolve("thumbs"));
        Files.createSymbolicLink(thumbs.resolve("photo_thumbnail.png"), outside);

        IOException refused = assertThrows(IOException.class,
                () -> thumbnailerOf(thumbs.toString(), 128, 128, "same").thumbnail(photo.toString()));

        assertTrue(refused.getMessage().startsWith("refused: photo_thumbnail.png is a symbolic link"),
                refused.getMessage());
        assertArrayEquals(kept, Files.readAllBytes(outside));
        assertTrue(Files.isSymbolicLink(thumbs.resolve("photo_thumbnail.png")), "the link is left as it was");
        assertTrue(Files.notExists(thumbs.resolve(".photo_thumbnail.png.part")), "no part is left behind");
    }

    @Test
    void gives_two_images_of_one_stem_a_thumbnail_each() throws Exception {
        Path images = Files.createDirectories(work.resolve("images"));
        Path png = Files.write(images.resolve("Sunset.png"), TestImages.image("png", 300, 200, 0xff0000));
        Path tif = Files.write(images.resolve("Sunset.tif"), TestImages.image("tif", 300, 200, 0x0000ff));
        Thumbnailer thumbnailer = thumbnailerOf(work.resolve("thumbs").toString(), 128, 128, "same");
        thumbnailer.setDownloadDir(images.toString());

        Path ofPng = thumbnailer.thumbnail(png.toString());
        Path ofTif = thumbnailer.thumbnail(tif.toString());

        assertEquals("Sunset_thumbnail.png", ofPng.getFileName().toString());
        assertEquals("Sunset.tif_thumbnail.png", ofTif.getFileName().toString());
        assertColour(0xff0000, TestImages.read(ofPng).getRGB(2, 2), "the PNG's own thumbnail");
        assertColour(0x0000ff, TestImages.read(ofTif).getRGB(2, 2), "the TIFF's own thumbnail");
        assertEquals(ofTif.toString(), thumbnailer.thumbnailOf(tif.toString()));
    }

    @Test
    void writes_no_thumbnail_through_a_folder_planted_as_a_symbolic_link() throws Exception {
        Path images = Files.createDirectories(work.resolve("images/gallery"));
        Path photo = Files.write(images.resolve("photo.png"), TestImages.image("png", 300, 200, 0x2060a0));
        Path outside = Files.createDirectories(work.resolve("outside"));
        Files.createDirectories(work.resolve("thumbs"));
        Files.createSymbolicLink(work.resolve("thumbs/gallery"), outside);
        Thumbnailer thumbnailer = thumbnailerOf(work.resolve("thumbs").toString(), 128, 128, "same");
        thumbnailer.setDownloadDir(work.resolve("images").toString());

        IOException refused = assertThrows(IOException.class, () -> thumbnailer.thumbnail(photo.toString()));

        assertTrue(refused.getMessage().startsWith("refused: the folder " + work.resolve("thumbs/gallery")
                + " is a symbolic link"), refused.getMessage());
        try (var written = Files.list(outside)) {
            assertEquals(List.of(), written.toList(), "nothing written where the link points");
        }
    }

    private static void assertColour(int expected, int actual, String where) {
        for (int shift : new int[] {16, 8, 0}) {
            assertEquals(expected >> shift & 0xFF, actual >> shift & 0xFF, 6,
                    where + ": " + Integer.toHexString(actual & 0xFFFFFF) + " instead of "
                    + Integer.toHexString(expected));
        }
    }

    // the shipped thumbnail.maxPixels and thumbnail.decodeMemory
    private static Thumbnailer thumbnailerOf(String dir, int width, int height, String format) {
        Thumbnailer thumbnailer = new Thumbnailer(dir, width, height, format);
        thumbnailer.setMaxPixels(100_000_000L);
        thumbnailer.setDecodeMemory(64L << 20);
        return thumbnailer;
    }

    static Thumbnailer thumbnailer(Path dir, boolean libjpegTurbo) {
        if (libjpegTurbo) assumeTrue(TurboJpeg.available(), "libjpeg-turbo is not installed: " + TurboJpeg.problem());
        Thumbnailer thumbnailer = thumbnailerOf(dir.toString(), 128, 128, "same");
        thumbnailer.setLibjpegTurbo(libjpegTurbo);
        return thumbnailer;
    }

    // a JPEG (quality 1.0, so the stripes survive) of alternating one-pixel black and white columns
    private static byte[] stripes(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x += 2) {
            for (int y = 0; y < height; y++) image.setRGB(x + 1, y, 0xFFFFFF);
        }
        return TestImages.jpeg(image, 1f);
    }

    // inserts an APP1 Exif segment holding only the Orientation tag right after the JPEG's JFIF (APP0) segment
    static byte[] withOrientation(byte[] jpeg, int orientation) throws IOException {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
            0, 0, 0, 0};
        byte[] exif = {'E', 'x', 'i', 'f', 0, 0};
        int length = 2 + exif.length + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int afterApp0 = 4 + ((jpeg[4] & 0xff) << 8 | (jpeg[5] & 0xff));
        out.write(jpeg, 0, afterApp0);
        out.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
        out.write(exif);
        out.write(tiff);
        out.write(jpeg, afterApp0, jpeg.length - afterApp0);
        return out.toByteArray();
    }
}
