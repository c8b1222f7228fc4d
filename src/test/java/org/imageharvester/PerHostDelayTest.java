package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.imageharvester.report.HarvestSummary;

/** With download.perHostDelay on, requests to one host are spaced, however many download threads there are. */
class PerHostDelayTest extends HarvesterTestSupport {

    @Override
    protected void configure(Properties settings) {
        settings.put("download.concurrency", "4");
        settings.put("download.perHostDelay.enabled", "true");
        settings.put("download.perHostDelay", "300");
    }

    @Test
    void spaces_the_requests_to_one_host() throws Exception {
        StringBuilder listing = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            byte[] png = TestImages.image("png", 10, 10, i + 10);
            String path = "/slow-host/" + i + ".png";
            server.on(path, call -> {
                call.getResponseHeaders().set("Content-Type", "image/png");
                call.sendResponseHeaders(200, png.length);
                call.getResponseBody().write(png);
                call.close();
            });
            listing.append(server.url(path)).append('\n');
        }
        server.serve("/urls.txt", "text/plain", listing.toString());

        HarvestSummary summary = harvest();

        assertEquals(4, summary.saved(), summary.toString());
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 4; i++) times.addAll(server.times("/slow-host/" + i + ".png"));
        Collections.sort(times);
        for (int i = 1; i < times.size(); i++) {
            long gap = (times.get(i) - times.get(i - 1)) / 1_000_000;
            assertTrue(gap >= 250, "requests " + (i - 1) + " and " + i + " only " + gap + " ms apart");
        }
    }
}
