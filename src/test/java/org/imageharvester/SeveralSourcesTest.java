package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.imageharvester.report.HarvestSummary;
import org.imageharvester.report.ProgressLine;

/**
 * One harvest of several sources, each its own format and pagination: a paged JSON gallery into a folder of its own,
 * a list of URLs, a feed, and an HTML page that cannot be read. The others are harvested in full, a link two sources
 * share is fetched once, and the report, the progress line and the contact sheet say where each image came from.
 */
class SeveralSourcesTest extends HarvesterTestSupport {

    private String png(String name) throws Exception {
        server.serve("/i/" + name + ".png", "image/png", TestImages.image("png", 24, 16, name.hashCode() & 0xffffff));
        return server.url("/i/" + name + ".png");
    }

    private void declare() throws Exception {
        String g1 = png("g1");
        String g2 = png("g2");
        String g3 = png("g3");
        String shared = png("shared");
        server.serve("/g/1.json", "application/json", "{\"data\":[{\"link\":\"" + g1 + "\"},{\"link\":\"" + g2
                + "\"}]}")
                .serve("/g/2.json", "application/json", "{\"data\":[{\"link\":\"" + g3 + "\"},{\"link\":\"" + shared
                + "\"}]}")
                .serve("/g/3.json", "application/json", "{\"data\":[]}")
                .serve("/list.txt", "text/plain", png("l1") + "\n" + shared + "\n" + server.url("/i/missing.png")
                + "\n")
                .serve("/feed.xml", "application/rss+xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
                        + "<item><enclosure url=\"" + png("f1") + "\" type=\"image/png\"/></item>"
                        + "<item><description>&lt;img src=\"/i/f2.png\"&gt;</description></item></channel></rss>")
                .serve("/page.html", 500, "text/html", "down".getBytes());
        png("f2");
        sources("gallery, list, blog, page",
                "source.gallery.url", server.url("/g/{page}.json"), "source.gallery.format", "json",
                "source.gallery.jsonPath", "$.data[*].link", "source.gallery.folder", "true",
                "source.list.url", server.url("/list.txt"), "source.list.format", "lines",
                "source.blog.url", server.url("/feed.xml"), "source.blog.format", "feed",
                "source.page.url", server.url("/page.html"), "source.page.format", "html", "download.retries", "0");
    }

    @Test
    void harvests_every_source_that_can_be_read_and_says_which_one_each_image_and_failure_came_from() throws Exception {
        declare();

        HarvestSummary summary = harvest();

        // g1 g2 g3 shared (gallery), l1 (list; shared is a repeat, missing fails), f1 f2 (blog)
        assertEquals(7, summary.saved(), summary.toString());
        assertEquals(1, summary.failed(), summary.toString());
        assertEquals(1, summary.skipped(), "the shared link, once: " + summary);
        assertEquals(1, server.hits("/i/shared.png"));
        assertFalse(summary.sourceRead());
        assertTrue(summary.toString().startsWith("Harvest failed: could not read 1 of 4 sources; 9 listed, 7 saved"),
                summary.toString());
        assertTrue(summary.toString().contains("| page: could not read its listing (HTTP 500"), summary.toString());

        // (the shared link is saved by whichever source reads it first: they are read side by side)
        List<String> gallery = files("images/gallery").stream().filter(f -> f.endsWith(".png")).toList();
        List<String> root = files("images").stream().filter(f -> f.endsWith(".png")).toList();
        assertEquals(7, gallery.size() + root.size(), gallery + " " + root);
        for (String name : List.of("g1-", "g2-", "g3-")) assertTrue(gallery.stream().anyMatch(f -> f.startsWith(name)),
                gallery.toString());
        for (String name : List.of("l1-", "f1-", "f2-")) assertTrue(root.stream().anyMatch(f -> f.startsWith(name)),
                root.toString());
        // (the thumbnails in the folders of their images: the gallery's in thumbnails/gallery)
        assertEquals(3, files("thumbnails/gallery").stream().filter(f -> f.contains("_thumbnail")).count());
        assertEquals(4, files("thumbnails").stream().filter(f -> f.contains("_thumbnail")).count());

        JsonNode report = report();
        Map<String, JsonNode> sources = new LinkedHashMap<>();
        report.get("sources").forEach(source -> sources.put(source.get("name").asText(), source));
        assertEquals(List.of("gallery", "list", "blog", "page"), new ArrayList<>(sources.keySet()));
        assertEquals(3, sources.get("gallery").get("pages").asInt());
        assertEquals(5, sources.get("gallery").get("saved").asInt() + sources.get("list").get("saved").asInt());
        assertEquals(1, sources.get("gallery").get("skipped").asInt() + sources.get("list").get("skipped").asInt());
        assertEquals(4, sources.get("gallery").get("listed").asInt());
        assertEquals(3, sources.get("list").get("listed").asInt());
        assertEquals(1, sources.get("list").get("failed").asInt());
        assertEquals(2, sources.get("blog").get("saved").asInt());
        assertFalse(sources.get("page").get("read").asBoolean());
        assertTrue(sources.get("page").get("error").asText().contains("HTTP 500"), sources.get("page").toString());
        JsonNode failure = report.get("failures").get(0);
        assertEquals("list", failure.get("source").asText(), failure.toString());

        String sheet = Files.readString(file("thumbnails", "index.html"));
        assertTrue(sheet.contains("<span class=\"from\">gallery</span>"), sheet);
        assertTrue(sheet.contains("<span class=\"from\">blog</span>"), sheet);
        assertTrue(sheet.contains("<table id=\"sources\">"), sheet);
        assertTrue(sheet.contains("<td>list</td><td>" + server.url("/i/missing.png")), sheet);
    }

    @Test
    void the_progress_line_counts_each_source() throws Exception {
        declare();
        server.delayImages(200);
        ProgressLine progress = context.getRegistry().lookupByNameAndType("progressLine", ProgressLine.class);
        CompletableFuture<Object> run = template.asyncRequestBody("direct:run-harvest", null);
        List<String> lines = new ArrayList<>();
        Awaitility.await().atMost(30, TimeUnit.SECONDS).pollInterval(20, TimeUnit.MILLISECONDS).until(() -> {
            String line = progress.progress();
            if (line != null) lines.add(line);
            return run.isDone();
        });
        run.get();
        assertTrue(lines.stream().anyMatch(line ->
                line.matches(".*; gallery \\d+ of \\d+, list \\d+ of \\d+, blog \\d+ of \\d+,"
                + " page 0 of 0")), lines.toString());
    }
}
