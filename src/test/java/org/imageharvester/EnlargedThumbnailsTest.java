package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.imageharvester.report.HarvestSummary;

/** With thumbnail.enlarge = true, given to the thumbnailer by the route file, a small image fills the box. */
class EnlargedThumbnailsTest extends HarvesterTestSupport {

    @Override
    protected void configure(Properties settings) {
        settings.put("thumbnail.enlarge", "true");
    }

    @Test
    void scales_a_small_image_up_to_the_box() throws Exception {
        server.serve("/icon.png", "image/png", RawImages.png(RawImages.marked(16, 8, 0xFF336699, 0xFFFF0000)));
        list("/icon.png");

        HarvestSummary summary = harvest();

        assertEquals(1, summary.thumbnails(), summary.toString());
        String name = files("thumbnails").stream().filter(f -> f.contains("_thumbnail.")).findFirst().orElseThrow();
        BufferedImage thumbnail = TestImages.read(file("thumbnails", name));
        assertEquals(List.of(128, 64), List.of(thumbnail.getWidth(), thumbnail.getHeight()));
    }
}
