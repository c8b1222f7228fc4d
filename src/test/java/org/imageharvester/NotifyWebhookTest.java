package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.imageharvester.report.HarvestSummary;
import org.imageharvester.report.RunNotice;

/**
 * The run's notification through the real routes (notify.camel.yaml) to a real local webhook: once per run, its JSON
 * (each source's new and failed links, the first reasons, the page), notify.when, and a webhook that is down or hangs.
 */
class NotifyWebhookTest extends HarvesterTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    // the webhook: every body it was sent, and each request's Authorization header
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final CountDownLatch hangUp = new CountDownLatch(1);
    // how the webhook answers: ok (204), hang (never), 500
    private volatile String answer = "ok";

    @Override
    protected void configure(Properties settings) {
        settings.put("notify.when", "always");
        settings.put("notify.webhook", server.url("/hook"));
        // (the JVM's environment: any variable that is set does)
        settings.put("notify.webhookHeaders", "Authorization: Bearer ${PATH} | X-Harvester: yes");
        settings.put("notify.timeout", "1500");
        settings.put("notify.maxReasons", "2");
        settings.put("notify.pageUrl", "https://harvest.example.org/thumbnails/{run}.html");
        server.on("/hook", this::receive);
    }

    @AfterEach
    void releaseHangingHook() {
        hangUp.countDown();
    }

    private void receive(HttpExchange call) throws IOException {
        if (answer.equals("hang")) {
            try {
                hangUp.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            call.close();
            return;
        }
        if (answer.equals("500")) {
            byte[] body = "{\"error\":\"down for maintenance\"}".getBytes(StandardCharsets.UTF_8);
            call.sendResponseHeaders(500, body.length);
            try (OutputStream out = call.getResponseBody()) {
                out.write(body);
            }
            return;
        }
        bodies.add(new String(call.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        authorizations.add(call.getRequestHeaders().getFirst("Authorization") + " "
                + call.getRequestHeaders().getFirst("Content-Type"));
        call.sendResponseHeaders(204, -1);
        call.close();
    }

    private RunNotice notice() {
        return context.getRegistry().lookupByNameAndType("runNotice", RunNotice.class);
    }

    @Test
    void posts_one_notice_per_run_with_each_source_its_counts_first_reasons_and_page() throws Exception {
        server.serve("/a.png", "image/png", TestImages.image("png", 20, 20, 0x112233))
                .serve("/b.png", "image/png", TestImages.image("png", 20, 20, 0x445566));
        list("/a.png", "/b.png", "/gone-1.png", "/gone-2.png", "/gone-3.png");

        HarvestSummary summary = harvest();

        assertEquals(1, bodies.size(), "one notice for the run, not one per file");
        JsonNode notice = JSON.readTree(bodies.get(0));
        assertEquals(summary.runId(), notice.get("run").asText());
        assertEquals("finished", notice.get("outcome").asText());
        assertEquals(2, notice.get("new").asInt());
        assertEquals(3, notice.get("failed").asInt());
        assertEquals("https://harvest.example.org/thumbnails/" + summary.runId() + ".html",
                notice.get("page").asText());
        JsonNode source = notice.get("sources").get(0);
        assertEquals("source", source.get("name").asText());
        assertEquals(2, source.get("new").asInt());
        assertEquals(3, source.get("failed").asInt());
        assertEquals(2, source.get("failures").size(), "notify.maxReasons of them");
        assertTrue(source.get("failures").get(0).get("url").asText().contains("/gone-"), notice.toString());
        assertEquals("HTTP 404", source.get("failures").get(0).get("reason").asText());
        assertEquals("Bearer " + System.getenv("PATH") + " application/json; charset=utf-8", authorizations.get(0));
        JsonNode noted = report().get("notification");
        assertNotNull(noted, "the report notes the notification");
        assertTrue(noted.get("webhook").get("sent").asBoolean(), noted.toString());
        assertEquals(2, report().get("saved").asInt(), "the rest of the report is as it was");
        assertEquals(3, report().get("failures").size());

        list("/a.png");
        harvest();
        assertEquals(2, bodies.size(), "one more run, one more notice");
    }

    @Test
    void keeps_quotes_newlines_and_script_tags_from_the_network_valid_json() throws Exception {
        String hostile = "text/html\"; x=\"</script><script>alert(1)</script>\\";
        server.serve("/trick.png", "image/png; " + hostile, "<html>not an image</html>".getBytes());
        list("/trick.png");
        sources("evil", "source.evil.url", server.url("/urls.txt"), "source.evil.format", "lines");

        harvest();

        JsonNode notice = JSON.readTree(bodies.get(0));
        String reason = notice.get("sources").get(0).get("failures").get(0).get("reason").asText();
        assertTrue(reason.contains("</script><script>alert(1)</script>"), reason);
        assertEquals("evil", notice.get("sources").get(0).get("name").asText());
        assertEquals(1, notice.get("sources").get(0).get("failed").asInt());
    }

    @Test
    void sends_as_notify_when_says_new_failed_always_or_never() throws Exception {
        server.serve("/a.png", "image/png", TestImages.image("png", 20, 20, 0x112233));
        list("/a.png");
        notice().setWhen("failed");
        harvest(); // saved one, nothing failed
        assertEquals(0, bodies.size(), "failed: nothing failed");
        notice().setWhen("new");
        harvest(); // unchanged: nothing new
        assertEquals(0, bodies.size(), "new: nothing new");
        notice().setWhen("never");
        list("/a.png", "/gone.png");
        harvest();
        assertEquals(0, bodies.size(), "never");
        notice().setWhen("failed");
        harvest();
        assertEquals(1, bodies.size(), "failed: a link failed");
        notice().setWhen("new");
        server.serve("/c.png", "image/png", TestImages.image("png", 20, 20, 0x778899));
        list("/c.png");
        harvest();
        assertEquals(2, bodies.size(), "new: an image was saved");
        notice().setWhen("new, failed");
        list("/gone.png");
        harvest();
        assertEquals(3, bodies.size(), "new, failed: a link failed");
        notice().setWhen("always");
        list();
        harvest();
        assertEquals(4, bodies.size(), "always");
        assertEquals(0, JSON.readTree(bodies.get(3)).get("listed").asInt());
    }

    @Test
    void a_webhook_that_hangs_is_given_up_at_notify_timeout() throws Exception {
        answer = "hang";
        server.serve("/a.png", "image/png", TestImages.image("png", 20, 20, 0x112233));
        list("/a.png");

        long began = System.nanoTime();
        HarvestSummary summary = harvest();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);

        assertEquals(1, summary.saved());
        assertEquals(1, server.hits("/hook"));
        assertTrue(tookMillis < 1500 + 3000, "the run and its notification took " + tookMillis + " ms");
        JsonNode webhook = report().get("notification").get("webhook");
        assertFalse(webhook.get("sent").asBoolean());
        assertEquals("too slow: no response within notify.timeout (1500 ms)", webhook.get("reason").asText());
    }

    @Test
    void a_webhook_answering_500_is_a_failed_notification() throws Exception {
        answer = "500";
        list();

        harvest();

        JsonNode webhook = report().get("notification").get("webhook");
        assertFalse(webhook.get("sent").asBoolean());
        assertEquals("HTTP 500", webhook.get("reason").asText());
    }
}
