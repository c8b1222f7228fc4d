package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.imageharvester.report.HarvestSummary;

/** harvest.maxDuration ends a whole run cleanly: what is in flight breaks off, the rest is counted as not attempted. */
class MaxDurationTest extends HarvesterTestSupport {

    @Override
    protected void configure(Properties settings) {
        settings.put("harvest.maxDuration", "1200");
        settings.put("download.totalTimeout", "60000");
        settings.put("download.socketTimeout", "5000");
        settings.put("download.concurrency", "2");
    }

    @Test
    void harvest_maxDuration_ends_the_run_cleanly_and_counts_what_it_did_not_attempt() throws Exception {
        String[] links = new String[20];
        for (int i = 0; i < links.length; i++) {
            links[i] = "/slow-" + i + ".png";
            SlowServerTest.dripThenHangUp(server, links[i], 300);
        }
        list(links);

        long started = System.nanoTime();
        HarvestSummary summary = harvest();
        long took = (System.nanoTime() - started) / 1_000_000;

        assertTrue(took < 4000, "a run of 20 links of 30 s each ended after " + took + " ms");
        assertTrue(summary.sourceRead(), "the listing was read to its end, not failed: " + summary);
        assertTrue(summary.toString().startsWith("Harvest stopped: the harvest reached harvest.maxDuration"), summary.toString());
        assertEquals(20, summary.listed(), summary.toString());
        assertEquals(0, summary.saved(), summary.toString());
        assertEquals(2, summary.failed(), "the two in flight were broken off: " + summary);
        assertEquals(18, summary.skipped(), summary.toString());
        JsonNode report = report();
        assertTrue(report.get("stoppedBecause").asText().contains("harvest.maxDuration (1200 ms)"), report.toString());
        assertTrue(report.get("stoppedBecause").asText().contains("18 links not attempted"), report.toString());
        assertTrue(report.get("failures").get(0).get("reason").asText().startsWith("abandoned: the harvest reached"),
                report.toString());
        assertTrue(files("images").isEmpty(), "no part files left: " + files("images"));
    }
}
