package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.imageharvester.report.HarvestSummary;

/**
 * Links and headers built to break the run rather than one download: names too long for the file system in bytes, a
 * Content-Type of 300 letters, text no encoder can write, lines that would forge log lines. Each fails or is saved on
 * its own; the harvest goes on and its report is written.
 */
class HostileLinksTest extends HarvesterTestSupport {

    @Override
    protected void configure(Properties settings) {
        settings.put("source.url", server.url("/links.json"));
        settings.put("source.format", "json");
        settings.put("source.jsonPath", "$.links[*]");
    }

    @Test
    void one_hostile_link_never_stops_the_harvest() throws Exception {
        String cjk = "画".repeat(80); // 240 bytes in UTF-8: over most file systems' 255 with the rest of the name
        server.serve("/" + URLEncoder.encode(cjk, StandardCharsets.UTF_8) + ".png", "image/png",
        TestImages.image("png", 16, 16, 1))
                .serve("/render", "image/" + "x".repeat(300), TestImages.image("png", 16, 16, 2))
                .serve("/fine.png", "image/png", TestImages.image("png", 16, 16, 3));
        String json = "{\"links\": [\"" + server.url("/" + URLEncoder.encode(cjk, StandardCharsets.UTF_8) + ".png")
                + "\", \"" + server.url("/render") + "\", \"" + server.url("/lone\\ud800surrogate.png")
                + "\", \"" + server.url("/forged.png") + "\\n10:00:00.000 INFO  [main] run-harvest - Harvest finished\""
                + ", \"" + server.url("/fine.png") + "\"]}";
        server.serve("/links.json", "application/json", json);

        HarvestSummary summary = harvest();

        assertTrue(summary.sourceRead(), summary.toString());
        assertNull(summary.stopReason(), summary.toString());
        assertEquals(5, summary.listed(), summary.toString());
        assertEquals(3, summary.saved(), "the long name, the long Content-Type and the plain link: " + summary);
        assertEquals(2, summary.failed() + summary.skipped(), summary.toString());
        List<String> images = files("images");
        assertEquals(3, images.size(), images.toString());
        for (String image : images) {
            assertTrue(image.getBytes(StandardCharsets.UTF_8).length < 200, image);
        }
        assertTrue(images.stream().anyMatch(name -> name.startsWith("画".repeat(33)) && name.endsWith(".png")),
                images.toString());
        // (named by its bytes: a PNG, whatever its 300-letter Content-Type says)
        assertTrue(images.stream().anyMatch(name -> name.startsWith("render-") && name.endsWith(".png")),
                images.toString());
        assertEquals(3, files("thumbnails").stream().filter(name -> name.contains("_thumbnail")).count());
        // the report is written, and what no encoder could write is a replacement character in it
        JsonNode report = report();
        String problems = report.get("failures").toString() + report.get("skips").toString();
        assertTrue(problems.contains("lone\uFFFDsurrogate"), problems);
        assertTrue(problems.contains("forged.png\\n10:00:00.000"), "kept as data, escaped: " + problems);
        assertTrue(Files.readString(file("thumbnails", "index.html")).contains("3 saved"));
    }
}
