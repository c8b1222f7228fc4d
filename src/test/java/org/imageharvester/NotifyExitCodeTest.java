package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.imageharvester.runner.App;
import org.imageharvester.runner.HarvestExit;

/**
 * A --once runner, a separate Java process, with its notification settings from the environment: whatever the webhook
 * does, the exit code is the harvest's, and the runner exits once the notification is sent or given up.
 */
class NotifyExitCodeTest extends RunnerProcessSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode report() throws Exception {
        try (Stream<Path> files = Files.list(work.resolve("reports"))) {
            Path report = files.filter(f -> f.getFileName().toString().matches("harvest-.*\\.json")).findFirst()
                    .orElseThrow();
            return JSON.readTree(report.toFile());
        }
    }

    @Test
    void exits_0_once_a_hanging_webhook_is_given_up_at_notify_timeout() throws Exception {
        CountDownLatch hangUp = new CountDownLatch(1);
        server.on("/hook", call -> {
            try {
                hangUp.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            call.close();
        });
        server.serve("/a.png", "image/png", TestImages.image("png", 20, 20, 0x123456))
                .serve("/urls.txt", "text/plain", server.url("/a.png") + "\n");
        long began = System.nanoTime();
        Process runner = Runners.start(work, "runner.log", Map.of("NOTIFY_WEBHOOK", server.url("/hook"),
                "NOTIFY_WHEN", "always"), List.of("-Dsource.url=" + server.url("/urls.txt"), "-Dsource.format=lines",
                "-Dsource.headers=", "-Dnotify.timeout=2000"), Path.of("").toAbsolutePath(), "--once");

        try {
            assertEquals(HarvestExit.HARVESTED, exitCode(runner, 60));
        } finally {
            hangUp.countDown();
        }
        long tookSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began);
        assertTrue(tookSeconds < 40, "the webhook would have held it 60 s; it took " + tookSeconds + " s");
        String log = log(runner);
        assertEquals(1, server.hits("/hook"), log);
        assertEquals(1, log.split("not sent to the webhook: too slow: no response within notify.timeout", -1).length
                - 1, log);
        assertTrue(log.indexOf("Harvest finished: 1 listed, 1 saved") < log.indexOf("not sent to the webhook"), log);
        JsonNode webhook = report().get("notification").get("webhook");
        assertFalse(webhook.get("sent").asBoolean(), webhook.toString());
    }

    @Test
    void exits_2_for_an_unreadable_source_and_notifies_that_the_harvest_failed() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        server.on("/hook", call -> {
            received.add(new String(call.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            call.sendResponseHeaders(200, -1);
            call.close();
        });
        Process runner = Runners.start(work, "runner.log", Map.of("NOTIFY_WEBHOOK", server.url("/hook")),
                List.of("-Dsource.url=" + server.url("/no-such-listing.txt"), "-Dsource.format=lines",
                        "-Dsource.headers="), Path.of("").toAbsolutePath(), "--once");

        assertEquals(HarvestExit.SOURCE_UNREADABLE, exitCode(runner, 60));
        assertEquals(1, received.size(), log(runner));
        JsonNode notice = JSON.readTree(received.get(0));
        assertEquals("failed", notice.get("outcome").asText());
        assertEquals("HTTP 404", notice.get("sources").get(0).get("error").asText());
        assertTrue(report().get("notification").get("webhook").get("sent").asBoolean());
    }

    @Test
    void exits_1_at_start_up_for_a_mail_without_server_or_password_and_an_unset_header_variable() throws Exception {
        Process runner = start(List.of("-Dnotify.mail.to=ops@example.org", "-Dnotify.mail.user=harvester",
                "-Dnotify.mail.tls=plain", "-Dsource.url=" + server.url("/urls.txt"), "-Dsource.headers="), "--once");

        assertEquals(App.START_FAILED, exitCode(runner, 60));
        String log = log(runner);
        assertTrue(log.contains("notify.mail.tls = 'plain' must be smtps or starttls"), log);
        assertTrue(log.contains("notify.mail.to needs notify.mail.host; notify.mail.to needs notify.mail.from;"
                + " notify.mail.user needs notify.mail.password (NOTIFY_MAIL_PASSWORD in the environment)"), log);
        assertEquals(0, server.hits("/urls.txt"));

        Process unset = start(List.of("-Dnotify.webhookHeaders=Authorization: Bearer ${IMAGE_HARVESTER_UNSET_TOKEN}",
                "-Dsource.url=" + server.url("/urls.txt"), "-Dsource.headers="), "--once");
        assertEquals(App.START_FAILED, exitCode(unset, 60));
        assertTrue(log(unset).contains("notify.webhookHeaders needs environment variable IMAGE_HARVESTER_UNSET_TOKEN"),
                log(unset));
    }
}
