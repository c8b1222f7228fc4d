package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.imageharvester.download.ImageFileNamer;
import org.imageharvester.report.HarvestSummary;

/** The ledger: a re-run fetches only what is new or changed, retries what failed, and stores identical bytes once. */
class RerunTest extends HarvesterTestSupport {

    private final byte[] cat = TestImages.image("png", 30, 30, 0x111111);
    private final byte[] dog = TestImages.image("png", 30, 30, 0x222222);

    @Override
    protected void configure(Properties settings) {
        settings.put("download.retries", "0");
    }

    @Test
    void asks_only_for_changes_on_the_next_run() throws Exception {
        server.serve("/cat.png", "image/png", cat).serve("/dog.png", "image/png", dog);
        list("/cat.png", "/dog.png");
        assertEquals(2, harvest().saved());

        byte[] newDog = TestImages.image("png", 30, 30, 0x333333);
        server.serve("/dog.png", "image/png", newDog);
        HarvestSummary second = harvest();

        assertEquals(1, second.saved(), second.toString());
        assertEquals(1, second.skipped(), second.toString());
        assertEquals(1, server.notModified(), "the unchanged cat was answered 304");
        assertEquals(2, files("images").size(), files("images").toString());
        String dogFile = new ImageFileNamer().name(server.url("/dog.png"), "png");
        assertArrayEquals(newDog, Files.readAllBytes(file("images", dogFile)));
    }

    @Test
    void keeps_a_saved_file_the_ledger_never_recorded() throws Exception {
        // as after a kill -9 between the rename and the ledger's record
        server.serve("/cat.png", "image/png", cat).serve("/photo-123", "image/jpeg", dog);
        list("/cat.png", "/photo-123");
        ImageFileNamer namer = new ImageFileNamer();
        Files.createDirectories(work.resolve("images"));
        Files.write(file("images", namer.name(server.url("/cat.png"), "png")), cat);
        Files.write(file("images", namer.name(server.url("/photo-123"), "jpg")), dog);

        HarvestSummary summary = harvest();

        assertEquals(2, summary.skipped(), summary.toString());
        assertEquals(0, server.hits("/cat.png") + server.hits("/photo-123"));
        assertEquals(2, files("images").size());
    }

    @Test
    void retries_on_the_next_run_what_failed() throws Exception {
        server.serve("/cat.png", "image/png", cat).serve("/dog.png", 500, "text/plain", "down".getBytes());
        list("/cat.png", "/dog.png");
        assertEquals(1, harvest().failed());

        server.serve("/dog.png", "image/png", dog);
        HarvestSummary second = harvest();

        assertEquals(1, second.saved(), second.toString());
        assertEquals(2, files("images").size());
    }

    @Test
    void stores_identical_bytes_once_and_names_the_first_url() throws Exception {
        server.serve("/cat.png", "image/png", cat).serve("/mirror/cat-copy.png", "image/png", cat);
        list("/cat.png");
        harvest();
        list("/mirror/cat-copy.png");

        HarvestSummary second = harvest();

        assertEquals(0, second.saved(), second.toString());
        assertEquals(1, second.skipped(), second.toString());
        List<String> images = files("images");
        assertEquals(1, images.size(), images.toString());
        assertTrue(images.get(0).startsWith("cat-"), images.toString());
        List<String> reports = files("reports").stream().filter(name -> name.endsWith(".json")).toList();
        String secondReport = Files.readString(file("reports", reports.get(reports.size() - 1)));
        assertTrue(secondReport.contains("same bytes as " + server.url("/cat.png")), secondReport);
    }
}
