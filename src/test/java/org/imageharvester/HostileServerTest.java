package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.junit.jupiter.api.Test;

import org.imageharvester.report.HarvestSummary;

/**
 * Servers that misbehave on purpose: stalls, drips, cut-off bodies, lies about sizes, busy signals, redirect loops,
 * names that do not resolve and ports nobody listens on. Each link ends saved or failed with its reason, the harvest
 * goes on, and nothing half-written is left.
 */
class HostileServerTest extends HarvesterTestSupport {

    private static final byte[] PNG = TestImages.image("png", 32, 32, 0x00ffff);

    @Override
    protected void configure(Properties settings) {
        settings.put("download.responseTimeout", "700");
        settings.put("download.socketTimeout", "700");
        settings.put("download.totalTimeout", "4000");
        settings.put("download.maxBytes", "100000");
        settings.put("download.retries", "2");
        settings.put("download.maxRetryAfter", "5000");
    }

    @Test
    void ends_every_hostile_link_saved_or_failed_with_its_reason() throws Exception {
        int closedPort;
        try (ServerSocket free = new ServerSocket(0)) {
            closedPort = free.getLocalPort();
        }
        server.on("/stall.png", call -> {
            call.getResponseHeaders().set("Content-Type", "image/png");
            call.sendResponseHeaders(200, PNG.length);
            pause(5000);
        }).on("/drip.png", call -> {
            call.getResponseHeaders().set("Content-Type", "image/png");
            call.sendResponseHeaders(200, 0);
            try (OutputStream out = call.getResponseBody()) {
                out.write(TestImages.pngHead()); // then image data, as much as it likes
                for (int i = 0; i < 200; i++) {
                    out.write(0);
                    out.flush();
                    pause(100);
                }
            }
        }).on("/cut.png", call -> {
            call.getResponseHeaders().set("Content-Type", "image/png");
            call.sendResponseHeaders(200, 50_000);
            call.getResponseBody().write(PNG, 0, PNG.length);
            call.getResponseBody().flush();
            call.getHttpContext().getServer(); // the exchange is dropped with 50,000 bytes promised
            throw new IOException("cut off on purpose");
        }).on("/declared-huge.png", call -> {
            call.getResponseHeaders().set("Content-Type", "image/png");
            call.sendResponseHeaders(200, 5_000_000);
            try (OutputStream out = call.getResponseBody()) {
                out.write(PNG);
            } catch (IOException expected) {
                // the client hangs up after the headers
            }
        }).on("/undeclared-huge.png", call -> {
            call.getResponseHeaders().set("Content-Type", "image/png");
            call.sendResponseHeaders(200, 0);
            try (OutputStream out = call.getResponseBody()) {
                out.write(TestImages.pngHead()); // then image data, as much as it likes
                for (int i = 0; i < 100; i++) out.write(new byte[10_000]);
            } catch (IOException expected) {
                // the client hangs up once the cap is reached
            }
        }).on("/empty.png", call -> send(call, 200, Map.of("Content-Type", "image/png"), new byte[0]))
                .on("/flaky.png", failFirst(2, 503, Map::of, TestImages.image("png", 8, 8, 1)))
                .on("/busy.png", failFirst(1, 429, () -> Map.of("Retry-After", "1"), TestImages.image("png", 8, 8, 2)))
                // an HTTP date two seconds after the request (one to two seconds away, as dates have no fractions)
                .on("/busy-until.png", failFirst(1, 503, () -> Map.of("Retry-After",
                        DateTimeFormatter.RFC_1123_DATE_TIME
                        .format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2))), TestImages.image("png", 8, 8, 3)))
                .on("/always-503.png", call -> send(call, 503, Map.of(), new byte[0]))
                .on("/forbidden.png", call -> send(call, 403, Map.of(), new byte[0]))
                .on("/moved.png", call -> send(call, 301, Map.of("Location",
                server.url("/busy.png").replace("busy", "here")), new byte[0]))
                .on("/here.png", call -> send(call, 200, Map.of("Content-Type", "image/png"), PNG))
                .on("/loop-a.png", call -> send(call, 302, Map.of("Location", server.url("/loop-b.png")), new byte[0]))
                .on("/loop-b.png", call -> send(call, 302, Map.of("Location", server.url("/loop-a.png")), new byte[0]));
        List<String> links = List.of("/stall.png", "/drip.png", "/cut.png", "/declared-huge.png",
                "/undeclared-huge.png",
                "/empty.png", "/flaky.png", "/busy.png", "/busy-until.png", "/always-503.png", "/forbidden.png",
                "/moved.png", "/loop-a.png");
        StringBuilder listing = new StringBuilder();
        links.forEach(link -> listing.append(server.url(link)).append('\n'));
        listing.append("http://nosuch-host.invalid/a.png\n");
        listing.append("http://127.0.0.1:").append(closedPort).append("/refused.png\n");
        server.serve("/urls.txt", "text/plain", listing.toString());

        HarvestSummary summary = harvest();

        Map<String, String> failures = new TreeMap<>();
        for (JsonNode failure : report().get("failures")) {
            failures.put(failure.get("url").asText().replace(server.url(""), ""), failure.get("reason").asText());
        }
        assertEquals(15, summary.listed(), summary.toString());
        assertEquals(4, summary.saved(), "flaky, busy, busy-until and moved: " + failures);
        assertEquals(11, summary.failed(), summary.toString());
        assertReason(failures, "/stall.png", "SocketTimeoutException");
        assertReason(failures, "/drip.png", "too slow");
        assertReason(failures, "/cut.png", "ConnectionClosedException");
        assertReason(failures, "/declared-huge.png", "too large: Content-Length 5000000");
        assertReason(failures, "/undeclared-huge.png", "too large: more than download.maxBytes");
        assertReason(failures, "/empty.png", "empty");
        assertReason(failures, "/always-503.png", "HTTP 503");
        assertReason(failures, "/forbidden.png", "HTTP 403");
        assertReason(failures, "/loop-a.png", "CircularRedirectException");
        assertReason(failures, "http://nosuch-host.invalid/a.png", "UnknownHostException");
        assertReason(failures, "http://127.0.0.1:" + closedPort + "/refused.png", "Connection refused");

        assertEquals(3, server.hits("/flaky.png"), "5xx retried until it worked");
        assertEquals(3, server.hits("/always-503.png"), "5xx retried download.retries times, then given up");
        assertEquals(1, server.hits("/forbidden.png"), "4xx never retried");
        assertEquals(1, server.hits("/drip.png"), "a server that is too slow is not asked again");
        assertTrue(gapMillis("/busy.png") >= 1000, "Retry-After: 1 honoured, waited " + gapMillis("/busy.png") + " ms");
        assertTrue(gapMillis("/busy-until.png") >= 900, "Retry-After date honoured, waited "
                + gapMillis("/busy-until.png"));
        assertTrue(files("images").stream().noneMatch(name -> name.endsWith(".part")), files("images").toString());
        assertEquals(4, files("images").size(), files("images").toString());
    }

    private static void assertReason(Map<String, String> failures, String link, String expected) {
        String reason = failures.get(link);
        assertTrue(reason != null && reason.contains(expected), link + ": expected '" + expected + "' in " + failures);
    }

    private long gapMillis(String path) {
        List<Long> times = server.times(path);
        return times.size() < 2 ? -1 : (times.get(1) - times.get(0)) / 1_000_000;
    }

    private static HttpHandler failFirst(int failures, int status,
            Supplier<Map<String, String>> headers, byte[] image) {
        AtomicInteger calls = new AtomicInteger();
        return call -> {
            if (calls.incrementAndGet() <= failures) {
                send(call, status, headers.get(), new byte[0]);
            } else {
                send(call, 200, Map.of("Content-Type", "image/png"), image);
            }
        };
    }

    private static void send(HttpExchange call, int status, Map<String, String> headers,
            byte[] body) throws IOException {
        headers.forEach(call.getResponseHeaders()::set);
        call.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = call.getResponseBody()) {
            out.write(body);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
