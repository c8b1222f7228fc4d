package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.imageharvester.report.RunGate;

/**
 * The history page trusts only what the runner wrote: report files planted in report.dir, with run ids still to come,
 * no time at all, or content that is not the report of its run, never push the real runs off the page or cost them
 * their contact sheets, and what a report says is escaped.
 */
class PlantedReportsTest extends HarvesterTestSupport {

    private static final Pattern ROW = Pattern.compile("<tr><td>(?:<a href=\"[^\"]*\">)?(harvest-[^<]*)<");

    @Override
    protected void configure(Properties settings) {
        settings.put("report.keepRuns", "3");
    }

    @BeforeEach
    void serveOneImage() throws Exception {
        server.serve("/red.png", "image/png", TestImages.image("png", 40, 30, 0xe01010));
        list("/red.png");
    }

    @Test
    void reports_with_run_ids_to_come_or_of_no_time_never_push_the_real_runs_off_the_page() throws Exception {
        Instant now = Instant.now();
        List<String> planted = List.of(id(now.plus(Duration.ofHours(1))), id(now.plus(Duration.ofDays(1))),
                "harvest-20991231-235959-999", "harvest-99991399-999999-999");
        for (String run : planted) {
            plant(run, Map.of("run", run, "startedAt", "2099-12-31T23:59:59Z", "saved", 7));
            Files.writeString(Files.createDirectories(work.resolve("thumbnails")).resolve(run + ".html"), "planted");
        }
        // names that are not run ids at all: skipped, as they always were
        plant("harvest-latest", Map.of("run", "harvest-latest"));
        plant("harvest-99999999-999999-9999", Map.of("run", "harvest-99999999-999999-9999"));

        List<String> real = new ArrayList<>();
        for (int i = 0; i < 4; i++) real.add(harvest().runId());

        String page = Files.readString(file("reports", "index.html"));
        assertEquals(List.of(real.get(3), real.get(2), real.get(1)), rows(page), page);
        assertTrue(page.contains("3 runs (the newest 3 of 4; report.keepRuns)"), page);
        for (String run : planted) {
            assertTrue(leftOff(page).contains(run + ".json (not the id of a run gone by)"), page);
            assertFalse(Files.exists(file("thumbnails", run + ".html")), "a planted run's sheet is not on the page");
        }
        assertFalse(page.contains("harvest-latest") || page.contains("harvest-99999999-999999-9999"), page);
        // the just-ended run's sheet and every listed run's stay; the oldest real run's goes, its report stays
        for (String run : real.subList(1, 4)) assertTrue(Files.isRegularFile(file("thumbnails", run + ".html")), run);
        assertFalse(Files.exists(file("thumbnails", real.get(0) + ".html")), page);
        assertTrue(Files.isRegularFile(file("reports", real.get(0) + ".json")));
    }

    @Test
    void broken_reports_take_no_place_among_the_kept_runs_and_what_a_report_says_is_escaped() throws Exception {
        // an old report, well formed, whose every value is markup: it is listed, escaped
        String hostile = "harvest-20200101-000000-000";
        plant(hostile, Map.of("run", hostile, "startedAt", "<img src=x onerror=alert(2)>", "sourceRead", false,
                "sourceError", "\"><script>alert(3)</script>", "sources", List.of(
                        Map.of("name", "<b>one</b>", "error", "<i>down</i>"), Map.of("name", "two", "note", "<u>"))));
        String first = harvest().runId();
        Instant began = RunGate.began(first.substring("harvest-".length()));
        String broken = id(began.plusMillis(1));
        String empty = id(began.plusMillis(2));
        String other = id(began.plusMillis(3));
        Path reports = work.resolve("reports");
        Files.writeString(reports.resolve(broken + ".json"), "{\"run\": \"" + broken + "\", \"saved\": ");
        Files.writeString(reports.resolve(empty + ".json"), "");
        // well formed, but the report of some other run
        plant(other, Map.of("run", "harvest-x\"><script>alert(1)</script>", "saved", 9));

        String last = harvest().runId();

        String page = Files.readString(file("reports", "index.html"));
        assertEquals(List.of(last, first, hostile), rows(page), page);
        for (String run : List.of(broken, empty, other)) {
            assertTrue(leftOff(page).contains(run + ".json (unreadable)"), page);
        }
        assertTrue(Files.isRegularFile(file("thumbnails", last + ".html")), "the just-ended run's sheet");
        assertTrue(Files.isRegularFile(file("thumbnails", first + ".html")), "a listed run's sheet");
        for (String markup : List.of("<script", "<img", "<b>", "<i>", "<u>", "alert(1)")) {
            assertFalse(page.contains(markup), markup + " in " + page);
        }
        assertTrue(page.contains("<td>&lt;img src=x onerror=alert(2)&gt;</td>"), page);
        assertTrue(page.contains("failed: &quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;"), page);
        assertTrue(page.contains("&lt;b&gt;one&lt;/b&gt;: could not read (&lt;i&gt;down&lt;/i&gt;)"), page);
        assertTrue(page.contains("(&lt;u&gt;)"), page);
    }

    private void plant(String run, Map<String, Object> report) throws Exception {
        Path reports = Files.createDirectories(work.resolve("reports"));
        new ObjectMapper().writeValue(reports.resolve(run + ".json").toFile(), report);
    }

    private static String id(Instant time) {
        return "harvest-" + RunGate.RUN_ID.format(time);
    }

    // the run ids of the table's rows, top to bottom
    private static List<String> rows(String page) {
        Matcher row = ROW.matcher(page.substring(page.indexOf("<table id=\"runs\">")));
        List<String> runs = new ArrayList<>();
        while (row.find()) runs.add(row.group(1));
        return runs;
    }

    private static String leftOff(String page) {
        int at = page.indexOf("<p id=\"left-off\"");
        return at < 0 ? "" : page.substring(at, page.indexOf("</p>", at));
    }
}
