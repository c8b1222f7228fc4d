package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import org.imageharvester.report.HarvestSummary;
import org.imageharvester.source.LinkExtractor;
import org.imageharvester.values.Source;

/**
 * A listing is as hostile as any image: fetched through the guarded connections (every redirect hop judged), and cut
 * off with a clear reason when it is too large (after decompression), too slow or breaks off, without holding the run.
 */
class HostileListingTest extends HarvesterTestSupport {

    private static final byte[] PNG = TestImages.image("png", 16, 16, 0x336699);

    @Override
    protected void configure(Properties settings) {
        // the listing is fetched by name; its address (127.0.0.1) is not allowed
        settings.put("download.allowHosts", "localhost");
        settings.put("source.url", server.url("/urls.txt").replace("127.0.0.1", "localhost"));
        settings.put("source.maxBytes", "100000");
        settings.put("download.totalTimeout", "1000");
        settings.put("download.socketTimeout", "3000");
    }

    @Test
    void refuses_a_listing_that_redirects_to_an_internal_address() {
        server.serve("/internal.txt", "text/plain", server.url("/a.png").replace("127.0.0.1", "localhost") + "\n");
        server.on("/urls.txt", call -> {
            call.getResponseHeaders().set("Location", server.url("/internal.txt"));
            call.sendResponseHeaders(302, -1);
            call.close();
        });

        HarvestSummary summary = harvest();

        assertFalse(summary.sourceRead(), summary.toString());
        assertTrue(summary.sourceError().contains("127.0.0.1, which is not a public address"), summary.sourceError());
        assertEquals(0, server.hits("/internal.txt"), "the redirect never reached the internal address");
    }

    @Test
    void cuts_off_a_compression_bomb_at_source_maxBytes_counted_after_decompression() throws IOException {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(packed)) {
            byte[] line = (server.url("/a.png") + "\n").getBytes();
            for (int i = 0; i < 200_000; i++) gzip.write(line); // about 6 MB of links, a few KB packed
        }
        server.serve("/a.png", "image/png", PNG);
        server.on("/urls.txt", call -> {
            call.getResponseHeaders().set("Content-Type", "text/plain");
            call.getResponseHeaders().set("Content-Encoding", "gzip");
            call.sendResponseHeaders(200, packed.size());
            try (OutputStream out = call.getResponseBody()) {
                out.write(packed.toByteArray());
            }
        });

        HarvestSummary summary = harvest();

        assertTrue(packed.size() < 100_000, packed.size() + " bytes on the wire");
        assertFalse(summary.sourceRead(), summary.toString());
        assertTrue(summary.sourceError().contains("too large: more than source.maxBytes (100000 bytes)"),
                summary.sourceError());
        assertTrue(summary.listed() < 4000, "read no further than the cap: " + summary);
    }

    @Test
    void ends_the_listing_of_a_server_that_drips_within_the_time_budget() {
        server.on("/urls.txt", call -> {
            call.getResponseHeaders().set("Content-Type", "text/plain");
            call.sendResponseHeaders(200, 0);
            try (OutputStream out = call.getResponseBody()) {
                for (int i = 0; i < 600; i++) {
                    out.write('#');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException gone) {
                // the harvester hung up
            }
        });

        long started = System.nanoTime();
        HarvestSummary summary = harvest();
        long took = (System.nanoTime() - started) / 1_000_000;

        assertFalse(summary.sourceRead(), summary.toString());
        assertTrue(summary.sourceError()
                .startsWith("too slow: the listing's bytes took longer than download.totalTimeout"),
                summary.sourceError());
        assertTrue(took < 5000, "a 60 s drip ended after " + took + " ms");
    }

    @Test
    void fails_the_listing_on_an_error_status_without_reading_its_body() {
        server.on("/urls.txt", call -> {
            call.sendResponseHeaders(500, 0);
            try (OutputStream out = call.getResponseBody()) {
                for (int i = 0; i < 100_000; i++) out.write(new byte[1000]); // 100 MB nobody should hold
            } catch (IOException gone) {
                // the harvester hung up
            }
        });

        HarvestSummary summary = harvest();

        assertEquals("HTTP 500", summary.sourceError(), summary.toString());
    }

    @Test
    void skips_a_link_longer_than_source_maxLinkLength_and_keeps_the_others() {
        String local = server.url("").replace("127.0.0.1", "localhost");
        server.serve("/a.png", "image/png", PNG);
        server.serve("/urls.txt", "text/plain", local + "/" + "x".repeat(50_000) + ".png\n" + local + "/a.png\n");

        HarvestSummary summary = harvest();

        assertTrue(summary.sourceRead(), summary.toString());
        assertEquals(1, summary.saved(), summary.toString());
        assertEquals(1, summary.skipped(), summary.toString());
    }

    @Test
    void fails_a_listing_nested_too_deep_to_parse_with_a_reason() {
        String deep = "[".repeat(50_000) + "]".repeat(50_000);
        LinkExtractor json = new LinkExtractor();
        json.setMaxLinkLength(4096);
        Source source = new Source("source", "http://x.example/",
                "json", JsonPath.compile("$[*]"), null, null, null, 1, 1, 0, null, 0);

        Exception refused = Assertions.assertThrows(Exception.class,
                () -> json.page(new ByteArrayInputStream(deep.getBytes()), source, "http://x.example/", null));

        assertTrue(refused.getMessage() != null && !refused.getMessage().isBlank(), refused.toString());
    }
}
