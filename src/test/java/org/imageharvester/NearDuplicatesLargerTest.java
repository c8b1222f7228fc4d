package org.imageharvester;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.imageharvester.download.ImageFileNamer;
import org.imageharvester.report.HarvestSummary;
import org.imageharvester.report.RunTally;

/**
 * dedup.near = drop keeps the larger of two near-duplicates, whichever came first: more pixels, then more bytes. A
 * smaller copy saved before (by this run or an earlier one) is replaced, its image, thumbnail and sidecar removed and
 * its link told, and the report says which stayed and why.
 */
class NearDuplicatesLargerTest extends HarvesterTestSupport {

    static final byte[] ORIGINAL = NearDuplicatesTest.ORIGINAL;
    static final byte[] SMALLER = NearDuplicatesTest.SMALLER;
    // the photo at its full size again, at a lower JPEG quality: as many pixels, fewer bytes
    static final byte[] PLAINER = TestImages.jpeg(NearDuplicatesTest.PHOTO, 0.4f);

    private final ImageFileNamer namer = new ImageFileNamer();
    // whole bodies sent of the paths served once the run counted enough outcomes
    private final Map<String, AtomicInteger> bodies = new ConcurrentHashMap<>();

    @Override
    protected void configure(Properties settings) {
        settings.put("dedup.near", "drop");
        settings.put("download.sidecar", "true");
    }

    @Test
    void keeps_the_full_size_photo_that_came_after_a_smaller_copy_in_the_same_run() throws Exception {
        server.serve("/small/photo.jpg", "image/jpeg", SMALLER);
        // the full-size photo only once the small copy is saved and judged: the small one is saved first
        serveOnceCounted("/photo.jpg", ORIGINAL, 2);
        list("/small/photo.jpg", "/photo.jpg");

        HarvestSummary summary = harvest();

        assertTrue(summary.toString().contains("2 listed, 1 saved, 1 skipped, 0 failed, 1 thumbnails,"
                + " 1 near-duplicate (1 removed)"), summary.toString());
        assertEquals(ORIGINAL.length, summary.bytes(), "the small copy's bytes taken back");
        assertKeptOnly("/photo.jpg");
        JsonNode near = onlyNear(lastReport());
        assertEquals(server.url("/small/photo.jpg"), near.get("url").asText());
        assertEquals(image("/small/photo.jpg").toString(), near.get("file").asText());
        assertTrue(near.get("removed").asBoolean());
        assertEquals(image("/photo.jpg").toString(), near.get("resembles").asText());
        assertEquals(reason("/photo.jpg", near.get("distance").asInt(), "1200x900 pixels against 600x450"),
                near.get("reason").asText());
        String sheet = Files.readString(file("thumbnails", "index.html"));
        String grid = sheet.substring(sheet.indexOf("id=\"thumbnails\""), sheet.indexOf("</div>"));
        assertTrue(grid.contains(stem("/photo.jpg") + "_thumbnail.jpg"), grid);
        assertFalse(grid.contains(stem("/small/photo.jpg")), "the removed thumbnail is not on the sheet: " + grid);

        // the next night: each asked only whether it changed
        HarvestSummary next = harvest();

        assertTrue(next.toString().contains("2 listed, 0 saved, 2 skipped, 0 failed, 0 thumbnails,"), next.toString());
        assertEquals(1, server.bodiesSent("/small/photo.jpg"));
        assertEquals(1, bodies.get("/photo.jpg").get());
        assertKeptOnly("/photo.jpg");
    }

    @Test
    void drops_a_smaller_copy_that_came_after_the_full_size_photo_saying_which_stayed_and_why() throws Exception {
        server.serve("/photo.jpg", "image/jpeg", ORIGINAL);
        serveOnceCounted("/small/photo.jpg", SMALLER, 2);
        list("/photo.jpg", "/small/photo.jpg");

        HarvestSummary summary = harvest();

        assertTrue(summary.toString().contains("2 listed, 1 saved, 1 skipped, 0 failed, 1 thumbnails,"
                + " 1 near-duplicate (1 removed)"), summary.toString());
        assertKeptOnly("/photo.jpg");
        JsonNode near = onlyNear(lastReport());
        assertEquals(server.url("/small/photo.jpg"), near.get("url").asText());
        assertEquals(reason("/photo.jpg", near.get("distance").asInt(), "1200x900 pixels against 600x450"),
                near.get("reason").asText());
    }

