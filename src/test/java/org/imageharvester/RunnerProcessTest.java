package org.imageharvester;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.imageharvester.runner.App;
import org.imageharvester.runner.DemoGallery;
import org.imageharvester.runner.HarvestExit;

/** The runner as a user starts it: a separate Java process, its exit code, its files, its heap. */
class RunnerProcessTest {

    @TempDir
    Path work;

    private TestServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new TestServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void harvests_the_demo_gallery_once_and_exits_0() throws Exception {
        Process runner = start(List.of(), "--once", "--demo");

        assertEquals(0, exitCode(runner, 120));
        assertEquals(DemoGallery.IMAGES, count("images"));
        assertEquals(DemoGallery.IMAGES + 1, count("thumbnails"), "the thumbnails and the run's index.html");
        assertTrue(Files.readString(work.resolve("thumbnails/index.html")).contains("Harvest finished: 32 listed"));
        String log = log(runner);
        assertTrue(log.contains("Harvest finished: 32 listed, 30 saved, 1 skipped, 1 failed, 30 thumbnails"), log);
    }

    @Test
    void exits_2_when_the_source_cannot_be_read() throws Exception {
        Process runner = start(List.of("-Dsource.url=" + server.url("/no-such-listing.json"), "-Dsource.headers="),
                "--once");

        assertEquals(HarvestExit.SOURCE_UNREADABLE, exitCode(runner, 60));
        assertTrue(log(runner).contains("Could not read the listing"), log(runner));
        assertEquals(1, count("reports"));
    }

    @Test
    void exits_1_at_start_up_when_a_header_variable_is_not_set() throws Exception {
        Process runner = start(List.of("-Dsource.headers=Authorization: Client-ID ${IMAGE_HARVESTER_UNSET_VARIABLE}"),
                "--once");

        assertEquals(App.START_FAILED, exitCode(runner, 60));
        assertTrue(log(runner).contains("Harvester could not start: source.headers needs environment variable"
                + " IMAGE_HARVESTER_UNSET_VARIABLE, which is not set"), log(runner));
        assertEquals(0, server.hits("/no-such-listing.json"));
    }

    @Test
    void exits_1_at_start_up_naming_a_misspelt_key_a_bad_cron_and_a_bad_size() throws Exception {
        Process runner = start(List.of("-Ddownload.concurency=4", "-Dharvest.cron=0 0 25 * * ?",
                "-Dthumbnail.width=big"), "--once");

        assertEquals(App.START_FAILED, exitCode(runner, 60));
        String log = log(runner);
        assertTrue(log.contains("Harvester could not start: "), log);
        assertTrue(log.contains("unknown setting download.concurency (did you mean download.concurrency?)"), log);
        assertTrue(log.contains("harvest.cron = '0 0 25 * * ?' is not a Quartz cron"), log);
        assertTrue(log.contains("thumbnail.width = 'big' is not a whole number"), log);
        assertEquals(0, server.hits("/no-such-listing.json"));
    }

    @Test
    void exits_1_at_start_up_when_the_embedded_broker_has_no_password() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process runner = start(List.of("-Dbroker.embedded=tcp://127.0.0.1:" + port,
                "-Dbroker.embeddedDir=" + work.resolve("broker"), "-Dbroker.user=harvester",
                "-Dsource.url=" + server.url("/no-such-listing.json"), "-Dsource.headers="), "--once");

