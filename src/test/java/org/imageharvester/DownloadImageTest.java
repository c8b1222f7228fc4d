package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.imageharvester.download.ImageFileNamer;
import org.imageharvester.report.HarvestSummary;

/** One link to one saved file and its thumbnail: names, collisions, bad responses and the run's report. */
class DownloadImageTest extends HarvesterTestSupport {

    @Test
    void names_an_extensionless_url_by_its_bytes_not_its_content_type() throws Exception {
        byte[] photo = TestImages.image("jpg", 200, 100, 0x445566);
        server.serve("/photo-1516117172878-fd2c41f4a759", "image/png", photo);
        list("/photo-1516117172878-fd2c41f4a759");

        harvest();

        List<String> images = files("images");
        assertEquals(1, images.size(), images.toString());
        assertTrue(images.get(0).matches("photo-1516117172878-fd2c41f4a759-[0-9a-f]{32}\\.jpg"), images.get(0));
        assertArrayEquals(photo, Files.readAllBytes(file("images", images.get(0))));
    }

    @Test
    void never_lets_two_urls_with_the_same_name_overwrite_each_other() throws Exception {
        byte[] first = TestImages.image("png", 30, 30, 0xff0000);
        byte[] second = TestImages.image("png", 30, 30, 0x00ff00);
        server.serve("/a/cat.png", "image/png", first).serve("/b/cat.png", "image/png", second);
        list("/a/cat.png", "/b/cat.png");

        harvest();

        List<String> images = files("images");
        assertEquals(2, images.size(), images.toString());
        String nameOfFirst = new ImageFileNamer().name(server.url("/a/cat.png"), "png");
        String nameOfSecond = new ImageFileNamer().name(server.url("/b/cat.png"), "png");
        assertArrayEquals(first, Files.readAllBytes(file("images", nameOfFirst)));
        assertArrayEquals(second, Files.readAllBytes(file("images", nameOfSecond)));
    }

    @Test
    void thumbnails_every_saved_image_to_fit_within_128_keeping_its_aspect() throws Exception {
        server.serve("/wide.jpg", "image/jpeg", TestImages.image("jpg", 400, 200, 0x123456))
                .serve("/tall.png", "image/png", TestImages.image("png", 150, 600, 0x654321));
        list("/wide.jpg", "/tall.png");

        HarvestSummary summary = harvest();

        assertEquals(2, summary.thumbnails(), summary.toString());
        List<String> thumbnails = files("thumbnails").stream().filter(name -> name.contains("_thumbnail.")).toList();
        assertEquals(2, thumbnails.size(), thumbnails.toString());
        for (String image : files("images")) {
            String stem = image.substring(0, image.lastIndexOf('.'));
            String extension = image.substring(image.lastIndexOf('.'));
            assertTrue(thumbnails.contains(stem + "_thumbnail" + extension),
                    thumbnails + " has no thumbnail of " + image);
        }
        BufferedImage wide = TestImages.read(file("thumbnails",
                thumbnails.stream().filter(t -> t.startsWith("wide")).findFirst().orElseThrow()));
        BufferedImage tall = TestImages.read(file("thumbnails",
                thumbnails.stream().filter(t -> t.startsWith("tall")).findFirst().orElseThrow()));
        assertEquals(List.of(128, 64), List.of(wide.getWidth(), wide.getHeight()));
        assertEquals(List.of(32, 128), List.of(tall.getWidth(), tall.getHeight()));
    }

    @Test
    void records_each_bad_link_with_its_reason_and_goes_on() throws Exception {
        byte[] good = TestImages.image("jpg", 80, 60, 0x0000ff);
        byte[] png = TestImages.image("png", 80, 60, 0x00ff00);
        byte[] truncated = Arrays.copyOf(png, png.length / 2);
        server.serve("/good.jpg", "image/jpeg", good)
                .serve("/error-page.jpg", "text/html", "<html>Oops, we moved</html>")
                .serve("/html-as-jpeg.jpg", "image/jpeg", "<html>Oops, we moved</html>".getBytes())
                .serve("/truncated.png", "image/png", truncated)
                .serve("/gone.jpg", 410, "text/plain", "gone".getBytes());
        list("/missing.jpg", "/error-page.jpg", "/html-as-jpeg.jpg", "/good.jpg", "/truncated.png", "/gone.jpg");

        HarvestSummary summary = harvest();

        assertTrue(summary.toString()
                .startsWith("Harvest finished: 6 listed, 1 saved, 0 skipped, 5 failed, 1 thumbnails,"),
                summary.toString());
        assertEquals(0, summary.undecodable(), summary.toString());
        assertEquals(0, summary.thumbnailFailures(), summary.toString());
        assertEquals(good.length, summary.bytes());

        JsonNode report = report();
        assertEquals(6, report.get("listed").asInt());
        assertEquals(1, report.get("saved").asInt());
        assertEquals(5, report.get("failed").asInt());
        assertEquals(summary.bytes(), report.get("bytes").asLong());
        assertTrue(report.get("durationMs").asLong() >= 0);
        assertEquals("HTTP 404", reason(report, "failures", "/missing.jpg"));
        assertEquals(404, entry(report, "failures", "/missing.jpg").get("status").asInt());
        assertEquals(200, entry(report, "failures", "/html-as-jpeg.jpg").get("status").asInt());
        assertEquals("HTTP 410", reason(report, "failures", "/gone.jpg"));
        assertEquals("not an image: served as 'text/html', and its bytes are an HTML page",
                reason(report, "failures", "/error-page.jpg"));
        assertEquals("not an image: served as 'image/jpeg', and its bytes are an HTML page",
                reason(report, "failures", "/html-as-jpeg.jpg"));
        assertEquals(2, server.hits("/missing.jpg") + server.hits("/gone.jpg"), "4xx is not retried");
        // a real image's signature with a truncated body is caught as it streams: tried once more, never saved
        assertEquals(0, report.get("thumbnailErrors").size(), report.toPrettyString());
        assertEquals("truncated PNG: no IEND (the data ends inside its IDAT chunk)",
                reason(report, "failures", "/truncated.png"));
        assertEquals(2, server.hits("/truncated.png"));
        assertFalse(files("images").stream().anyMatch(f -> f.startsWith("truncated-")), files("images").toString());
        assertFalse(files("images").stream().anyMatch(f -> f.startsWith("error-page") || f.startsWith("html-as-jpeg")),
                files("images").toString());
        assertFalse(files("images").stream().anyMatch(f -> f.endsWith(".part")), files("images").toString());
    }

    private String reason(JsonNode report, String kind, String path) {
        return entry(report, kind, path).get("reason").asText();
    }

    private JsonNode entry(JsonNode report, String kind, String path) {
        for (JsonNode problem : report.get(kind)) {
            if (problem.get("url").asText().equals(server.url(path))) return problem;
        }
        throw new AssertionError("no " + kind + " entry for " + path + " in " + report.toPrettyString());
    }
}
