package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.imageharvester.download.ImageFileNamer;
import org.imageharvester.report.HarvestSummary;

/**
 * Near-duplicates through the real routes (dedup.near = report, the default): a photo served again at another size and
 * JPEG quality is kept and named, with the image it resembles, in the report and side by side on the contact sheet;
 * another photo is not; the hashes outlive the run.
 */
class NearDuplicatesTest extends HarvesterTestSupport {

    static final BufferedImage PHOTO = TestImages.photo(7, 1200, 900);
    static final byte[] ORIGINAL = TestImages.jpeg(PHOTO, 0.92f);
    static final byte[] SMALLER = TestImages.jpeg(TestImages.scaled(PHOTO, 600, 450), 0.5f);
    static final byte[] OTHER = TestImages.jpeg(TestImages.photo(8, 1200, 900), 0.9f);
    static final byte[] CROP = TestImages.jpeg(PHOTO.getSubimage(0, 0, 900, 675), 0.9f);

    @Test
    void reports_a_smaller_copy_beside_the_photo_it_resembles_and_keeps_both() throws Exception {
        server.serve("/photo.jpg", "image/jpeg", ORIGINAL).serve("/other.jpg", "image/jpeg", OTHER)
                .serve("/crop.jpg", "image/jpeg", CROP);
        list("/photo.jpg", "/other.jpg", "/crop.jpg");
        assertEquals(3, harvest().saved());
        server.serve("/small/photo.jpg", "image/jpeg", SMALLER);
        list("/small/photo.jpg");

        HarvestSummary second = harvest();

        assertEquals(1, second.saved(), second.toString());
        assertEquals(1, second.nearDuplicates(), second.toString());
        assertTrue(second.toString().contains("1 thumbnails, 1 near-duplicate,"), second.toString());
        assertEquals(4, files("images").size(), "report keeps both");
        ImageFileNamer namer = new ImageFileNamer();
        String photo = file("images", namer.name(server.url("/photo.jpg"), "jpg")).toString();
        String small = file("images", namer.name(server.url("/small/photo.jpg"), "jpg")).toString();
        JsonNode near = lastReport().get("nearDuplicates");
        assertEquals(1, near.size(), near.toString());
        assertEquals(server.url("/small/photo.jpg"), near.get(0).get("url").asText());
        assertEquals(small, near.get(0).get("file").asText());
        assertEquals(photo, near.get(0).get("resembles").asText());
        assertEquals(server.url("/photo.jpg"), near.get(0).get("resemblesUrl").asText());
        assertTrue(near.get(0).get("distance").asInt() <= 6, near.toString());
        assertEquals(false, near.get(0).get("removed").asBoolean());

        String sheet = Files.readString(file("thumbnails", "index.html"));
        String pair = sheet.substring(sheet.indexOf("<table id=\"near\">"));
        String photoStem = namer.name(server.url("/photo.jpg"), "jpg").replace(".jpg", "");
        String smallStem = namer.name(server.url("/small/photo.jpg"), "jpg").replace(".jpg", "");
        assertTrue(pair.indexOf(smallStem + "_thumbnail.jpg") > 0, pair);
        assertTrue(pair.indexOf(photoStem + "_thumbnail.jpg") > pair.indexOf(smallStem + "_thumbnail.jpg"),
                "the new image, then the one it resembles, in one row: " + pair);
    }

    @Test
    void finds_nothing_near_among_different_photos() throws Exception {
        server.serve("/photo.jpg", "image/jpeg", ORIGINAL).serve("/other.jpg", "image/jpeg", OTHER)
                .serve("/crop.jpg", "image/jpeg", CROP);
        list("/photo.jpg", "/other.jpg", "/crop.jpg");

        HarvestSummary summary = harvest();

        assertEquals(0, summary.nearDuplicates(), summary.toString());
        assertEquals(List.of(), List.copyOf(report().get("nearDuplicates").findValuesAsText("url")));
        assertTrue(!Files.readString(file("thumbnails", "index.html")).contains("id=\"near\""));
    }

    JsonNode lastReport() throws Exception {
        List<String> reports = files("reports").stream().filter(name -> name.endsWith(".json")).toList();
        return new ObjectMapper().readTree(file("reports", reports.get(reports.size() - 1)).toFile());
    }
}
