package org.imageharvester.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.imageharvester.RawImages;
import org.imageharvester.TestImages;

/**
 * A thumbnail has the size and layout of the image as shown: a GIF's first frame in its place on the logical screen,
 * and an image smaller than the box at its own size (as Pillow's Image.thumbnail), unless thumbnail.enlarge.
 */
class ShownSizeTest {

    @TempDir
    Path work;

    @Test
    void places_a_gifs_first_frame_on_its_logical_screen_transparent_around_it() throws Exception {
        // a 100 x 80 red frame (its top left corner blue) at 60, 40 on a 200 x 150 screen
        Path gif = Files.write(work.resolve("placed.gif"),
                RawImages.gif(RawImages.marked(100, 80, 0xFFFF0000, 0xFF0000FF), 200, 150, 60, 40));

        BufferedImage thumbnail = TestImages.read(thumbnailer(false).thumbnail(gif.toString()));

        // the screen's 4:3, not the frame's 5:4 stretched over it; the frame at 60/200 and 40/150 of the thumbnail
        assertEquals(List.of(128, 96), List.of(thumbnail.getWidth(), thumbnail.getHeight()));
        assertEquals(0, thumbnail.getRGB(10, 10) >>> 24, "transparent left of and above the frame");
        assertEquals(0, thumbnail.getRGB(120, 90) >>> 24, "transparent right of and below the frame");
        assertEquals(0xFF0000FF, thumbnail.getRGB(41, 28), "the frame's blue corner where it is shown");
        assertEquals(0xFFFF0000, thumbnail.getRGB(90, 60), "the frame's red");
    }

    @Test
    void keeps_a_small_image_at_its_size_unless_told_to_enlarge() throws Exception {
        Path pixel = Files.write(work.resolve("pixel.png"), RawImages.png(RawImages.marked(1, 1, 0xFF336699, 0)));
        Path icon = Files.write(work.resolve("icon.png"), RawImages.png(RawImages.marked(16, 16, 0xFF336699,
                0xFFFF0000)));
        Path wide = Files.write(work.resolve("wide.png"), RawImages.png(RawImages.marked(200, 20, 0xFF336699, 0)));

        assertEquals(List.of(1, 1), size(thumbnailer(false).thumbnail(pixel.toString())), "a pixel stays one");
        assertEquals(List.of(16, 16), size(thumbnailer(false).thumbnail(icon.toString())), "an icon stays 16 x 16");
        assertEquals(List.of(128, 13), size(thumbnailer(false).thumbnail(wide.toString())), "a wider one fits");
        assertEquals(List.of(128, 128), size(thumbnailer(true).thumbnail(icon.toString())), "thumbnail.enlarge");
    }

    private static List<Integer> size(Path thumbnail) throws Exception {
        BufferedImage image = TestImages.read(thumbnail);
        return List.of(image.getWidth(), image.getHeight());
    }

    private Thumbnailer thumbnailer(boolean enlarge) {
        Thumbnailer thumbnailer = new Thumbnailer(work.resolve("thumbs").toString(), 128, 128, "same");
        thumbnailer.setMaxPixels(100_000_000L);
        thumbnailer.setDecodeMemory(64L << 20);
        thumbnailer.setEnlarge(enlarge);
        return thumbnailer;
    }
}
