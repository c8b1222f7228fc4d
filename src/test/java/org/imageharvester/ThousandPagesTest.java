package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * A runner process reading a listing of 1,000 numbered pages of 20 links each within a small heap: each page is asked
 * for only once the downloads have taken nearly all the links before it, so memory holds a page, not the listing.
 */
class ThousandPagesTest extends RunnerProcessSupport {

    private static final int PAGES = 1000;
    private static final int LINKS = 20;

    @Test
    void reads_a_thousand_pages_one_at_a_time_as_the_downloads_take_their_links() throws Exception {
        AtomicInteger imageRequests = new AtomicInteger();
        Map<Integer, Integer> takenBeforePage = new ConcurrentHashMap<>();
        server.on("/x/", call -> {
            imageRequests.incrementAndGet();
            call.sendResponseHeaders(404, -1);
            call.close();
        });
        server.on("/big/", call -> {
            String name = call.getRequestURI().getPath().substring("/big/".length());
            int page = Integer.parseInt(name.substring(0, name.indexOf('.')));
            takenBeforePage.put(page, imageRequests.get());
            StringBuilder json = new StringBuilder("{\"data\":[");
            for (int i = 0; page <= PAGES && i < LINKS; i++) {
                json.append(i == 0 ? "" : ",").append("{\"link\":\"").append(server.url("/x/" + page + "-" + i
                        + ".png"))
                        .append("\"}");
            }
            byte[] body = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            call.getResponseHeaders().set("Content-Type", "application/json");
            call.sendResponseHeaders(200, body.length);
            try (OutputStream out = call.getResponseBody()) {
                out.write(body);
            }
        });
        Process runner = start(List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
                "-Dsource.url=" + server.url("/big/{page}.json"), "-Dsource.format=json",
                "-Dsource.jsonPath=$.data[*].link", "-Dsource.maxPages=5000", "-Dsource.headers=",
                "-Ddownload.retries=0", "-Ddownload.concurrency=16", "-Ddownload.queueSize=100"), "--once");
        long peakRss = 0;
        Path status = Path.of("/proc/" + runner.pid() + "/status");
        while (runner.isAlive()) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) peakRss = Math.max(peakRss,
                            Long.parseLong(line.replaceAll("\\D", "")));
                }
            } catch (IOException | NumberFormatException ended) {
                // the process has just ended
            }
            Thread.sleep(100);
        }

        assertEquals(0, exitCode(runner, 10), log(runner));
        String log = log(runner);
        assertTrue(log.contains("Harvest finished: 20000 listed, 0 saved, 0 skipped, 20000 failed"), log);
        assertEquals(PAGES + 1, takenBeforePage.size(), "every page once, then the empty one ends the listing");
        // the download threads and their queue hold at most 116 links: no page is read sooner than that
        for (int page = 2; page <= PAGES + 1; page++) {
            int taken = takenBeforePage.get(page);
            assertTrue(taken >= (page - 1) * LINKS - 200, "page " + page + " read when only " + taken
                    + " links were taken");
        }
        System.out.println("ThousandPagesTest: peak RSS " + peakRss / 1024 + " MB with -Xmx64m for " + PAGES
                + " pages");
    }
}
