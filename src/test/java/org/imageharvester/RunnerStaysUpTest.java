package org.imageharvester;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** A runner process that stays up: its cron, its progress lines, its health and metrics. */
class RunnerStaysUpTest extends RunnerProcessSupport {

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

    @Test
    void logs_progress_every_report_progress_interval_and_no_line_per_image() throws Exception {
        Runners.serveImages(server, 12, 250);
        Process runner = start(List.of("-Dsource.url=" + server.url("/urls.txt"), "-Dsource.format=lines",
                "-Dsource.headers=", "-Ddownload.concurrency=2", "-Dreport.progressInterval=300"), "--once");

        assertEquals(0, exitCode(runner, 60), log(runner));
        String log = log(runner);
        List<String> progress = log.lines().filter(line -> line.contains("Progress: ")).toList();
        assertTrue(progress.size() >= 2, "a line every 300 ms of a harvest of about 1.5 s: " + log);
        assertTrue(progress.get(progress.size() - 1)
                .matches(".*Progress: \\d+ of \\d+ links done \\(\\d+ saved, 0 skipped,"
                + " 0 failed\\), \\d+ thumbnails, [0-9.]+ MB at [0-9.]+ MB/s, [0-9.]+ images/s.*"),
                progress.toString());
        assertTrue(log.contains("Harvest finished: 12 listed, 12 saved"), log);
        assertTrue(log.lines().noneMatch(line -> line.contains("Saved http")), "per-image lines are DEBUG: " + log);
        // every line of the run, from the timer, the download threads and the thumbnail threads, names the run
        String report;
        try (Stream<Path> reports = Files.list(work.resolve("reports"))) {
            report = reports.map(f -> f.getFileName().toString()).filter(name -> name.endsWith(".json")).findFirst()
                    .orElseThrow();
        }
        String run = "[" + report.substring("harvest-".length(), report.length() - ".json".length()) + "] ";
        for (String line : log.lines().filter(l -> l.contains("Progress: ") || l.contains("Harvest ")).toList()) {
            assertTrue(line.contains(run), line + " names " + run);
        }
    }

    @Test
    void serves_health_down_after_a_failed_harvest_up_after_a_good_one_and_metrics_of_the_run() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // no listing yet: the first scheduled harvests cannot read it. Every 5 s: the gauges show the last harvest,
        // so the good harvest's figures must still be there when read, before the next one (all skipped) begins
        Process runner = start(List.of("-Dcamel.management.enabled=true", "-Dcamel.management.port=" + port,
                "-Dcamel.metrics.enabled=true", "-Dcamel.health.exposure-level=full", "-Dharvest.cron=*/5 * * * * ?",
                "-Dsource.url=" + server.url("/urls.txt"), "-Dsource.format=lines", "-Dsource.headers="));
        try {
            String base = "http://127.0.0.1:" + port + "/observe/";
            // (503 comes while Camel is still starting too: wait for the check's own DOWN)
            HttpResponse<String> down = awaitAnswer(runner, base + "health",
                    r -> r.statusCode() == 503 && r.body().contains("\"name\":\"last-harvest\",\"status\":\"DOWN\""));
            assertTrue(down.body().contains(
                    "{\"name\":\"last-harvest\",\"status\":\"DOWN\",\"message\":\"Harvest failed: could not read"),
                    down.body());

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
}
