package org.imageharvester.thumbnail;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import org.imageharvester.RawImages;
import org.imageharvester.TestImages;

/**
 * Every kind of PNG is thumbnailed in the colours and transparency Pillow gives it: grey with alpha, grey with a tRNS
 * transparent grey, RGB with a tRNS colour, 16-bit, Adam7-interlaced. Each is 60 x 40: its left half one colour,
 * opaque, its right half transparent (by alpha or by tRNS).
 */
class PngColoursTest {

    @TempDir
    Path work;

    @Test
    void gives_every_kind_of_png_its_colours_and_transparency() throws Exception {
        byte[] none = new byte[0];
        byte[] greyTrns = RawImages.chunk("tRNS", new byte[] {0, 7});
        byte[] rgbTrns = RawImages.chunk("tRNS", new byte[] {0, 1, 0, 2, 0, 3});
        RawImages.Samples greyAlpha = (x, y) -> new int[] {66, x < 30 ? 255 : 0};
        RawImages.Samples greyAlpha16 = (x, y) -> new int[] {66 * 257, x < 30 ? 65535 : 0};
        RawImages.Samples greyKeyed = (x, y) -> new int[] {x < 30 ? 66 : 7};
        RawImages.Samples rgbKeyed = (x, y) -> x < 30 ? new int[] {200, 30, 30} : new int[] {1, 2, 3};
        RawImages.Samples rgba16 = (x, y) -> new int[] {200 * 257, 30 * 257, 30 * 257, x < 30 ? 65535 : 0};
        List<Executable> checks = new ArrayList<>();
        checks.add(check("grey and alpha", RawImages.png(60, 40, 4, 8, false, greyAlpha, none, none), 0x424242));
        checks.add(check("grey and alpha, 16-bit", RawImages.png(60, 40, 4, 16, false, greyAlpha16, none, none),
                0x424242));
        checks.add(check("grey and alpha, interlaced", RawImages.png(60, 40, 4, 8, true, greyAlpha, none, none),
                0x424242));
        checks.add(check("grey, tRNS", RawImages.png(60, 40, 0, 8, false, greyKeyed, greyTrns, none), 0x424242));
        checks.add(check("RGB, tRNS", RawImages.png(60, 40, 2, 8, false, rgbKeyed, rgbTrns, none), 0xc81e1e));
        checks.add(check("RGBA, 16-bit", RawImages.png(60, 40, 6, 16, false, rgba16, none, none), 0xc81e1e));
        checks.add(check("RGB, tRNS, interlaced", RawImages.png(60, 40, 2, 8, true, rgbKeyed, rgbTrns, none),
                0xc81e1e));

        assertAll(checks);
    }

    // the thumbnail keeps the size (smaller than the box), the left half's colour, and the right half transparent
    private Executable check(String kind, byte[] png, int colour) throws Exception {
        Path image = Files.write(work.resolve(kind.replaceAll("[^a-z0-9]+", "-") + ".png"), png);
        Thumbnailer thumbnailer = new Thumbnailer(work.resolve("thumbs").toString(), 128, 128, "same");
        thumbnailer.setMaxPixels(100_000_000L);
        thumbnailer.setDecodeMemory(64L << 20);
        BufferedImage thumbnail = TestImages.read(thumbnailer.thumbnail(image.toString()));
        return () -> {
            assertEquals(List.of(60, 40), List.of(thumbnail.getWidth(), thumbnail.getHeight()), kind);
            int left = thumbnail.getRGB(10, 20);
            assertEquals(255, left >>> 24, kind + ": the left half is opaque");
            for (int shift : new int[] {16, 8, 0}) {
                assertEquals(colour >> shift & 0xFF, left >> shift & 0xFF, 3, kind + ": the left half is "
                        + Integer.toHexString(colour) + ", not " + Integer.toHexString(left & 0xFFFFFF));
            }
            assertEquals(0, thumbnail.getRGB(50, 20) >>> 24, kind + ": the right half is transparent");
        };
    }
}
