package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.imageharvester.report.HarvestSummary;

/** A plain list of URLs, over HTTP or from a local file: comments and blanks ignored, repeats and non-http skipped. */
class LineSourceTest extends HarvesterTestSupport {

    private String listing() {
        byte[] one = TestImages.image("png", 50, 50, 0x111111);
        byte[] two = TestImages.image("jpg", 60, 40, 0x222222);
        server.serve("/p/one.png", "image/png", one).serve("/p/two.jpg", "image/jpeg", two);
        return String.join("\n", "# nightly list", "", server.url("/p/one.png"),
                "   " + server.url("/p/two.jpg") + "  ",
                server.url("/p/one.png"), "ftp://example.invalid/three.png", "# end", "");
    }

    @Test
    void harvests_a_list_served_over_http() throws Exception {
        server.serve("/urls.txt", "text/plain", listing());

        HarvestSummary summary = harvest();

        assertEquals(4, summary.listed(), summary.toString());
        assertEquals(2, summary.saved(), summary.toString());
        assertEquals(2, summary.skipped(), summary.toString());
        assertEquals(0, summary.failed(), summary.toString());
        assertEquals(1, server.hits("/p/one.png"), "a repeated link is fetched once");
        assertEquals(2, files("images").size());
        // downloads run in parallel, so the report lists skips in no set order
        Set<String> skips = new HashSet<>();
        report().get("skips").forEach(skip -> skips.add(skip.get("url").asText() + " " + skip.get("reason").asText()));
        assertEquals(Set.of(server.url("/p/one.png") + " listed twice",
                "ftp://example.invalid/three.png not an http(s) URL"), skips);
    }

    @Test
    void harvests_a_list_from_a_local_file() throws Exception {
        Path list = Files.writeString(work.resolve("urls.txt"), listing());
        context.getPropertiesComponent().setOverrideProperties(withSource(list.toUri().toString()));

        HarvestSummary summary = harvest();

        assertEquals(2, summary.saved(), summary.toString());
        List<String> images = files("images");
        assertTrue(images.get(0).startsWith("one-") && images.get(0).endsWith(".png"), images.toString());
        assertArrayEquals(TestImages.image("png", 50, 50, 0x111111), Files.readAllBytes(file("images", images.get(0))));
        assertEquals(0, server.hits("/urls.txt"));
    }

    @Test
    void reads_a_file_url_relative_to_the_working_directory() throws Exception {
        Path list = Files.writeString(Path.of("target", "relative-urls-" + System.nanoTime() + ".txt"), listing());
        try {
            context.getPropertiesComponent().setOverrideProperties(withSource("file:" + list));

            assertEquals(2, harvest().saved());
        } finally {
            Files.delete(list);
        }
    }

    @Test
    void reports_a_missing_list_file_as_a_source_failure() throws Exception {
        context.getPropertiesComponent().setOverrideProperties(withSource(work.resolve("nope.txt").toUri().toString()));

        HarvestSummary summary = harvest();

        assertEquals(false, summary.sourceRead());
        assertTrue(summary.sourceError().contains("nope.txt"), summary.sourceError());
        assertTrue(summary.toString().startsWith("Harvest failed: could not read"), summary.toString());
        assertEquals(false, report().get("sourceRead").asBoolean());
        assertEquals(List.of(), files("images"));
    }

    private Properties withSource(String url) {
        Properties settings = overrides();
        settings.put("source.url", url);
        return settings;
    }
}
