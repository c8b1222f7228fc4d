package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.imageharvester.download.ImageFileNamer;
import org.imageharvester.report.HarvestSummary;

/**
 * A saved body that does not decode (corrupt, a bomb over thumbnail.maxPixels) is named by its link with the reason;
 * by default its file is removed and the ledger told, so the next run asks only whether it changed and keeps it out.
 */
class UndecodableImagesTest extends HarvesterTestSupport {

    static final byte[] GOOD = TestImages.jpeg(TestImages.photo(5, 300, 200), 0.9f);

    @Test
    void names_a_corrupt_image_and_a_bomb_by_their_links_removes_them_and_does_not_fetch_them_again() throws Exception {
        server.serve("/good.jpg", "image/jpeg", GOOD).serve("/corrupt.png", "image/png", TestImages.corruptPng())
                .serve("/bomb.png", "image/png", TestImages.bomb(30000, 30000));
        list("/good.jpg", "/corrupt.png", "/bomb.png");

        HarvestSummary first = harvest();

        assertEquals(1, first.saved(), first.toString());
        assertEquals(2, first.failed(), first.toString());
        assertEquals(2, first.undecodable(), first.toString());
        assertEquals(1, first.thumbnails(), first.toString());
        ImageFileNamer namer = new ImageFileNamer();
        assertEquals(List.of(namer.name(server.url("/good.jpg"), "image/jpeg")), files("images"), "junk removed");
        JsonNode bad = lastReport().get("undecodable");
        assertEquals(2, bad.size(), bad.toString());
        for (JsonNode image : bad) {
            assertTrue(image.get("removed").asBoolean(), image.toString());
            boolean bomb = image.get("url").asText().equals(server.url("/bomb.png"));
            assertTrue(bomb || image.get("url").asText().equals(server.url("/corrupt.png")), image.toString());
            assertTrue(image.get("reason").asText().startsWith(bomb ? "refused: the image declares 30000x30000 pixels"
                    : "corrupt PNG: "), image.toString());
            assertTrue(image.get("file").asText().endsWith(".png"), image.toString());
        }
        assertEquals(0, lastReport().get("thumbnailErrors").size(), "named by their links, not under thumbnail errors");
        String sheet = Files.readString(file("thumbnails", "index.html"));
        assertTrue(sheet.contains("Did not decode (2)") && sheet.contains(server.url("/bomb.png")), sheet);

        HarvestSummary second = harvest();

        assertEquals(3, second.skipped(), second.toString());
        assertEquals(0, second.failed(), second.toString());
        assertEquals(3, server.notModified(), "each asked only whether it changed");
        assertEquals(1, server.bodiesSent("/corrupt.png"));
        assertEquals(1, server.bodiesSent("/bomb.png"));
        assertTrue(Files.readString(lastReportFile()).contains("removed by an earlier run (corrupt PNG: "));
        assertEquals(1, files("images").size());
    }

    @Test
    void tries_again_a_link_whose_body_changed_into_an_image() throws Exception {
        server.serve("/photo.png", "image/png", TestImages.corruptPng());
        list("/photo.png");
        assertEquals(1, harvest().undecodable());
        server.serve("/photo.png", "image/png", TestImages.image("png", 40, 30, 0x336699));

        HarvestSummary second = harvest();

        assertEquals(1, second.saved(), second.toString());
        assertEquals(1, second.thumbnails(), second.toString());
        assertEquals(1, files("images").size());
    }

    Path lastReportFile() throws Exception {
        List<String> reports = files("reports").stream().filter(name -> name.endsWith(".json")).toList();
        return file("reports", reports.get(reports.size() - 1));
    }

    JsonNode lastReport() throws Exception {
        return new ObjectMapper().readTree(lastReportFile().toFile());
    }
}
