package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * A runner process within a small heap reads a paged listing of 16,000 distinct links of 5,000 characters: what it
 * remembers of each to skip repeats is a digest, not the link, so the run ends with its report.
 */
class LongLinksTest extends RunnerProcessSupport {

    private static final int PAGES = 16;
    private static final int LINKS = 1000;

    @Test
    void remembers_a_digest_of_each_long_link_and_finishes_within_64_mb() throws Exception {
        String tail = "a".repeat(5000);
        server.on("/long/", call -> {
            String name = call.getRequestURI().getPath().substring("/long/".length());
            int page = Integer.parseInt(name.substring(0, name.indexOf('.')));
            call.getResponseHeaders().set("Content-Type", "text/plain");
            call.sendResponseHeaders(200, 0);
            try (OutputStream out = call.getResponseBody()) {
                for (int i = 0; page <= PAGES && i < LINKS; i++) {
                    // distinct within the first source.maxLinkLength characters, the part a listing keeps
                    String link = server.url("/x/" + page + "-" + i + "/") + tail;
                    out.write((link.substring(0, 5000) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        });
        Process runner = start(List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
                "-Dsource.url=" + server.url("/long/{page}.txt"), "-Dsource.format=lines", "-Dsource.maxPages=100",
                "-Dsource.headers=", "-Dsource.maxBytes=8388608"), "--once");

        assertEquals(0, exitCode(runner, 120), log(runner));
        String log = log(runner);
        assertTrue(log.contains("Harvest finished: " + PAGES * LINKS + " listed, 0 saved, " + PAGES * LINKS
                + " skipped, 0 failed"), log);
        Path report;
        try (Stream<Path> reports = Files.list(work.resolve("reports"))) {
            report = reports.filter(f -> f.getFileName().toString().matches("harvest-.*\\.json")).findFirst()
                    .orElseThrow();
        }
        // (the report lists every skip with its link, 64 MB: read as a stream, up to its first skip)
        int skipped = -1;
        JsonNode firstSkip = null;
        try (JsonParser json = new ObjectMapper().createParser(report.toFile())) {
            json.nextToken();
            while (firstSkip == null && json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                if (field.equals("skipped")) skipped = json.getIntValue();
                else if (field.equals("skips") && json.nextToken() == JsonToken.START_OBJECT) {
                    firstSkip = json.readValueAsTree();
                } else json.skipChildren();
            }
        }
        assertEquals(PAGES * LINKS, skipped);
        assertTrue(firstSkip.path("reason").asText().startsWith("longer than source.maxLinkLength"),
                String.valueOf(firstSkip));
    }
}