        assertEquals(App.START_FAILED, exitCode(runner, 60));
        assertTrue(log(runner).contains("Harvester could not start: broker.embedded needs broker.user and broker.password"
                + " (BROKER_USER / BROKER_PASSWORD in the environment)"), log(runner));
        assertTrue(Files.notExists(work.resolve("broker")), "no broker started");
        assertEquals(0, server.hits("/no-such-listing.json"));
    }

    @Test
    void exits_1_when_started_where_there_are_no_routes() throws Exception {
        Process runner = start(List.of(), work, "--once");

        assertEquals(App.START_FAILED, exitCode(runner, 60));
        assertTrue(log(runner).contains("no routes found"), log(runner));
    }

    @Test
    void exits_3_when_the_report_cannot_be_written() throws Exception {
        Path notAFolder = Files.writeString(work.resolve("reports-file"), "a file where the report folder should be");
        server.serve("/urls.txt", "text/plain", "");
        Process runner = start(List.of("-Dsource.url=" + server.url("/urls.txt"), "-Dsource.format=lines",
                "-Dsource.headers=", "-Dreport.dir=" + notAFolder), "--once");

        assertEquals(HarvestExit.HARVEST_BROKEN, exitCode(runner, 60));
        assertTrue(log(runner).contains("cannot write the run's report"), log(runner));
    }

    @Test
    void streams_an_image_larger_than_its_heap_to_disk() throws Exception {
        long size = 200L * 1024 * 1024;
        server.serveLarge("/huge.png", size).serve("/urls.txt", "text/plain", server.url("/huge.png"));
        Process runner = start(List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-Ddownload.maxBytes=" + 2 * size,
                "-Dsource.url=" + server.url("/urls.txt"),
                "-Dsource.format=lines", "-Dsource.headers="), "--once");

        assertEquals(0, exitCode(runner, 120), log(runner));
        try (Stream<Path> images = Files.list(work.resolve("images"))) {
            List<Path> saved = images.toList();
            assertEquals(1, saved.size(), saved.toString());
            assertEquals(size, Files.size(saved.get(0)));
        }
    }

    @Test
    void thumbnails_six_60_mb_jpegs_on_four_threads_within_the_recommended_heap() throws Exception {
        int images = 6;
        long size = 60L << 20;
        byte[] jpeg = TestImages.image("jpg", 2000, 1500, 0x405060);
        // every body is a real JPEG, then padding (its own byte, so no two are the same image); all six end
        // together, so four thumbnails are made at once
        CountDownLatch nearlySent = new CountDownLatch(images);
        StringBuilder listing = new StringBuilder();
        for (int i = 0; i < images; i++) {
            byte padding = (byte) (i + 1);
            server.on("/big/" + i + ".jpg", call -> {
                call.getResponseHeaders().set("Content-Type", "image/jpeg");
                call.sendResponseHeaders(200, size);
                byte[] chunk = new byte[1 << 20];
                try (OutputStream out = call.getResponseBody()) {
                    out.write(jpeg);
                    for (long sent = jpeg.length; sent < size; sent += chunk.length) {
                        java.util.Arrays.fill(chunk, padding);
                        if (size - sent <= chunk.length) {
                            nearlySent.countDown();
                            nearlySent.await(60, TimeUnit.SECONDS);
                        }
                        out.write(chunk, 0, (int) Math.min(chunk.length, size - sent));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            listing.append(server.url("/big/" + i + ".jpg")).append('\n');
        }
        server.serve("/urls.txt", "text/plain", listing.toString());
        Process runner = start(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:+ExitOnOutOfMemoryError", "-Dthumbnail.concurrency=4", "-Dthumbnail.width=500",
                "-Dthumbnail.height=500", "-Ddownload.maxBytes=" + 2 * size, "-Dsource.url=" + server.url("/urls.txt"),
                "-Dsource.format=lines", "-Dsource.headers="), "--once");

        assertEquals(0, exitCode(runner, 180), log(runner));
        String log = log(runner);
        assertTrue(log.contains("Harvest finished: 6 listed, 6 saved, 0 skipped, 0 failed, 6 thumbnails"), log);
        assertEquals(1, count("reports"));
        try (Stream<Path> saved = Files.list(work.resolve("images"))) {
            List<Path> files = saved.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
            assertEquals(images, files.size(), files.toString());
            for (Path file : files) assertEquals(size, Files.size(file), file + " is whole");
        }
        try (Stream<Path> thumbnails = Files.list(work.resolve("thumbnails"))) {
            List<Path> made = thumbnails.filter(f -> f.getFileName().toString().endsWith("_thumbnail.jpg")).toList();
            assertEquals(images, made.size(), made.toString());
            for (Path thumbnail : made) assertEquals(500, TestImages.read(thumbnail).getWidth(), thumbnail.toString());
        }
    }

    @Test
    void completes_exactly_the_missing_images_after_a_kill_9() throws Exception {
        Map<String, byte[]> served = Runners.serveImages(server, 40, 150);
        List<String> options = List.of("-Dsource.url=" + server.url("/urls.txt"), "-Dsource.format=lines",
                "-Dsource.headers=", "-Ddownload.concurrency=4", "-Ddownload.perHostConcurrency=4");
        Process first = start(options, "--once");
        awaitSaved(8, first);

        first.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
        first.waitFor(30, TimeUnit.SECONDS);
        Map<String, byte[]> present = Runners.savedImages(work.resolve("images"));
        assertTrue(present.size() >= 8 && present.size() < served.size(), present.size() + " saved before the kill");
        present.forEach((name, bytes) -> assertArrayEquals(served.get(name), bytes, name + " is complete"));

        Map<String, Integer> hitsBefore = hits(served.size());
        int notModifiedBefore = server.notModified();
        Process second = start(options, "--once");
        assertEquals(0, exitCode(second, 120), log(second));

        assertEquals(served.keySet(), Runners.savedImages(work.resolve("images")).keySet());
        Runners.savedImages(work.resolve("images")).forEach((name, bytes) -> assertArrayEquals(served.get(name), bytes, name + " is complete"));
        // each image saved before the kill is at most asked about (304), each missing one fetched once
        int fetched = 0;
        for (Map.Entry<String, Integer> hit : hits(served.size()).entrySet()) {
            fetched += hit.getValue() - hitsBefore.get(hit.getKey());
        }
        assertEquals(served.size() - present.size(), fetched - (server.notModified() - notModifiedBefore),
                "the second run fetched exactly the missing images");
        assertEquals(List.of(), parts());
    }

    @Test
    void logs_progress_every_report_progress_interval_and_no_line_per_image() throws Exception {
        Runners.serveImages(server, 12, 250);
        Process runner = start(List.of("-Dsource.url=" + server.url("/urls.txt"), "-Dsource.format=lines",
                "-Dsource.headers=", "-Ddownload.concurrency=2", "-Dreport.progressInterval=300"), "--once");

        assertEquals(0, exitCode(runner, 60), log(runner));
        String log = log(runner);
        List<String> progress = log.lines().filter(line -> line.contains("Progress: ")).toList();
        assertTrue(progress.size() >= 2, "a line every 300 ms of a harvest of about 1.5 s: " + log);
        assertTrue(progress.get(progress.size() - 1).matches(".*Progress: \\d+ of \\d+ links done \\(\\d+ saved, 0 skipped,"
                + " 0 failed\\), \\d+ thumbnails, [0-9.]+ MB at [0-9.]+ MB/s, [0-9.]+ images/s.*"), progress.toString());
        assertTrue(log.contains("Harvest finished: 12 listed, 12 saved"), log);
        assertTrue(log.lines().noneMatch(line -> line.contains("Saved http")), "per-image lines are DEBUG: " + log);
        // every line of the run, from the timer, the download threads and the thumbnail threads, names the run
        String report;
        try (Stream<Path> reports = Files.list(work.resolve("reports"))) {
            report = reports.map(f -> f.getFileName().toString()).findFirst().orElseThrow();
        }
        String run = "[" + report.substring("harvest-".length(), report.length() - ".json".length()) + "] ";
        for (String line : log.lines().filter(l -> l.contains("Progress: ") || l.contains("Harvest ")).toList()) {
            assertTrue(line.contains(run), line + " names " + run);
        }
    }

    @Test
    void stops_on_sigterm_within_the_shutdown_timeout_leaving_no_partial_file() throws Exception {
        Map<String, byte[]> served = Runners.serveImages(server, 40, 400);
        Process runner = start(List.of("-Dsource.url=" + server.url("/urls.txt"), "-Dsource.format=lines",
                "-Dsource.headers=", "-Ddownload.concurrency=4", "-Dcamel.main.shutdown-timeout=3"), "--once");
        awaitSaved(4, runner);

        runner.destroy(); // SIGTERM

        assertTrue(runner.waitFor(30, TimeUnit.SECONDS), "stopped within the shutdown timeout: " + log(runner));
        assertEquals(List.of(), parts());
        Runners.savedImages(work.resolve("images")).forEach((name, bytes) -> assertArrayEquals(served.get(name), bytes, name + " is complete"));
    }

    private Map<String, Integer> hits(int count) {
        Map<String, Integer> hits = new TreeMap<>();
        for (int i = 0; i < count; i++) hits.put("/p/" + i + ".png", server.hits("/p/" + i + ".png"));
        return hits;
    }

    private void awaitSaved(int images, Process runner) {
        await().atMost(60, TimeUnit.SECONDS).pollInterval(20, TimeUnit.MILLISECONDS)
                .until(() -> Runners.savedImages(work.resolve("images")).size() >= images || !runner.isAlive());
        assertTrue(runner.isAlive(), "still harvesting: " + log(runner));
    }

    private List<String> parts() throws IOException {
        try (Stream<Path> files = Files.list(work.resolve("images"))) {
            return files.map(f -> f.getFileName().toString()).filter(name -> name.endsWith(".part")).toList();
        }
    }

    @Test
    void stays_up_and_harvests_on_the_cron_schedule() throws Exception {
        server.serve("/one.png", "image/png", TestImages.image("png", 20, 20, 1))
                .serve("/urls.txt", "text/plain", server.url("/one.png"));
        Process runner = start(List.of("-Dharvest.cron=*/1 * * * * ?", "-Dsource.url=" + server.url("/urls.txt"),
                "-Dsource.format=lines", "-Dsource.headers="));
        try {
            await().atMost(60, TimeUnit.SECONDS).until(() -> count("reports") >= 2 || !runner.isAlive());
            assertTrue(runner.isAlive(), "the runner stays up between harvests: " + log(runner));
            assertTrue(count("reports") >= 2, "two scheduled harvests ran: " + log(runner));
        } finally {
            runner.destroy();
            runner.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process start(List<String> jvmOptions, String... args) throws IOException {
        return start(jvmOptions, Path.of("").toAbsolutePath(), args);
    }

    private Process start(List<String> jvmOptions, Path folder, String... args) throws IOException {
        return Runners.start(work, jvmOptions, folder, args);
    }

    @Test
    void serves_health_down_after_a_failed_harvest_up_after_a_good_one_and_metrics_of_the_run() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // no listing yet: the first scheduled harvests cannot read it
        Process runner = start(List.of("-Dcamel.management.enabled=true", "-Dcamel.management.port=" + port,
                "-Dcamel.metrics.enabled=true", "-Dcamel.health.exposureLevel=full", "-Dharvest.cron=*/1 * * * * ?",
                "-Dsource.url=" + server.url("/urls.txt"), "-Dsource.format=lines", "-Dsource.headers="));
        try {
            String base = "http://127.0.0.1:" + port + "/observe/";
            // (503 comes while Camel is still starting too: wait for the check's own DOWN)
            HttpResponse<String> down = awaitAnswer(runner, base + "health",
                    r -> r.statusCode() == 503 && r.body().contains("\"name\":\"last-harvest\",\"status\":\"DOWN\""));
            assertTrue(down.body().contains(
                    "{\"name\":\"last-harvest\",\"status\":\"DOWN\",\"message\":\"Harvest failed: could not read"), down.body());

            server.serve("/a.png", "image/png", TestImages.image("png", 40, 30, 0x336699))
                    .serve("/b.jpg", "image/jpeg", TestImages.image("jpg", 40, 30, 0x996633))
                    .serve("/urls.txt", "text/plain", server.url("/a.png") + "\n" + server.url("/b.jpg") + "\n"
                            + server.url("/gone.png"));
            HttpResponse<String> up = awaitAnswer(runner, base + "health", r -> r.statusCode() == 200);
            assertTrue(up.body().contains("{\"name\":\"last-harvest\",\"status\":\"UP\",\"message\":\"Harvest finished:"
                    + " 3 listed, 2 saved, 0 skipped, 1 failed, 2 thumbnails"), up.body());

            String metrics = get(base + "metrics").body();
            assertTrue(metrics.contains("\nharvest_run_saved 2.0\n"), metrics);
            assertTrue(metrics.contains("\nharvest_run_failed 1.0\n"), metrics);
            assertTrue(metrics.contains("\nharvest_run_thumbnails 2.0\n"), metrics);
            assertTrue(metrics.matches("(?s).*\nharvest_last_success_timestamp_seconds 1\\.\\d+E9\n.*"), metrics);
            assertTrue(metrics.contains("camel_exchanges_total"), "Camel's own metrics too");
        } finally {
            runner.destroy();
            runner.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private HttpResponse<String> awaitAnswer(Process runner, String url, Predicate<HttpResponse<String>> wanted)
            throws Exception {
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
                + last.body()) + "\n" + log(runner));
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int exitCode(Process runner, int seconds) throws Exception {
        if (!runner.waitFor(seconds, TimeUnit.SECONDS)) {
            runner.destroyForcibly();
            throw new AssertionError("runner did not exit within " + seconds + " s: " + log(runner));
        }
        return runner.exitValue();
    }

    private String log(Process runner) throws IOException {
        return Files.readString(work.resolve("runner.log"));
    }

    private long count(String folder) throws IOException {
        Path dir = work.resolve(folder);
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")
                    && !f.getFileName().toString().endsWith(".jsonl")).count();
        }
    }
}
