package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.imageharvester.report.HarvestSummary;

/**
 * download.sidecar through the real routes: {@code <image>.json} beside each image saved, with the link, the source,
 * the entry's fields as source.sidecarFields picks them (names and JSONPaths of a JSON entry, a feed item's title,
 * author, tags and date), what the server said, the bytes, the pixel size, the fingerprint and the time; valid JSON
 * whatever a hostile entry holds, and none for a link that failed.
 */
class SidecarTest extends HarvesterTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void configure(Properties settings) {
        settings.put("download.sidecar", "true");
        settings.put("download.retries", "0");
    }

    private String png(String name, int width, int height) {
        server.serve("/i/" + name + ".png", "image/png", TestImages.image("png", width, height, name.hashCode()));
        return server.url("/i/" + name + ".png");
    }

    private JsonNode sidecar(String folder, String prefix) throws Exception {
        try (Stream<Path> files = Files.list(work.resolve(folder))) {
            Path found = files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.toString().endsWith(".png.json")).findFirst().orElseThrow();
            return JSON.readTree(found.toFile());
        }
    }

    @Test
    void writes_each_saved_images_metadata_beside_it_as_valid_json_whatever_the_entry_holds() throws Exception {
        String hostile = "\\\"quoted\\\" </script><script>alert(1)</script>\\nline\\u0000\\ud800 " + "x".repeat(3000);
        String listing = "{\"data\":[{\"title\":\"Harbour at dawn\",\"account_url\":\"ana\",\"datetime\":1764700000,"
                + "\"tags\":[{\"name\":\"sea\"},{\"name\":\"boats\"}],\"link\":\"" + png("harbour", 40, 30) + "\"},"
                + "{\"title\":\"" + hostile + "\",\"account_url\":{\"nested\":true},\"tags\":[],\"link\":\""
                + png("hostile", 8, 8) + "\"},"
                + "{\"title\":\"gone\",\"link\":\"" + server.url("/i/missing.png") + "\"}]}";
        server.serve("/gallery.json", "application/json", listing);
        sources("", "source.format", "json", "source.url", server.url("/gallery.json"), "source.jsonPath",
                "$.data[*].link", "source.sidecarFields", "title, author=$.account_url, tags=$.tags[*].name,"
                + " date=$.datetime");
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(1);

        HarvestSummary summary = harvest();

        assertEquals(2, summary.saved(), summary.toString());
        assertEquals(1, summary.failed(), summary.toString());
        JsonNode harbour = sidecar("images", "harbour-");
        assertEquals(server.url("/i/harbour.png"), harbour.get("url").asText());
        assertEquals("source", harbour.get("source").asText());
        assertEquals(Map.of("title", "Harbour at dawn", "author", "ana", "tags", List.of("sea", "boats"),
                "date", 1764700000), JSON.convertValue(harbour.get("entry"), Map.class));
        assertTrue(harbour.get("etag").asText().startsWith("\""), harbour.toString());
        assertEquals("image/png", harbour.get("contentType").asText());
        Path image;
        try (Stream<Path> files = Files.list(work.resolve("images"))) {
            image = files.filter(f -> f.getFileName().toString().matches("harbour-[0-9a-f]{32}\\.png")).findFirst()
                    .orElseThrow();
        }
        assertEquals(Files.size(image), harbour.get("bytes").asLong());
        assertEquals(40, harbour.get("width").asInt());
        assertEquals(30, harbour.get("height").asInt());
        assertTrue(harbour.get("fingerprint").asText().matches("[0-9a-f-]{8,}"), harbour.toString());
        OffsetDateTime saved = OffsetDateTime.parse(harbour.get("saved").asText());
        assertFalse(saved.isBefore(before.withNano(0)), saved.toString());
        assertTrue(Duration.between(saved, OffsetDateTime.now()).toMinutes() < 1, saved.toString());

        // hostile text is data: cut, every character escaped, the object and the empty list left out
        JsonNode bad = sidecar("images", "hostile-");
        String title = bad.get("entry").get("title").asText();
        assertTrue(title.startsWith("\"quoted\" </script><script>alert(1)</script>\nline\u0000\ufffd x"), title);
        assertTrue(title.length() < 1100, "cut at 1,000 characters: " + title.length());
        assertFalse(bad.get("entry").has("author"), bad.toString());
        assertFalse(bad.get("entry").has("tags"), bad.toString());
        // the failed link has no sidecar, and no part is left
        try (Stream<Path> files = Files.list(work.resolve("images"))) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertEquals(4, names.size(), names.toString());
            assertTrue(names.stream().noneMatch(n -> n.startsWith("missing") || n.endsWith(".part")), names.toString());
        }
    }

    @Test
    void keeps_at_most_16_kib_of_a_hostile_entrys_fields_in_its_sidecar_and_says_what_it_left_out() throws Exception {
        // 9 fields of one item of 1,000 characters (2 bytes each in UTF-8), then 10 of 100 such items: 2 MB that each
        // of the entry's images' sidecars would copy
        StringBuilder entry = new StringBuilder("{\"title\":\"Harbour at dawn\",\"link\":\"" + png("huge", 8, 8)
                + "\"");
        StringBuilder names = new StringBuilder("title");
        String item = "\"" + "\u00e9".repeat(1000) + "\"";
        for (int f = 1; f < 20; f++) {
            entry.append(",\"f").append(f).append("\":[").append(String.join(",", Collections.nCopies(f < 10 ? 1 : 100,
                    item))).append(']');
            names.append(", f").append(f).append("=$.f").append(f);
        }
        server.serve("/gallery.json", "application/json", "{\"data\":[" + entry + "}]}");
        sources("", "source.format", "json", "source.url", server.url("/gallery.json"), "source.jsonPath",
                "$.data[*].link", "source.sidecarFields", names.toString(), "source.maxBytes", "8388608");

        HarvestSummary summary = harvest();

        assertEquals(1, summary.saved(), summary.toString());
        Path file;
        try (Stream<Path> files = Files.list(work.resolve("images"))) {
            file = files.filter(f -> f.toString().endsWith(".png.json")).findFirst().orElseThrow();
        }
        assertTrue(Files.size(file) < 20 * 1024, "bounded: " + Files.size(file) + " bytes");
        JsonNode huge = JSON.readTree(file.toFile());
        JsonNode kept = huge.get("entry");
        assertEquals("Harbour at dawn", kept.get("title").asText(), kept.toString());
        for (int f = 1; f <= 8; f++) {
            assertEquals("\u00e9".repeat(1000), kept.get("f" + f).get(0).asText(), "a field that fits is kept whole");
        }
        for (int f = 9; f < 20; f++) assertFalse(kept.has("f" + f), "a field past 16 KiB is left out: f" + f);
        assertTrue(kept.get("_truncated").asBoolean(), kept.toString());
        int text = 0;
        for (Iterator<Map.Entry<String, JsonNode>> fields = kept.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            text += field.getKey().length();
            for (JsonNode value : field.getValue().isArray() ? field.getValue() : List.of(field.getValue())) {
                text += value.asText().getBytes(StandardCharsets.UTF_8).length;
            }
        }
        assertTrue(text <= 16 * 1024 + "_truncated".length() + 4, "16 KiB of fields at most: " + text);
    }

    @Test
    void removes_the_sidecar_with_an_image_that_does_not_decode() throws Exception {
        server.serve("/i/broken.png", "image/png", TestImages.corruptPng());
        png("fine", 12, 12);
        list("/i/broken.png", "/i/fine.png");

        HarvestSummary summary = harvest();

        assertEquals(1, summary.saved(), summary.toString());
        try (Stream<Path> files = Files.list(work.resolve("images"))) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertEquals(2, names.size(), names.toString());
            assertTrue(names.get(0).startsWith("fine-") && names.get(1).equals(names.get(0) + ".json"),
                    names.toString());
        }
    }

    @Test
    void keeps_a_feed_items_title_author_tags_and_date_with_each_of_its_images() throws Exception {
        String feed = "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Blog</title>"
                + "<entry><title>Winter light</title><author><name>Jo</name></author>"
                + "<category term=\"snow\"/><category term=\"trees\"/><published>2026-11-30T08:00:00Z</published>"
                + "<link rel=\"enclosure\" type=\"image/png\" href=\"" + png("winter", 16, 9) + "\"/></entry>"
                + "<entry><title>Untagged</title><link rel=\"enclosure\" type=\"image/png\" href=\""
                + png("plain", 10, 10) + "\"/></entry></feed>";
        server.serve("/feed.atom", "application/atom+xml", feed);
        sources("", "source.format", "feed", "source.url", server.url("/feed.atom"));

        HarvestSummary summary = harvest();

        assertEquals(2, summary.saved(), summary.toString());
        assertEquals(Map.of("title", "Winter light", "author", "Jo", "tags", List.of("snow", "trees"), "date",
                "2026-11-30T08:00:00Z"), JSON.convertValue(sidecar("images", "winter-").get("entry"), Map.class));
        assertEquals(Map.of("title", "Untagged"), JSON.convertValue(sidecar("images", "plain-").get("entry"),
                Map.class));
    }
}
