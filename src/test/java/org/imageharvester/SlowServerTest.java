package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.imageharvester.report.HarvestSummary;

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
                out.write(TestImages.pngHead()); // then image data, as much as it likes
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
        assertTrue(failure.get("reason").asText()
                .startsWith("too slow: not done within download.totalTimeout (1500 ms)"),
                failure.toString());
        // without the shared budget: 4 attempts of ~1 s each, plus back-off
        assertTrue(server.hits("/drip.png") <= 2, server.hits("/drip.png") + " attempts");
        assertTrue(took < 3000, "the slow link held the harvest " + took + " ms");
        assertTrue(files("images").stream().noneMatch(name -> name.endsWith(".part")), files("images").toString());
    }

    /**
     * A raw server on 127.0.0.1 for what the JDK's HttpServer cannot do wrong on purpose: each connection gets the
     * given bytes, written one by one with a pause between them.
     */
    private static ServerSocket rawServer(byte[] bytes, long pauseMillis) throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket call = socket.accept();
                    Thread answer = new Thread(() -> {
                        try (call; OutputStream out = call.getOutputStream()) {
                            for (byte b : bytes) {
                                out.write(b);
                                out.flush();
                                if (pauseMillis > 0) Thread.sleep(pauseMillis);
                            }
                        } catch (IOException | InterruptedException gone) {
                            // the harvester hung up
                        }
                    });
                    answer.setDaemon(true);
                    answer.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        accept.setDaemon(true);
        accept.start();
        return socket;
    }

    @Test
    void a_server_that_drips_its_headers_or_a_redirect_body_is_given_up_at_download_totalTimeout() throws Exception {
        String headers = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nX-Slow: " + "a".repeat(200) + "\r\n\r\n";
        String redirect = "HTTP/1.1 302 Found\r\nLocation: " + server.url("/ok.png")
                + "\r\nContent-Length: 100000\r\n\r\n"
                + "x".repeat(1000);
        server.serve("/ok.png", "image/png", PNG);
        try (ServerSocket slowHeaders = rawServer(headers.getBytes(), 50);
                ServerSocket slowRedirect = rawServer(redirect.getBytes(), 20)) {
            server.serve("/urls.txt", "text/plain", "http://127.0.0.1:" + slowHeaders.getLocalPort() + "/a.png\n"
                    + "http://127.0.0.1:" + slowRedirect.getLocalPort() + "/b.png\n");

            long started = System.nanoTime();
            HarvestSummary summary = harvest();
            long took = (System.nanoTime() - started) / 1_000_000;

            assertEquals(2, summary.failed(), summary.toString());
            for (JsonNode failure : report().get("failures")) {
                assertTrue(failure.get("reason").asText().startsWith("too slow"), failure.toString());
            }
            assertTrue(took < 4000, "slow headers held the harvest " + took + " ms");
        }
    }

    @Test
    void a_server_that_sends_headers_without_end_fails_its_link_alone() throws Exception {
        StringBuilder flood = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i < 20_000; i++) flood.append("X-Flood-").append(i).append(": ").append("y".repeat(100))
                .append("\r\n");
        server.serve("/ok.png", "image/png", PNG);
        try (ServerSocket flooding = rawServer(flood.toString().getBytes(), 0)) {
            server.serve("/urls.txt", "text/plain", "http://127.0.0.1:" + flooding.getLocalPort() + "/a.png\n"
                    + server.url("/ok.png") + "\n");

            HarvestSummary summary = harvest();

            assertEquals(1, summary.saved(), summary.toString());
            assertEquals(1, summary.failed(), summary.toString());
            assertTrue(report().get("failures").get(0).get("reason").asText().contains("header count"),
                    report().toString());
        }
    }
}
