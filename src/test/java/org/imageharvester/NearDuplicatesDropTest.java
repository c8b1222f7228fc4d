package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.imageharvester.download.ImageFileNamer;
import org.imageharvester.report.HarvestSummary;

/**
 * dedup.near = drop: a near-duplicate of a photo saved before is removed with its thumbnail, counted as skipped with
 * the file it resembles, and not fetched again while unchanged; a third copy in a later run is found too.
 */
class NearDuplicatesDropTest extends HarvesterTestSupport {

    @Override
    protected void configure(Properties settings) {
        settings.put("dedup.near", "drop");
    }

    @Test
    void keeps_one_file_counts_the_other_with_the_file_it_resembles_and_asks_for_it_only_if_changed()
            throws Exception {
        server.serve("/photo.jpg", "image/jpeg", NearDuplicatesTest.ORIGINAL)
                .serve("/small/photo.jpg", "image/jpeg", NearDuplicatesTest.SMALLER);
        list("/photo.jpg");
        harvest();
        list("/small/photo.jpg");

        HarvestSummary second = harvest();

        assertEquals(0, second.saved(), second.toString());
        assertEquals(1, second.skipped(), second.toString());
        assertEquals(0, second.bytes(), second.toString());
        assertEquals(1, second.nearDropped(), second.toString());
        assertTrue(second.toString().contains("1 near-duplicate (1 removed)"), second.toString());
        ImageFileNamer namer = new ImageFileNamer();
        String photo = namer.name(server.url("/photo.jpg"), "jpg");
        assertEquals(List.of(photo), files("images"));
        assertEquals(List.of(photo.replace(".jpg", "_thumbnail.jpg")),
                files("thumbnails").stream().filter(name -> name.endsWith(".jpg")).toList(), "its thumbnail gone too");
        JsonNode near = lastReport().get("nearDuplicates").get(0);
        assertEquals(server.url("/small/photo.jpg"), near.get("url").asText());
        assertEquals(file("images", photo).toString(), near.get("resembles").asText());
        assertTrue(near.get("removed").asBoolean());

        // the next night: asked only whether it changed (304), skipped; a third copy of the photo is found as well
        server.serve("/tiny.jpg", "image/jpeg",
                TestImages.jpeg(TestImages.scaled(NearDuplicatesTest.PHOTO, 400, 300), 0.3f));
        list("/small/photo.jpg", "/tiny.jpg");
        HarvestSummary third = harvest();

        assertEquals(2, third.skipped(), third.toString());
        assertEquals(1, server.bodiesSent("/small/photo.jpg"), "not fetched again unchanged");
        assertEquals(1, third.nearDropped(), third.toString());
        assertEquals(List.of(photo), files("images"));
        String report = Files.readString(lastReportFile());
        assertTrue(report.contains("removed by an earlier run (a near-duplicate of " + file("images", photo)), report);
    }

    Path lastReportFile() throws Exception {
        List<String> reports = files("reports").stream().filter(name -> name.endsWith(".json")).toList();
        return file("reports", reports.get(reports.size() - 1));
    }

    JsonNode lastReport() throws Exception {
        return new ObjectMapper().readTree(lastReportFile().toFile());
    }
}
