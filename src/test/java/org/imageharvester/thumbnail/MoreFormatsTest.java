package org.imageharvester.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.imageharvester.RawImages;
import org.imageharvester.TestImages;

/** TIFF (BigTIFF, a CMYK JPEG inside), ICO and CUR are thumbnailed through TwelveMonkeys' ImageIO readers. */
class MoreFormatsTest {

    // Debian's ImageMagick 6 (/usr/local/bin/convert may be another program)
    private static final Path CONVERT = Path.of("/usr/bin/convert");

    @TempDir
    Path work;

    @Test
    void reads_a_bigtiff() throws Exception {
        Path tiff = Files.write(work.resolve("big.tif"),
                RawImages.tiff(RawImages.marked(300, 200, 0xFF2878C8, 0xFFC82828), 1, true));

        BufferedImage thumbnail = TestImages.read(thumbnailer().thumbnail(tiff.toString()));

        assertEquals(List.of(128, 85), List.of(thumbnail.getWidth(), thumbnail.getHeight()));
        assertColour(0xC82828, thumbnail.getRGB(5, 5), "the marked corner");
        assertColour(0x2878C8, thumbnail.getRGB(100, 60), "the rest");
    }

    @Test
    void thumbnails_an_icon_at_its_largest_size() throws Exception {
        // the sizes out of order, the largest in the middle: 16 red, 48 green, 32 blue
        Path ico = Files.write(work.resolve("favicon.ico"), RawImages.icon(1,
                RawImages.marked(16, 16, 0xFFFF0000, 0xFFFF0000), RawImages.marked(48, 48, 0xFF00FF00, 0xFF0000FF),
                RawImages.marked(32, 32, 0xFF0000FF, 0xFF0000FF)));
        Path cur = Files.write(work.resolve("pointer.cur"), RawImages.icon(2,
                RawImages.marked(16, 16, 0xFFFF0000, 0xFFFF0000), RawImages.marked(32, 32, 0xFF00FF00, 0xFF0000FF)));

        Path ofIco = thumbnailer().thumbnail(ico.toString());
        Path ofCur = thumbnailer().thumbnail(cur.toString());

        assertEquals("favicon.ico_thumbnail.png", ofIco.getFileName().toString());
        BufferedImage icon = TestImages.read(ofIco);
        assertEquals(List.of(48, 48), List.of(icon.getWidth(), icon.getHeight()));
        assertColour(0x00FF00, icon.getRGB(40, 40), "the 48-pixel icon's green");
        BufferedImage pointer = TestImages.read(ofCur);
        assertEquals(List.of(32, 32), List.of(pointer.getWidth(), pointer.getHeight()));
        assertColour(0x00FF00, pointer.getRGB(20, 20), "the 32-pixel cursor's green");
    }

    @Test
    void shows_a_cmyk_jpeg_inside_a_tiff_in_its_colours() throws Exception {
        assumeTrue(Files.isExecutable(CONVERT), "ImageMagick is not installed (.ci/run installs Debian's)");
        Path tiff = work.resolve("cmyk.tif");
        Process convert = new ProcessBuilder(CONVERT.toString(), "-size", "300x200", "xc:rgb(40,120,200)", "-fill",
                "rgb(200,40,40)", "-draw", "rectangle 0,0 74,49", "-alpha", "off", "-colorspace", "cmyk",
                "-compress", "jpeg", tiff.toString()).redirectErrorStream(true).start();
        String output = new String(convert.getInputStream().readAllBytes());
        assertEquals(true, convert.waitFor(60, TimeUnit.SECONDS) && convert.exitValue() == 0, output);

        BufferedImage thumbnail = TestImages.read(thumbnailer().thumbnail(tiff.toString()));

        // (CMYK without a profile: the plain conversion, as Pillow's)
        assertEquals(List.of(128, 85), List.of(thumbnail.getWidth(), thumbnail.getHeight()));
        assertColour(0xC82828, thumbnail.getRGB(5, 5), "the marked corner");
        assertColour(0x2878C8, thumbnail.getRGB(100, 60), "the rest");
    }

    private static void assertColour(int expected, int actual, String where) {
        for (int shift : new int[] {16, 8, 0}) {
            assertEquals(expected >> shift & 0xFF, actual >> shift & 0xFF, 12,
                    where + ": " + Integer.toHexString(actual & 0xFFFFFF) + " instead of "
                    + Integer.toHexString(expected));
        }
    }

    private Thumbnailer thumbnailer() {
        Thumbnailer thumbnailer = new Thumbnailer(work.resolve("thumbs").toString(), 128, 128, "same");
        thumbnailer.setMaxPixels(100_000_000L);
        thumbnailer.setDecodeMemory(64L << 20);
        return thumbnailer;
    }
}
