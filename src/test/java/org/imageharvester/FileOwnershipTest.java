package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.imageharvester.download.ImageFileNamer;
import org.imageharvester.report.HarvestSummary;

/**
 * A link only ever writes or removes its own file: a hostile server whose link once served the same bytes as another
 * link's image (recorded as a copy of that file) can later serve other bytes, garbage or a near-copy of a third
 * picture, and the first link's image, thumbnail and sidecar stay as they were, its link never blamed.
 */
class FileOwnershipTest extends HarvesterTestSupport {

    private final byte[] cat = TestImages.jpeg(TestImages.photo(21, 320, 240), 0.9f);
    private final byte[] dog = TestImages.jpeg(TestImages.photo(22, 320, 240), 0.9f);
    private final ImageFileNamer namer = new ImageFileNamer();

    @Override
    protected void configure(Properties settings) {
        settings.put("download.retries", "0");
        settings.put("download.sidecar", "true");
        settings.put("dedup.near", "drop");
    }

    // the first night saves the cat; the second, the hostile link's copy of it (recorded as a copy, deleted)
    private Path catAndItsCopy() throws Exception {
        server.serve("/cat.jpg", "image/jpeg", cat).serve("/evil.jpg", "image/jpeg", cat);
        list("/cat.jpg");
        assertEquals(1, harvest().saved());
        list("/cat.jpg", "/evil.jpg");
        HarvestSummary copy = harvest();
        assertEquals(2, copy.skipped(), copy.toString());
        assertTrue(lastReport().contains("same bytes as " + server.url("/cat.jpg")), lastReport());
        Path catFile = file("images", namer.name(server.url("/cat.jpg"), "jpg"));
        assertTrue(Files.isRegularFile(catFile));
        return catFile;
    }

    @Test
    void a_copys_later_body_is_saved_under_its_own_name_never_over_the_owners_file() throws Exception {
        Path catFile = catAndItsCopy();
        server.serve("/evil.jpg", "image/jpeg", dog);

        HarvestSummary third = harvest();

        assertEquals(1, third.saved(), third.toString());
        assertArrayEquals(cat, Files.readAllBytes(catFile), "the cat's file is the cat's");
        assertTrue(Files.readString(Path.of(catFile + ".json")).contains(server.url("/cat.jpg")));
        assertFalse(Files.readString(Path.of(catFile + ".json")).contains("evil"), "its sidecar names the cat");
        Path evilFile = file("images", namer.name(server.url("/evil.jpg"), "jpg"));
        assertArrayEquals(dog, Files.readAllBytes(evilFile), "the new body under the link's own name");
        assertEquals(List.of(catFile.getFileName().toString(), evilFile.getFileName().toString()).stream().sorted()
                .toList(), files("images").stream().filter(name -> name.endsWith(".jpg")).toList());
    }

    @Test
    void a_copy_turned_garbage_never_removes_the_owners_image_nor_marks_its_link() throws Exception {
        Path catFile = catAndItsCopy();
        Path catThumbnail = file("thumbnails", catFile.getFileName().toString().replace(".jpg", "_thumbnail.jpg"));
        assertTrue(Files.isRegularFile(catThumbnail));
        server.serve("/evil.jpg", "image/jpeg", TestImages.corruptPng());

        HarvestSummary third = harvest();

        JsonNode undecodable = new ObjectMapper().readTree(lastReport()).get("undecodable").get(0);
        assertEquals(server.url("/evil.jpg"), undecodable.get("url").asText(), lastReport());
        assertEquals(file("images", namer.name(server.url("/evil.jpg"), "jpg")).toString(),
                undecodable.get("file").asText(), "its own file judged, not the cat's: " + third);
        assertArrayEquals(cat, Files.readAllBytes(catFile), "the cat's image is kept");
        assertTrue(Files.isRegularFile(catThumbnail), "and its thumbnail");
        assertTrue(Files.isRegularFile(Path.of(catFile + ".json")), "and its sidecar");
        assertFalse(Files.exists(file("images", namer.name(server.url("/evil.jpg"), "jpg"))));

        // the cat's link is not blamed: the next night it is asked whether it changed, and kept
        HarvestSummary fourth = harvest();
        JsonNode catSkip = null;
        for (JsonNode skip : new ObjectMapper().readTree(lastReport()).get("skips")) {
            if (skip.get("url").asText().equals(server.url("/cat.jpg"))) catSkip = skip;
        }
        assertEquals("unchanged since the last run", catSkip.get("reason").asText(), lastReport());
        assertTrue(Files.isRegularFile(catFile), fourth.toString());
        assertEquals(1, server.bodiesSent("/cat.jpg"), "the cat was never fetched again");
    }

    @Test
    void a_copys_near_duplicate_of_a_third_picture_never_drops_the_owners_image() throws Exception {
        server.serve("/third.jpg", "image/jpeg", NearDuplicatesTest.ORIGINAL);
        list("/third.jpg");
        harvest();
        Path catFile = catAndItsCopy();
        server.serve("/evil.jpg", "image/jpeg", NearDuplicatesTest.SMALLER);

        HarvestSummary fourth = harvest();

        assertEquals(1, fourth.nearDropped(), fourth.toString());
        assertArrayEquals(cat, Files.readAllBytes(catFile), "the cat's image is kept");
        assertTrue(Files.isRegularFile(Path.of(catFile + ".json")), "and its sidecar");
        assertTrue(Files.isRegularFile(file("thumbnails",
                catFile.getFileName().toString().replace(".jpg", "_thumbnail.jpg"))), "and its thumbnail");
    }

    @Test
    void a_copy_in_another_sources_folder_never_writes_into_the_owners_folder() throws Exception {
        server.serve("/a/cat.jpg", "image/jpeg", cat).serve("/b/evil.jpg", "image/jpeg", cat)
                .serve("/a.txt", "text/plain", server.url("/a/cat.jpg") + "\n")
                .serve("/b.txt", "text/plain", "");
        sources("a, b", "source.a.url", server.url("/a.txt"), "source.a.format", "lines", "source.a.folder", "true",
                "source.b.url", server.url("/b.txt"), "source.b.format", "lines", "source.b.folder", "true");
        harvest();
        server.serve("/b.txt", "text/plain", server.url("/b/evil.jpg") + "\n");
        harvest();
        server.serve("/b/evil.jpg", "image/jpeg", dog);

        harvest();

        Path catFile = file("images/a", namer.name(server.url("/a/cat.jpg"), "jpg"));
        assertArrayEquals(cat, Files.readAllBytes(catFile));
        assertEquals(List.of(catFile.getFileName().toString()),
                files("images/a").stream().filter(name -> name.endsWith(".jpg")).toList());
        assertArrayEquals(dog, Files.readAllBytes(file("images/b", namer.name(server.url("/b/evil.jpg"),
                "jpg"))));
    }

    private String lastReport() throws Exception {
        List<String> reports = files("reports").stream().filter(name -> name.endsWith(".json")).toList();
        return Files.readString(file("reports", reports.get(reports.size() - 1)));
    }
}
