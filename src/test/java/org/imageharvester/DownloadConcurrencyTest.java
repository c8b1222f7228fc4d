package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import java.util.StringJoiner;

import org.junit.jupiter.api.Test;

import org.imageharvester.report.HarvestSummary;

/** The number of downloads in flight at the server is exactly the size of downloadPool. */
class DownloadConcurrencyTest extends HarvesterTestSupport {

    /** The downloadPool size under test. */
    int pool() {
        return 5;
    }

    /** The cap on downloads in flight to one host under test. */
    int perHost() {
        return 64;
    }

    @Override
    protected void configure(Properties settings) {
        settings.put("download.concurrency", String.valueOf(pool()));
        settings.put("download.perHostConcurrency", String.valueOf(perHost()));
    }

    @Test
    void keeps_exactly_the_pool_size_of_downloads_in_flight_up_to_the_per_host_cap() {
        int expected = Math.min(pool(), perHost());
        StringJoiner listing = new StringJoiner("\n");
        for (int i = 0; i < 4 * expected; i++) {
            server.serve("/img/" + i + ".png", "image/png", TestImages.image("png", 40, 30, i * 1000));
            listing.add(server.url("/img/" + i + ".png"));
        }
        server.serve("/urls.txt", "text/plain", listing.toString());
        server.holdUntilInFlight(expected);

        HarvestSummary summary = harvest();

        assertEquals(4 * expected, summary.saved(), summary.toString());
        assertEquals(expected, server.peakInFlight(), "requests in flight at the server");
    }
}
