package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * A server that drips, stalls or hangs up just before the end cannot hold a harvest: all attempts at one link share
 * download.totalTimeout.
 */
class SlowServerTest extends HarvesterTestSupport {

    private static final byte[] PNG = TestImages.image("png", 16, 16, 0x663399);

    @Override
    protected void configure(Properties settings) {
        settings.put("download.totalTimeout", "1500");
        settings.put("download.retries", "3");
        settings.put("download.socketTimeout", "5000");
        settings.put("download.responseTimeout", "5000");
        settings.put("download.concurrency", "2");
    }

    /** Serves headers, then a byte every 100 ms, then drops the connection before the promised end. */
    static void dripThenHangUp(TestServer server, String path, int bytes) {
        server.on(path, call -> {
            call.getResponseHeaders().set("Content-Type", "image/png");
            call.sendResponseHeaders(200, 100_000);
            OutputStream out = call.getResponseBody();
            try {
                out.write(PNG, 0, 8);
                for (int i = 0; i < bytes; i++) {
                    out.write(0);
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException gone) {
                return;
            }
            throw new IOException("hung up on purpose");
        });
    }

    @Test
    void all_attempts_at_one_link_share_one_time_budget() throws Exception {
        dripThenHangUp(server, "/drip.png", 10);
        server.serve("/ok.png", "image/png", PNG);
        list("/drip.png", "/ok.png");

        long started = System.nanoTime();
        HarvestSummary summary = harvest();
        long took = (System.nanoTime() - started) / 1_000_000;

        assertEquals(1, summary.saved(), summary.toString());
        assertEquals(1, summary.failed(), summary.toString());
        JsonNode failure = report().get("failures").get(0);
        assertTrue(failure.get("reason").asText().startsWith("too slow: not done within download.totalTimeout (1500 ms)"),
                failure.toString());
        // without the shared budget: 4 attempts of ~1 s each, plus back-off
        assertTrue(server.hits("/drip.png") <= 2, server.hits("/drip.png") + " attempts");
        assertTrue(took < 3000, "the slow link held the harvest " + took + " ms");
        assertTrue(files("images").stream().noneMatch(name -> name.endsWith(".part")), files("images").toString());
    }
}
