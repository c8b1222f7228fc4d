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
        assertTrue(summary.toString().startsWith("Harvest stopped: the harvest reached harvest.maxDuration"),
                summary.toString());
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

    @Test
    void harvest_maxDuration_ends_a_listing_of_slow_pages_without_links() throws Exception {
        // every page answers after 300 ms with no links and a next page: no link check ever sees the deadline pass
        server.on("/e", call -> {
            int page = Integer.parseInt(call.getRequestURI().getQuery().substring(5));
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            call.getResponseHeaders().set("Content-Type", "text/plain");
            call.getResponseHeaders().set("Link", "</e?page=" + (page + 1) + ">; rel=\"next\"");
            call.sendResponseHeaders(200, -1);
            call.close();
        });
        sources("", "source.url", server.url("/e?page=1"), "source.format", "lines", "source.maxPages", "1000");

        long started = System.nanoTime();
        HarvestSummary summary = harvest();
        long took = (System.nanoTime() - started) / 1_000_000;

        assertTrue(took < 1200 + 300 + 1000, "a listing of 1,000 empty pages of 300 ms went on for " + took + " ms");
        assertTrue(summary.toString().startsWith("Harvest stopped: the harvest reached harvest.maxDuration"),
                summary.toString());
        JsonNode source = report().get("sources").get(0);
        assertTrue(source.get("pages").asInt() <= 6, source.toString());
        assertTrue(source.get("note").asText().contains("the harvest stopped"), source.toString());
    }
}
