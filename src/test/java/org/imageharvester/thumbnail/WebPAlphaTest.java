package org.imageharvester.thumbnail;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.imageharvester.RawImages;
import org.imageharvester.TestImages;

/**
 * A WebP's alpha of every kind is kept in its thumbnail: the ALPH chunk uncompressed (which TwelveMonkeys 3.12 leaves
 * opaque), filtered by each predictor, lossless-compressed, and a lossless (VP8L) image's own alpha.
 */
class WebPAlphaTest {

    // Debian's ImageMagick 6 (/usr/local/bin/convert may be another program)
    private static final Path CONVERT = Path.of("/usr/bin/convert");

    @TempDir
    Path work;

    @ParameterizedTest(name = "filter {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void keeps_an_uncompressed_alpha_unfiltered_by_each_predictor(int filter) throws Exception {
        // a ramp above, squares of 50 pixels below, so each predictor has something to predict: a slip shows widely
        RawImages.Samples alpha = (x, y) -> new int[] {y < 100 ? x * 255 / 299 : (x / 50 + y / 50) % 2 * 200 + 20};
        Path webp = Files.write(work.resolve("alpha.webp"), RawImages.webp(RawImages.vp8x(0x10, 300, 200),
                RawImages.alph(filter, 300, 200, alpha), RawImages.bitstream("/formats/lossy.webp")));

        BufferedImage thumbnail = TestImages.read(thumbnailer().thumbnail(webp.toString()));

        assertEquals(List.of(128, 85), List.of(thumbnail.getWidth(), thumbnail.getHeight()));
        List<Executable> checks = new ArrayList<>();
        // (source pixels: on the ramp, and the middles of squares)
        for (int[] at : new int[][] {{30, 50}, {150, 20}, {270, 80}, {75, 125}, {125, 175}, {225, 125}}) {
            int x = Math.round(at[0] * 128 / 300f);
            int y = Math.round(at[1] * 85 / 200f);
            int expected = mean(alpha, at[0], at[1]);
            checks.add(() -> assertEquals(expected, thumbnail.getRGB(x, y) >>> 24, 12, "alpha at " + x + "," + y));
        }
        assertAll(checks);
    }

    // the alpha around a source pixel, as a downscale mixes it
    private static int mean(RawImages.Samples alpha, int x, int y) {
        int sum = 0;
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) sum += alpha.at(Math.min(299, x + dx), Math.min(199, y + dy))[0];
        }
        return sum / 25;
    }

    @Test
    void keeps_the_alpha_of_every_kind_imagemagick_writes() throws Exception {
        assumeTrue(Files.isExecutable(CONVERT), "ImageMagick is not installed (.ci/run installs Debian's)");
        // large ones are decoded at 1/4: the uncompressed alpha is subsampled as the picture is
        List<Executable> checks = new ArrayList<>();
        for (String size : new String[] {"300x200", "1200x800"}) {
            checks.add(check(size, "uncompressed", "-define", "webp:alpha-compression=0"));
            checks.add(check(size, "uncompressed-filtered", "-define", "webp:alpha-compression=0", "-define",
                    "webp:alpha-filtering=2"));
            checks.add(check(size, "compressed", "-define", "webp:alpha-compression=1", "-define",
                    "webp:alpha-filtering=0"));
            checks.add(check(size, "compressed-filtered", "-define", "webp:alpha-compression=1", "-define",
                    "webp:alpha-filtering=2"));
            checks.add(check(size, "lossless", "-define", "webp:lossless=true"));
        }
        assertAll(checks);
    }

    // a picture whose top left quarter is transparent, top right half transparent, and bottom half opaque blue
    private Executable check(String size, String kind, String... options) throws Exception {
        Path webp = work.resolve(kind + "-" + size + ".webp");
        int w = Integer.parseInt(size.substring(0, size.indexOf('x')));
        int h = Integer.parseInt(size.substring(size.indexOf('x') + 1));
        List<String> command = new ArrayList<>(List.of(CONVERT.toString(), "-size", size, "xc:rgb(30,60,200)",
                "-alpha", "set", "-region", (w / 2) + "x" + (h / 2) + "+0+0", "-alpha", "transparent", "+region",
                "-region", (w / 2) + "x" + (h / 2) + "+" + (w / 2) + "+0", "-channel", "A", "-evaluate", "set", "50%",
                "+channel", "+region"));
        command.addAll(List.of(options));
        command.add(webp.toString());
        Process convert = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(convert.getInputStream().readAllBytes());
        assertEquals(true, convert.waitFor(60, TimeUnit.SECONDS) && convert.exitValue() == 0, output);
        BufferedImage thumbnail = TestImages.read(thumbnailer().thumbnail(webp.toString()));
        return () -> {
            String what = kind + " " + size + ": alpha ";
            assertEquals(0, thumbnail.getRGB(10, 10) >>> 24, 8, what + "top left");
            assertEquals(128, thumbnail.getRGB(110, 10) >>> 24, 20, what + "top right");
            assertEquals(255, thumbnail.getRGB(64, 70) >>> 24, 8, what + "bottom");
            assertEquals(200, thumbnail.getRGB(64, 70) & 0xFF, 12, what + "bottom's blue");
        };
    }

    private Thumbnailer thumbnailer() {
        Thumbnailer thumbnailer = new Thumbnailer(work.resolve("thumbs").toString(), 128, 128, "same");
        thumbnailer.setMaxPixels(100_000_000L);
        thumbnailer.setDecodeMemory(64L << 20);
        return thumbnailer;
    }
}