    @Test
    void a_full_size_photo_replaces_the_smaller_copy_an_earlier_run_saved_and_neither_is_fetched_again()
            throws Exception {
        server.serve("/small/photo.jpg", "image/jpeg", SMALLER).serve("/photo.jpg", "image/jpeg", ORIGINAL);
        list("/small/photo.jpg");
        assertEquals(1, harvest().saved());
        assertTrue(Files.exists(sidecar("/small/photo.jpg")));
        list("/small/photo.jpg", "/photo.jpg");

        HarvestSummary second = harvest();

        // the photo saved; the small copy (unchanged, skipped) removed: one near-duplicate, removed
        assertTrue(second.toString().contains("2 listed, 1 saved, 1 skipped, 0 failed, 1 thumbnails,"
                + " 1 near-duplicate (1 removed)"), second.toString());
        assertEquals(ORIGINAL.length, second.bytes());
        assertKeptOnly("/photo.jpg");
        JsonNode near = onlyNear(lastReport());
        assertEquals(server.url("/small/photo.jpg"), near.get("url").asText());
        String why = reason("/photo.jpg", near.get("distance").asInt(), "1200x900 pixels against 600x450");
        assertEquals(why, near.get("reason").asText());

        HarvestSummary third = harvest();

        assertTrue(third.toString().contains("2 listed, 0 saved, 2 skipped, 0 failed, 0 thumbnails, 0.0 MB"),
                third.toString());
        assertEquals(1, server.bodiesSent("/small/photo.jpg"), "not fetched again unchanged");
        assertEquals(1, server.bodiesSent("/photo.jpg"), "not fetched again unchanged");
        String report = Files.readString(lastReportFile());
        assertTrue(report.contains("removed by an earlier run (" + why + "), unchanged since"), report);
        assertKeptOnly("/photo.jpg");
    }

    @Test
    void of_two_copies_with_as_many_pixels_keeps_the_one_of_more_bytes() throws Exception {
        server.serve("/plain/photo.jpg", "image/jpeg", PLAINER);
        serveOnceCounted("/photo.jpg", ORIGINAL, 2);
        list("/plain/photo.jpg", "/photo.jpg");

        HarvestSummary summary = harvest();

        assertTrue(summary.toString().contains("2 listed, 1 saved, 1 skipped,"), summary.toString());
        assertKeptOnly("/photo.jpg");
        JsonNode near = onlyNear(lastReport());
        assertEquals(server.url("/plain/photo.jpg"), near.get("url").asText());
        assertEquals(reason("/photo.jpg", near.get("distance").asInt(), "as many pixels (1200x900), "
                + ORIGINAL.length + " bytes against " + PLAINER.length), near.get("reason").asText());
    }

    // answers the path only once the run has counted that many outcomes (the other image saved and judged), so the
    // two are judged in the order the test wants; a conditional request (a later run's) is answered at once
    private void serveOnceCounted(String path, byte[] body, int outcomes) {
        String etag = "\"" + Integer.toHexString(Arrays.hashCode(body)) + "\"";
        bodies.put(path, new AtomicInteger());
        server.on(path, call -> {
            try {
                if (etag.equals(call.getRequestHeaders().getFirst("If-None-Match"))) {
                    call.sendResponseHeaders(304, -1);
                    return;
                }
                RunTally tally = context.getRegistry().lookupByNameAndType("runTally", RunTally.class);
                await().atMost(Duration.ofSeconds(30)).until(() -> tally.counted() >= outcomes);
                call.getResponseHeaders().set("Content-Type", "image/jpeg");
                call.getResponseHeaders().set("ETag", etag);
                call.sendResponseHeaders(200, body.length);
                try (OutputStream out = call.getResponseBody()) {
                    out.write(body);
                }
                bodies.get(path).incrementAndGet();
            } finally {
                call.close();
            }
        });
    }

    // only this link's image, its sidecar and its thumbnail are left
    private void assertKeptOnly(String path) throws Exception {
        String name = image(path).getFileName().toString();
        assertEquals(List.of(name, name + ".json"), files("images"));
        assertEquals(List.of(stem(path) + "_thumbnail.jpg"),
                files("thumbnails").stream().filter(f -> f.endsWith(".jpg")).toList());
    }

    // the reason the image that went is given: the one kept, and why
    private String reason(String kept, int distance, String why) {
        return "a near-duplicate of " + image(kept) + " (" + server.url(kept) + ", " + distance + " bits apart): kept"
                + " that one, " + why;
    }

    private Path image(String path) {
        return file("images", namer.name(server.url(path), "image/jpeg"));
    }

    private Path sidecar(String path) {
        return file("images", image(path).getFileName() + ".json");
    }

    private String stem(String path) {
        return namer.name(server.url(path), "image/jpeg").replace(".jpg", "");
    }

    private static JsonNode onlyNear(JsonNode report) {
        JsonNode near = report.get("nearDuplicates");
        assertEquals(1, near.size(), "one near-duplicate entry per pair: " + near);
        return near.get(0);
    }

    Path lastReportFile() throws Exception {
        List<String> reports = files("reports").stream().filter(name -> name.endsWith(".json")).toList();
        return file("reports", reports.get(reports.size() - 1));
    }

    JsonNode lastReport() throws Exception {
        return new ObjectMapper().readTree(lastReportFile().toFile());
    }
}
