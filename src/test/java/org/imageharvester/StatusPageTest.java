package org.imageharvester;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.imageharvester.report.RunGate;

/**
 * The status page of a real runner on its management port, during a harvest from a slow local server: looked at in
 * headless Chromium on a phone-sized screen as it reloads itself, and asked for what it must refuse.
 */
class StatusPageTest extends RunnerProcessSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "<script>alert(\"x\")</script>'";

    @Test
    void shows_the_running_harvest_moving_the_next_run_and_the_last_runs_read_only_on_loopback() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Runners.serveImages(server, 60, 200);
        StringBuilder listing = new StringBuilder(server.url("/gone.png")).append('\n');
        for (int i = 0; i < 60; i++) listing.append(server.url("/p/" + i + ".png")).append('\n');
        server.serve("/urls.txt", "text/plain", listing.toString());
        // a run two days ago, planted, with a failure that must be shown as text: the schedule missed a run since,
        // so the runner harvests at once (harvest.runMissed)
        String planted = "harvest-" + RunGate.RUN_ID.format(Instant.now().minus(Duration.ofDays(2)));
        Files.createDirectories(work.resolve("reports"));
        Files.writeString(work.resolve("reports/" + planted + ".json"), "{\"run\":\"" + planted + "\",\"startedAt\":\""
                + RunGate.began(planted.substring(8)) + "\",\"durationMs\":1500,\"sourceRead\":false,\"sourceError\":"
                + JSON.writeValueAsString(HOSTILE) + ",\"listed\":0,\"saved\":0,\"failed\":0,\"bytes\":0}");
        Process runner = start(List.of("-Dcamel.management.enabled=true", "-Dcamel.management.port=" + port,
                "-Dsource.url=" + server.url("/urls.txt"), "-Dsource.format=lines", "-Dsource.headers=",
                "-Ddownload.concurrency=2", "-Dstatus.refresh=1", "-Duser.timezone=Asia/Kolkata"));
        try {
            String base = "http://127.0.0.1:" + port + "/observe/";
            awaitAnswer(runner, base + "status.json", r -> r.statusCode() == 200 && r.body().contains("\"saved\" : ")
                    && !r.body().contains("\"running\" : null"));

            String chromium = Chromium.path();
            assumeTrue(chromium != null, "Chromium is not installed (.ci/run installs Debian's chromium)");
            List<JsonNode> loads = new ArrayList<>();
            try (Chromium phone = new Chromium(work, base + "status", 800, 844)) {
                phone.phone(390, 844);
                // the page reloads itself: a new document (its own time origin), with the figures the harvest reached
                await().atMost(30, TimeUnit.SECONDS).pollInterval(100, TimeUnit.MILLISECONDS).until(() -> {
                    JsonNode load = JSON.readTree(phone.evaluate("JSON.stringify({origin: performance.timeOrigin,"
                            + " ready: document.readyState, saved: document.getElementById('saved')?.textContent,"
                            + " width: document.documentElement.scrollWidth, inner: innerWidth,"
                            + " text: document.body ? document.body.innerText : '',"
                            + " active: document.querySelectorAll('script,form,button,input,iframe').length})")
                            .asText());
                    if (!load.path("ready").asText().equals("complete") || load.path("saved").isMissingNode()) {
                        return false;
                    }
                    if (loads.isEmpty() || loads.get(loads.size() - 1).path("origin").asDouble()
                            != load.path("origin").asDouble()) loads.add(load);
                    return loads.size() >= 2 && !loads.get(0).path("saved").asText()
                            .equals(load.path("saved").asText());
                });
            }
            JsonNode first = loads.get(0);
            JsonNode later = loads.get(loads.size() - 1);
            assertNotEquals(first.path("origin").asDouble(), later.path("origin").asDouble(), "reloaded itself");
            assertTrue(Long.parseLong(later.path("saved").asText()) > Long.parseLong(first.path("saved").asText()),
                    "the figures move: " + first + " then " + later);
            for (JsonNode load : loads) {
                assertEquals(390, load.path("inner").asInt(), "a phone-sized screen: " + load);
                assertTrue(load.path("width").asInt() <= load.path("inner").asInt(), "no sideways scrolling: " + load);
                assertEquals(0, load.path("active").asInt(), "no script, form, button or input: " + load);
            }
            String text = later.path("text").asText();
            assertTrue(text.contains("pages read"), text);
            assertTrue(text.contains("Last failure: HTTP 404\n" + server.url("/gone.png")), text);
            assertTrue(text.contains("failed: " + HOSTILE), "the planted reason as text: " + text);
            assertTrue(text.matches("(?s).*Next scheduled run\n+\\d{4}-\\d\\d-\\d\\d 02:00:00 IST"
                    + " \\(harvest.cron = 0 0 2 \\* \\* \\?\\).*"), "the next run in the runner's zone: " + text);

            // once the harvest is done, it is the newest of the last runs, with its contact sheet served read-only
            JsonNode done = await().atMost(60, TimeUnit.SECONDS).until(() -> JSON.readTree(get(base + "status.json")
                    .body()), status -> status.path("running").isNull() && status.path("lastRuns").size() == 2);
            JsonNode newest = done.path("lastRuns").get(0);
            assertEquals(60, newest.path("saved").asInt(), done.toString());
            assertEquals(planted, done.path("lastRuns").get(1).path("run").asText(), done.toString());
            HttpResponse<String> sheet = get(base + newest.path("contactSheet").asText());
            assertEquals(200, sheet.statusCode(), sheet.body());
            assertTrue(sheet.body().contains("Harvest finished: 61 listed, 60 saved, 0 skipped, 1 failed"),
                    sheet.body());
            assertTrue(sheet.headers().firstValue("Content-Security-Policy").orElse("").contains("sandbox"));
            assertTrue(sheet.body().matches("(?s).*started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d IST.*"),
                    sheet.body());
            HttpResponse<String> page = get(base + "status");
            assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("")
                    .startsWith("default-src 'none'"), page.headers().toString());
            assertEquals(200, get(base + newest.path("report").asText()).statusCode());

            // nothing writable, nothing outside the output folders, nothing the request sends echoed back
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                for (String path : List.of("status", "status.json", newest.path("contactSheet").asText())) {
                    assertEquals(405, send(method, base + path).statusCode(), method + " " + path);
                }
            }
            for (String path : List.of("files/reports/..%2F..%2Fapplication.properties",
                    "files/reports/%2e%2e/%2e%2e/application.properties", "files/state/ledger.mv.db",
                    "files/images/", "files/reports/" + planted + ".problems.jsonl")) {
                assertEquals(404, get(base + path).statusCode(), path);
            }
            assertFalse(get(base + "status?X-Echo=1").headers().firstValue("X-Echo").isPresent());

            // loopback only: the machine's other addresses do not answer
            InetAddress other = otherAddress();
            assumeTrue(other != null, "this machine has no address but loopback");
            assertThrows(IOException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(other, port), 2000);
                }
            });
        } finally {
            runner.destroy();
            runner.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static HttpResponse<String> send(String method, String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .method(method, HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static InetAddress otherAddress() throws IOException {
        for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(face.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) return address;
            }
        }
        return null;
    }
}
