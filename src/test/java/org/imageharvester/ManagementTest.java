package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A runner that stays up, scraped on its management port: health turns DOWN after a failed harvest, metrics count. */
class ManagementTest {

    @TempDir
    Path work;

    private TestServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private Process runner;

    @BeforeEach
    void startServer() throws IOException {
        server = new TestServer();
    }

    @AfterEach
    void stop() throws Exception {
        if (runner != null) {
            runner.destroy();
            runner.waitFor(30, TimeUnit.SECONDS);
        }
        server.close();
    }

    @Test
    void health_is_down_after_a_failed_harvest_and_up_after_a_good_one_and_metrics_count_the_run() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // no listing yet: the first scheduled harvests cannot read it
        runner = start(port, "-Dsource.url=" + server.url("/urls.txt"));
        String base = "http://127.0.0.1:" + port + "/observe/";

        HttpResponse<String> down = await(base + "health", r -> r.statusCode() == 503);
        assertTrue(down.body().contains("{\"name\":\"last-harvest\",\"status\":\"DOWN\",\"message\":\"Harvest failed: could not read"),
                down.body());

        server.serve("/a.png", "image/png", TestImages.image("png", 40, 30, 0x336699))
                .serve("/b.jpg", "image/jpeg", TestImages.image("jpg", 40, 30, 0x996633))
                .serve("/urls.txt", "text/plain", server.url("/a.png") + "\n" + server.url("/b.jpg") + "\n"
                        + server.url("/gone.png"));
        HttpResponse<String> up = await(base + "health", r -> r.statusCode() == 200);
        assertTrue(up.body().contains("{\"name\":\"last-harvest\",\"status\":\"UP\",\"message\":\"Harvest finished: 3 listed,"
                + " 2 saved, 0 skipped, 1 failed, 2 thumbnails"), up.body());

        String metrics = get(base + "metrics").body();
        assertTrue(metrics.contains("\nharvest_run_saved 2.0\n"), metrics);
        assertTrue(metrics.contains("\nharvest_run_failed 1.0\n"), metrics);
        assertTrue(metrics.contains("\nharvest_run_thumbnails 2.0\n"), metrics);
        assertTrue(metrics.matches("(?s).*\nharvest_last_success_timestamp_seconds 1\\.\\d+E9\n.*"), metrics);
        assertTrue(metrics.contains("camel_exchanges_total"), "Camel's own metrics too");
    }

    private Process start(int port, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcamel.management.enabled=true", "-Dcamel.management.port=" + port, "-Dcamel.metrics.enabled=true",
                "-Dcamel.health.exposureLevel=full", "-Dharvest.cron=*/1 * * * * ?", "-Dharvest.runMissed=false",
                "-Dsource.format=lines", "-Dsource.headers=", "-Ddownload.allowHosts=127.0.0.1",
                "-Ddownload.dir=" + work.resolve("images"), "-Dthumbnail.dir=" + work.resolve("thumbnails"),
                "-Dreport.dir=" + work.resolve("reports"), "-Dledger.file=" + work.resolve("state/ledger")));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), App.class.getName()));
        return new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("runner.log").toFile()).start();
    }

    private HttpResponse<String> await(String url, Predicate<HttpResponse<String>> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline && runner.isAlive()) {
            try {
                last = get(url);
                if (wanted.test(last)) return last;
            } catch (IOException notYetListening) {
                // the runner is still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no such answer from " + url + ": " + (last == null ? "none" : last.statusCode() + " "
                + last.body()) + "\n" + Files.readString(work.resolve("runner.log")));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
