package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
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
        "plain.bmp, png, 2878c8",       // a BMP thumbnail would lose a 32-bit BMP's alpha
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

    @Test
    void keeps_the_transparency_of_a_32_bit_bmp() throws Exception {
        // 64 x 32, BITMAPV4HEADER with an alpha mask: the left half transparent, the right half opaque blue
        int w = 64;
        int h = 32;
        ByteBuffer bmp = ByteBuffer.allocate(14 + 108 + 4 * w * h).order(ByteOrder.LITTLE_ENDIAN);
        bmp.put((byte) 'B').put((byte) 'M').putInt(bmp.capacity()).putInt(0).putInt(14 + 108);
        bmp.putInt(108).putInt(w).putInt(h).putShort((short) 1).putShort((short) 32).putInt(3).putInt(4 * w * h)
                .putInt(2835).putInt(2835).putInt(0).putInt(0);
        bmp.putInt(0x00ff0000).putInt(0x0000ff00).putInt(0x000000ff).putInt(0xff000000).putInt(0x73524742);
        bmp.position(14 + 108);
        for (int i = 0; i < w * h; i++) bmp.putInt(i % w < w / 2 ? 0x00ffffff : 0xff2040d0);
        Path image = Files.write(work.resolve("icon.bmp"), bmp.array());
        Thumbnailer thumbnailer = new Thumbnailer(work.resolve("thumbs").toString(), 128, 128, "same");
        thumbnailer.setMaxPixels(100_000_000L);
        thumbnailer.setDecodeMemory(64L << 20);

        BufferedImage made = TestImages.read(thumbnailer.thumbnail(image.toString()));

        assertEquals(0, made.getRGB(5, 16) >>> 24, "the transparent half stays transparent, not black");
        assertColour(0x2040d0, made.getRGB(60, 16), "the opaque half");
    }

    private static void assertColour(int expected, int actual, String where) {
        for (int shift : new int[] {16, 8, 0}) {
            assertEquals(expected >> shift & 0xFF, actual >> shift & 0xFF, 12,
                    where + ": " + Integer.toHexString(actual & 0xFFFFFF) + " instead of "
                    + Integer.toHexString(expected));
        }
    }
}
