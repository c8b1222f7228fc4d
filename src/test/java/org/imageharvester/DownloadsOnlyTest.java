package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.imageharvester.download.ImageFileNamer;
import org.imageharvester.report.HarvestSummary;

/** thumbnail.enabled = false: the images are saved and reported, no thumbnail is made. */
class DownloadsOnlyTest extends HarvesterTestSupport {

    @Override
    protected void configure(Properties settings) {
        settings.put("thumbnail.enabled", "false");
    }

    @Test
    void saves_the_images_and_makes_no_thumbnails() throws Exception {
        byte[] photo = TestImages.image("jpg", 300, 200, 0x336699);
        server.serve("/a.jpg", "image/jpeg", photo).serve("/b.png", "image/png", TestImages.image("png", 50, 50, 0x11));
        list("/a.jpg", "/b.png");

        HarvestSummary summary = harvest();

        assertEquals(List.of(2L, 0L), List.of(summary.saved(), summary.thumbnails()), summary.toString());
        assertEquals(2, files("images").size());
        assertEquals(List.of(), files("thumbnails"));
        String name = new ImageFileNamer().name(server.url("/a.jpg"), "jpg");
        assertArrayEquals(photo, Files.readAllBytes(file("images", name)));
    }
}
