package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.Test;

import org.imageharvester.download.ImageFileNamer;
import org.imageharvester.report.HarvestSummary;

/**
 * An image is judged by its bytes, not by the Content-Type its server gives it: CDNs and buckets serve images as
 * application/octet-stream or with none, and error pages as image/jpeg. Its file is named by its bytes' format.
 */
class JudgedByBytesTest extends HarvesterTestSupport {

    private final ImageFileNamer namer = new ImageFileNamer();

    @Override
    protected void configure(Properties settings) {
        // formats no decoder here may read stay where the download put them: this test judges the download alone
        settings.put("download.keepUndecodable", "true");
    }

    @Test
    void saves_and_thumbnails_an_image_whatever_type_it_is_served_as() throws Exception {
        Map<String, byte[]> served = new LinkedHashMap<>();
        served.put("/octet", serve("/octet", "application/octet-stream", jpeg(1)));
        served.put("/binary", serve("/binary", "binary/octet-stream", TestImages.image("png", 90, 60, 0x2266aa)));
        served.put("/jpeg-called-png", serve("/jpeg-called-png", "image/png", jpeg(2)));
        served.put("/png-called-text", serve("/png-called-text", "text/html", TestImages.image("png", 50, 80, 0x55)));
        byte[] untyped = jpeg(3);
        server.on("/untyped", call -> send(call, null, untyped));
        served.put("/untyped", untyped);
        list(served.keySet().toArray(String[]::new));

        HarvestSummary summary = harvest();

        assertEquals(5, summary.saved(), summary.toString());
        assertEquals(5, summary.thumbnails(), summary.toString());
        assertEquals(0, summary.failed(), summary.toString());
        for (Map.Entry<String, byte[]> image : served.entrySet()) {
            String format = image.getValue()[0] == (byte) 0xFF ? "jpg" : "png";
            String name = namer.name(server.url(image.getKey()), format);
            assertArrayEquals(image.getValue(), Files.readAllBytes(file("images", name)), name);
            String thumbnail = name.substring(0, name.lastIndexOf('.')) + "_thumbnail." + format;
            assertTrue(files("thumbnails").contains(thumbnail), thumbnail + " in " + files("thumbnails"));
        }
    }

    @Test
    void refuses_a_body_that_is_no_image_saying_what_its_bytes_are() throws Exception {
        server.serve("/error-page.jpg", "image/jpeg", "<!DOCTYPE html><html><body>We moved</body></html>")
                .serve("/api", "application/octet-stream", "{\"error\": \"no such image\"}")
                .serve("/logo", "image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>")
                .serve("/drawing", "application/octet-stream",
                        "<?xml version=\"1.0\"?>\n<!-- made by hand -->\n<svg viewBox=\"0 0 1 1\"/>")
                .serve("/notes.jpg", "image/jpeg", "This photo was removed by its owner.")
                .serve("/feed", "image/png", "<?xml version=\"1.0\"?><rss version=\"2.0\"></rss>");
        byte[] page = "\uFEFF  <html><body>untyped</body></html>".getBytes(StandardCharsets.UTF_8);
        server.on("/bare", call -> send(call, null, page));
        list("/error-page.jpg", "/api", "/logo", "/drawing", "/notes.jpg", "/feed", "/bare");

        HarvestSummary summary = harvest();

        assertEquals(0, summary.saved(), summary.toString());
        assertEquals(7, summary.failed(), summary.toString());
        Map<String, String> reasons = new TreeMap<>();
        for (JsonNode failure : report().get("failures")) {
            reasons.put(failure.get("url").asText().replace(server.url(""), ""), failure.get("reason").asText());
        }
        String svg = "an SVG image (refused: SVG can carry script)";
        assertEquals(Map.of(
                "/error-page.jpg", "not an image: served as 'image/jpeg', and its bytes are an HTML page",
                "/api", "not an image: served as 'application/octet-stream', and its bytes are JSON",
                "/logo", "not an image: served as 'image/svg+xml', and its bytes are " + svg,
                "/drawing", "not an image: served as 'application/octet-stream', and its bytes are " + svg,
                "/notes.jpg", "not an image: served as 'image/jpeg', and its bytes are plain text",
                "/feed", "not an image: served as 'image/png', and its bytes are an XML document",
                "/bare", "not an image: served with no Content-Type, and its bytes are an HTML page"), reasons);
        for (String link : reasons.keySet()) assertEquals(1, server.hits(link), link + " is not asked again");
        assertEquals(List.of(), files("images"));
    }

    @Test
    void saves_the_formats_it_knows_by_their_signatures_under_their_extensions() throws Exception {
        Map<String, byte[]> served = new LinkedHashMap<>();
        served.put("ico", TestImages.ico());
        served.put("tif", TestImages.bigTiff());
        served.put("jxl", TestImages.jxl());
        served.put("avif", TestImages.ftyp("avif", "mif1", "miaf"));
        served.put("heic", TestImages.ftyp("heic", "mif1", "heic"));
        served.forEach((format, body) -> serve("/f/" + format, "application/octet-stream", body));
        // the HEIF container's brand first, AVIF among the compatible ones: an AVIF image
        byte[] avifInHeif = TestImages.ftyp("mif1", "mif1", "miaf", "avif");
        server.on("/f/avif-in-heif", call -> send(call, null, avifInHeif));
        list("/f/ico", "/f/tif", "/f/jxl", "/f/avif", "/f/heic", "/f/avif-in-heif");

        harvest();

        assertEquals(6, files("images").size(), files("images").toString());
        served.put("avif-in-heif", avifInHeif);
        for (Map.Entry<String, byte[]> image : served.entrySet()) {
            String format = image.getKey().equals("avif-in-heif") ? "avif" : image.getKey();
            String name = namer.name(server.url("/f/" + image.getKey()), format);
            assertTrue(name.endsWith("." + format), name);
            assertArrayEquals(image.getValue(), Files.readAllBytes(file("images", name)), name);
        }
    }

    private byte[] serve(String path, String type, byte[] body) {
        server.serve(path, type, body);
        return body;
    }

    private static byte[] jpeg(long seed) {
        return TestImages.jpeg(TestImages.photo(seed, 120, 90), 0.85f);
    }

    // a response with that Content-Type, or none (null)
    static void send(HttpExchange call, String type, byte[] body) throws IOException {
        if (type != null) call.getResponseHeaders().set("Content-Type", type);
        call.sendResponseHeaders(200, body.length);
        try (OutputStream out = call.getResponseBody()) {
            out.write(body);
        }
    }
}
