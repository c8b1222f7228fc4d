package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.imageharvester.download.ImageFileNamer;
import org.imageharvester.report.HarvestSummary;

/**
 * An image of a format this runner has no decoder for (here an AVIF, with thumbnail.libheif = false) is not broken: it
 * is kept with download.keepUndecodable = false, reported "saved, no thumbnail", and the ledger keeps it as saved.
 */
class NoThumbnailKeptTest extends HarvesterTestSupport {

    @Override
    protected void configure(Properties settings) {
        settings.put("thumbnail.libheif", "false");
        settings.put("download.keepUndecodable", "false");
    }

    @Test
    void keeps_an_avif_without_a_thumbnail_and_says_why() throws Exception {
        String missing = HeifImages.missing(true);
        assumeTrue(missing == null, missing);
        byte[] avif = HeifImages.encode(HeifImages.corners(400, 240), true);
        server.serve("/photo.avif", "image/avif", avif).serve("/photo.jpg", "image/jpeg",
                TestImages.image("jpg", 80, 60, 0x336699));
        list("/photo.avif", "/photo.jpg");

        HarvestSummary first = harvest();

        assertEquals(List.of(2L, 0L, 1L, 0L, 0L, 1L), List.of(first.saved(), first.failed(), first.thumbnails(),
                first.thumbnailFailures(), first.undecodable(), first.noThumbnail()), first.toString());
        assertTrue(first.toString().contains(", 1 thumbnails, 1 kept without a thumbnail, "), first.toString());
        String name = new ImageFileNamer().name(server.url("/photo.avif"), "image/avif");
        assertTrue(files("images").contains(name), files("images").toString());
        assertEquals(avif.length, Files.size(file("images", name)));
        JsonNode report = report();
        JsonNode kept = report.get("noThumbnail");
        assertEquals(1, kept.size(), report.toPrettyString());
        assertEquals(server.url("/photo.avif"), kept.get(0).get("url").asText());
        assertEquals(file("images", name).toString(), kept.get(0).get("file").asText());
        assertEquals("AVIF has no decoder here", kept.get(0).get("reason").asText());
        assertFalse(kept.get(0).get("removed").asBoolean());
        for (String list : new String[] {"undecodable", "failures", "thumbnailErrors"}) {
            assertEquals(0, report.get(list).size(), list + ": " + report.toPrettyString());
        }
        String sheet = Files.readString(file("thumbnails", "index.html"));
        assertTrue(sheet.contains("Kept without a thumbnail (1)") && sheet.contains("AVIF has no decoder here"), sheet);

        HarvestSummary second = harvest();

        // the ledger holds it as saved: asked only whether it changed, and its thumbnail tried again
        assertEquals(List.of(0L, 2L, 0L, 1L), List.of(second.saved(), second.skipped(), second.failed(),
                second.noThumbnail()), second.toString());
        assertEquals(1, server.bodiesSent("/photo.avif"));
        assertTrue(files("images").contains(name), files("images").toString());
        String skips = lastReport().get("skips").toString();
        assertFalse(skips.contains("removed by an earlier run"), skips);
    }

    private JsonNode lastReport() throws Exception {
        List<String> reports = files("reports").stream().filter(report -> report.endsWith(".json")).toList();
        return new ObjectMapper().readTree(file("reports", reports.get(reports.size() - 1)).toFile());
    }
}
