package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.imageharvester.thumbnail.Thumbnailer;

/** Thumbnails of the formats galleries serve besides plain JPEG and PNG (files made by Pillow, in test resources). */
class ImageFormatsTest {

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "lossy.webp, png, c82828",        // WebP (VP8), through TwelveMonkeys; the thumbnail becomes PNG
        "lossless.webp, png, 28a028",     // WebP (VP8L)
        // an Adobe CMYK JPEG: libjpeg-turbo and the JDK refuse it, TwelveMonkeys reads it
        "cmyk.jpg, jpg, 2828c8",
        "progressive.jpg, jpg, c8a028",
        "animated.gif, gif, c828c8",      // the first frame
        "plain.bmp, bmp, 2878c8",
        "palette.png, png, 2878c8",       // 8-bit palette: the thumbnail keeps its colours
    })
    void thumbnails_the_format(String file, String thumbnailExtension, String colour) throws Exception {
        Path image = work.resolve(file);
        try (InputStream in = getClass().getResourceAsStream("/formats/" + file)) {
            Files.copy(in, image);
        }
        Thumbnailer thumbnailer = new Thumbnailer(work.resolve("thumbs").toString(), 128, 128, "same");
        thumbnailer.setLibjpegTurbo(true);
        thumbnailer.setMaxPixels(100_000_000L);
        thumbnailer.setDecodeMemory(64L << 20);

        Path thumbnail = thumbnailer.thumbnail(image.toString());

        // (a thumbnail of another format keeps the image's extension: lossy.webp_thumbnail.png)
        String extension = file.substring(file.lastIndexOf('.') + 1);
        String stem = extension.equals(thumbnailExtension) ? file.substring(0, file.lastIndexOf('.')) : file;
        assertEquals(stem + "_thumbnail." + thumbnailExtension, thumbnail.getFileName().toString());
        BufferedImage made = TestImages.read(thumbnail);
        assertEquals(List.of(128, 85), List.of(made.getWidth(), made.getHeight()));
        assertColour(Integer.parseInt(colour, 16), made.getRGB(5, 5), "the corner");
        assertColour(0xFFFFFF, made.getRGB(64, 42), "the white oval in the middle");
    }

    private static void assertColour(int expected, int actual, String where) {
        for (int shift : new int[] {16, 8, 0}) {
            assertEquals(expected >> shift & 0xFF, actual >> shift & 0xFF, 12,
                    where + ": " + Integer.toHexString(actual & 0xFFFFFF) + " instead of "
                    + Integer.toHexString(expected));
        }
    }
}
