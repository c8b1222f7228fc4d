package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.imageharvester.download.ImageFileNamer;
import org.imageharvester.report.HarvestSummary;

/** With download.keepUndecodable = true an image that does not decode is named by its link, and its file stays. */
class UndecodableKeptTest extends HarvesterTestSupport {

    @Override
    protected void configure(Properties settings) {
        settings.put("download.keepUndecodable", "true");
    }

    @Test
    void keeps_the_file_of_an_image_that_does_not_decode() throws Exception {
        server.serve("/corrupt.png", "image/png", TestImages.corruptPng());
        list("/corrupt.png");

        HarvestSummary summary = harvest();

        assertEquals(1, summary.saved(), summary.toString());
        assertEquals(1, summary.thumbnailFailures(), summary.toString());
        assertEquals(1, summary.undecodable(), summary.toString());
        String name = new ImageFileNamer().name(server.url("/corrupt.png"), "png");
        assertEquals(List.of(name), files("images"));
        JsonNode bad = report().get("undecodable").get(0);
        assertEquals(server.url("/corrupt.png"), bad.get("url").asText());
        assertFalse(bad.get("removed").asBoolean());
        assertEquals(file("images", name).toString(), bad.get("file").asText());
    }
}
