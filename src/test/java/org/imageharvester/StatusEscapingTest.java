package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.imageharvester.report.HarvestReport;
import org.imageharvester.report.HistoryPage;
import org.imageharvester.report.RunGate;
import org.imageharvester.report.RunStatus;
import org.imageharvester.report.RunTally;
import org.imageharvester.report.StatusPage;
import org.imageharvester.values.Outcome;
import org.imageharvester.values.Source;

/** What the network sends (a link, a reason a worker answered) is text on the status page and data in its JSON. */
class StatusEscapingTest {

    private static final String LINK = "http://127.0.0.1/a.png?q=\"><script>alert(1)</script>";
    private static final String REASON = "refused: <script>alert(\"x\")</script><img src=x onerror=alert(2)>'&";

    @TempDir
    Path work;

    @Test
    void shows_a_hostile_link_and_reason_as_text_and_keeps_them_whole_in_the_json() throws Exception {
        RunGate gate = new RunGate();
        RunTally tally = new RunTally();
        HarvestReport report = new HarvestReport(gate, tally);
        report.setDir(work.resolve("reports").toString());
        report.setThumbnailDir(work.resolve("thumbnails").toString());
        report.setImageDir(work.resolve("images").toString());
        Source source = new Source("web", "http://127.0.0.1/list?a='b'&c=\"d\"", "lines", null, null, null, null, 1,
                1, 0, null, 0);
        assertTrue(gate.begin());
        report.begin(List.of(source));
        tally.listed(source);
        tally.count(Outcome.answered("failed", LINK, REASON, 500, 0L), source);
        HistoryPage history = new HistoryPage();
        history.setReportDir(work.resolve("reports").toString());
        history.setThumbnailDir(work.resolve("thumbnails").toString());
        RunStatus status = new RunStatus();
        status.setGate(gate);
        status.setTally(tally);
        status.setHistory(history);
        status.setCron("0 0 2 * * ?");
        status.setRuns(10);
        StatusPage page = new StatusPage();
        page.setStatus(status);
        page.setRefresh(5);

        String html = page.html();
        assertFalse(html.contains("<script") || html.contains("<img"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
                + "&#39;&amp;"), html);
        JsonNode json = new ObjectMapper().readTree(status.json());
        JsonNode web = json.path("running").path("sources").get(0);
        assertEquals(REASON, web.path("lastFailure").asText(), json.toString());
        assertEquals(LINK, web.path("lastFailedUrl").asText(), json.toString());
        assertEquals(1, web.path("failed").asInt(), json.toString());

        assumeTrue(Chromium.path() != null, "Chromium is not installed (.ci/run installs Debian's chromium)");
        Path file = Files.writeString(work.resolve("status.html"), html);
        String dom = Chromium.run(work, "--dump-dom", file.toUri().toString());
        assertFalse(dom.contains("<script") || dom.contains("<img"), "no element made of the text: " + dom);
        assertTrue(dom.contains("Last failure: <span class=\"failed\">refused: &lt;script&gt;"), dom);
    }
}
