package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.imageharvester.report.HarvestSummary;

/**
 * Through the real routes, thumbnails show images as browsers and Pillow do: a WebP turned by the EXIF chunk after its
 * image data, with its uncompressed alpha; a grey PNG with alpha in its own grey; a GIF's first frame in its place on
 * the screen, transparent around it (in a GIF thumbnail); a small icon not enlarged; and a truncated image reported in
 * words.
 */
class ThumbnailsAsShownTest extends HarvesterTestSupport {

    @Test
    void makes_each_thumbnail_as_the_image_is_shown() throws Exception {
        // 300 x 200, its top left quarter transparent; "turn 90 degrees clockwise to show" after the image data
        byte[] webp = RawImages.webp(RawImages.vp8x(0x18, 300, 200),
                RawImages.alph(0, 300, 200, (x, y) -> new int[] {x < 150 && y < 100 ? 0 : 255}),
                RawImages.bitstream("/formats/lossy.webp"), RawImages.riff("EXIF", RawImages.exif(6, false)));
        byte[] grey = RawImages.png(60, 40, 4, 8, false, (x, y) -> new int[] {66, x < 30 ? 255 : 0}, new byte[0],
                new byte[0]);
        byte[] gif = RawImages.gif(RawImages.marked(100, 80, 0xFFFF0000, 0xFF0000FF), 200, 150, 60, 40);
        byte[] icon = RawImages.png(RawImages.marked(16, 16, 0xFF336699, 0xFFFF0000));
        byte[] png = TestImages.image("png", 80, 60, 0x00ff00);
        server.serve("/turned.webp", "image/webp", webp).serve("/grey.png", "image/png", grey)
                .serve("/placed.gif", "image/gif", gif).serve("/icon.png", "image/png", icon)
                .serve("/truncated.png", "image/png", Arrays.copyOf(png, png.length - 20));
        list("/turned.webp", "/grey.png", "/placed.gif", "/icon.png", "/truncated.png");

        HarvestSummary summary = harvest();

        assertEquals(4, summary.thumbnails(), summary.toString());
        assertEquals(1, summary.failed(), "the truncated PNG, caught as it streamed to disk: " + summary);
        BufferedImage turned = thumbnail("turned");
        assertEquals(List.of(85, 128), List.of(turned.getWidth(), turned.getHeight()), "turned a quarter");
        assertEquals(0, turned.getRGB(80, 5) >>> 24, "the transparent corner turned to the top right");
        assertEquals(255, turned.getRGB(5, 5) >>> 24, "the top left opaque");
        assertEquals(255, turned.getRGB(80, 120) >>> 24, "the bottom right opaque");
        BufferedImage greyThumbnail = thumbnail("grey");
        assertEquals(0xFF424242, greyThumbnail.getRGB(10, 20), "the grey of its samples, not brightened");
        assertEquals(0, greyThumbnail.getRGB(50, 20) >>> 24, "its transparent half");
        BufferedImage placed = thumbnail("placed");
        assertEquals(List.of(128, 96), List.of(placed.getWidth(), placed.getHeight()), "the screen's size");
        assertEquals(0, placed.getRGB(10, 10) >>> 24, "transparent around the frame");
        assertEquals(0xFFFF0000, placed.getRGB(90, 60), "the frame in its place");
        BufferedImage small = thumbnail("icon");
        assertEquals(List.of(16, 16), List.of(small.getWidth(), small.getHeight()), "not enlarged");
        JsonNode bad = report().get("failures");
        assertEquals(server.url("/truncated.png"), bad.get(0).get("url").asText());
        assertTrue(bad.get(0).get("reason").asText().startsWith("truncated PNG: no IEND"), bad.toString());
    }

    private BufferedImage thumbnail(String stem) throws Exception {
        String name = files("thumbnails").stream().filter(f -> f.startsWith(stem + "-") && f.contains("_thumbnail."))
                .findFirst().orElseThrow(() -> new AssertionError("no thumbnail of " + stem));
        Path file = file("thumbnails", name);
        return TestImages.read(file);
    }
}
