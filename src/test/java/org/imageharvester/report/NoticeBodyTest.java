package org.imageharvester.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notice of a run: its JSON stays valid, and says the same, whatever text from the network it carries. */
class NoticeBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "a \"quoted\"\nline</script><script>alert('x')</script>\\ \u2028 \ud800 end";

    @TempDir
    Path work;

    private NoticeBody body(String pageUrl, int maxReasons) {
        NoticeBody body = new NoticeBody();
        body.setReportDir(work.resolve("reports").toString());
        body.setThumbnailDir(work.resolve("thumbnails").toString());
        body.setPageUrl(pageUrl);
        body.setMaxReasons(maxReasons);
        return body;
    }

    private HarvestSummary run(String runId) throws Exception {
        Files.createDirectories(work.resolve("reports"));
        List<Map<String, Object>> failures = List.of(
                Map.of("source", "blog", "url", "https://x.example/1\"</script>", "reason", HOSTILE),
                Map.of("source", "list", "url", "https://y.example/1", "status", 404, "reason", "HTTP 404"),
                Map.of("source", "blog", "url", "https://x.example/2", "reason", "second"),
                Map.of("source", "blog", "url", "https://x.example/3", "reason", "third"));
        JSON.writeValue(work.resolve("reports").resolve(runId + ".json").toFile(), Map.of("run", runId,
                "sources", List.of(Map.of("name", "blog")), "failures", failures, "skips", List.of()));
        List<SourceRun.Summary> sources = List.of(
                new SourceRun.Summary("blog", "https://x.example/feed", 1, 5, 2, 0, 3, 100, null, null),
                new SourceRun.Summary("list", "https://y.example/list", 1, 1, 0, 0, 1, 0, null, HOSTILE));
        return new HarvestSummary(runId, Instant.parse("2026-12-03T02:00:00Z"), Duration.ofSeconds(3), 6, 2, 0, 4, 2,
                0, 100, null, sources);
    }

    @Test
    void keeps_text_from_the_network_as_data_in_valid_json() throws Exception {
        NoticeBody body = body("", 2);
        ObjectNode notice = body.notice(run("harvest-20261203-020000-000"));

        JsonNode parsed = JSON.readTree(body.json(notice));

        assertEquals("failed", parsed.get("outcome").asText());
        JsonNode blog = parsed.get("sources").get(0);
        assertEquals(2, blog.get("failures").size(), "notify.maxReasons of blog's three");
        String reason = blog.get("failures").get(0).get("reason").asText();
        assertTrue(reason.startsWith("a \"quoted\"\nline</script><script>alert('x')</script>\\ \u2028 "), reason);
        assertEquals("https://x.example/1\"</script>", blog.get("failures").get(0).get("url").asText());
        assertEquals("second", blog.get("failures").get(1).get("reason").asText());
        JsonNode list = parsed.get("sources").get(1);
        assertEquals(404, list.get("failures").get(0).get("status").asInt());
        assertTrue(list.get("error").asText().contains("\u2028 \ufffd end"), "an unpaired surrogate made writable");
        assertEquals(2, parsed.get("new").asInt());
        assertEquals(1, list.get("failed").asInt());
    }

    @Test
    void links_the_page_by_notify_page_url_or_by_its_path_here() throws Exception {
        HarvestSummary run = run("harvest-20261203-020000-001");

        assertEquals("https://h.example/t/harvest-20261203-020000-001.html",
                body("https://h.example/t", 5).notice(run).get("page").asText());
        assertEquals("https://h.example/r/harvest-20261203-020000-001.json",
                body("https://h.example/r/{run}.json", 5).notice(run).get("page").asText());
        Path report = work.resolve("reports/harvest-20261203-020000-001.json").toAbsolutePath();
        assertEquals(report.toString(), body("", 5).notice(run).get("page").asText(), "no sheet: the report");
        Path sheet = Files.createDirectories(work.resolve("thumbnails")).resolve("harvest-20261203-020000-001.html");
        Files.writeString(sheet, "<!doctype html>");
        assertEquals(sheet.toAbsolutePath().toString(), body("", 5).notice(run).get("page").asText());
    }

    @Test
    void writes_the_mail_with_each_source_its_listing_error_and_first_failures() throws Exception {
        NoticeBody body = body("https://h.example/t/", 1);
        ObjectNode notice = body.notice(run("harvest-20261203-020000-002"));

        String text = body.text(notice);

        assertEquals("Harvest failed: 2 new, 4 failed (harvest-20261203-020000-002)", body.subject(notice));
        assertTrue(text.startsWith("Harvest failed: could not read 1 of 2 sources;"), text);
        assertTrue(text.contains("\nhttps://h.example/t/harvest-20261203-020000-002.html\n"), text);
        assertTrue(text.contains("\nblog: 2 new, 3 failed, 0 skipped of 5 listed\n  https://x.example/1\"</script>: a"),
                text);
        assertTrue(text.contains("\nlist: 0 new, 1 failed, 0 skipped of 1 listed\n  could not read its listing: a"),
                text);
        assertEquals(-1, text.indexOf("second"), "one failure a source: " + text);
    }
}
