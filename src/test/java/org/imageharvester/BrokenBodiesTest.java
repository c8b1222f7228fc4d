package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.imageharvester.download.ImageFileNamer;
import org.imageharvester.ledger.Ledger;
import org.imageharvester.report.HarvestSummary;

/**
 * A body cut short or corrupt is found as it streams to disk, before it counts as saved: tried once more (a short
 * transfer often comes whole the next time), then its link fails with the reason, leaving no file, no thumbnail and
 * nothing in the ledger.
 */
class BrokenBodiesTest extends HarvesterTestSupport {

    private static final byte[] JPEG = TestImages.jpeg(TestImages.photo(21, 240, 160), 0.85f);

    @Test
    void tries_a_jpeg_cut_in_half_once_more_then_fails_it_leaving_nothing() throws Exception {
        server.serve("/half.jpg", "image/jpeg", Arrays.copyOf(JPEG, JPEG.length / 2));
        list("/half.jpg");

        HarvestSummary summary = harvest();

        assertEquals(0, summary.saved(), summary.toString());
        assertEquals(1, summary.failed(), summary.toString());
        assertEquals(0, summary.thumbnails(), summary.toString());
        assertEquals(2, server.hits("/half.jpg"), "tried once more");
        assertEquals("truncated JPEG: the data ends before its end marker",
                report().get("failures").get(0).get("reason").asText());
        assertEquals(List.of(), files("images"), "no file, not even a part");
        assertEquals(List.of(), files("thumbnails").stream().filter(name -> name.contains("_thumbnail.")).toList());
        Ledger ledger = context.getRegistry().lookupByNameAndType("ledger", Ledger.class);
        assertNull(ledger.lookup(server.url("/half.jpg")), "nothing recorded as saved");
    }

    @Test
    void saves_a_body_that_comes_whole_the_second_time() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server.on("/flaky.jpg", call -> JudgedByBytesTest.send(call, "image/jpeg",
                calls.incrementAndGet() == 1 ? Arrays.copyOf(JPEG, JPEG.length * 2 / 3) : JPEG));
        list("/flaky.jpg");

        HarvestSummary summary = harvest();

        assertEquals(1, summary.saved(), summary.toString());
        assertEquals(1, summary.thumbnails(), summary.toString());
        assertEquals(2, server.hits("/flaky.jpg"));
        String name = new ImageFileNamer().name(server.url("/flaky.jpg"), "jpg");
        assertArrayEquals(JPEG, Files.readAllBytes(file("images", name)));
        assertEquals(List.of(name), files("images"));
    }

    @Test
    void fails_a_png_with_a_bad_crc_or_no_iend_and_garbage_behind_a_jpeg_signature_but_saves_bytes_after_eoi()
            throws Exception {
        byte[] png = TestImages.image("png", 60, 40, 0x3366cc);
        byte[] badCrc = png.clone();
        badCrc[png.length - 20] ^= 0x40; // in the image data, the last chunk's before IEND
        // a JFIF header (its APP0 segment ends at byte 20), then text where the next marker should be
        byte[] garbage = TestImages.concat(Arrays.copyOf(JPEG, 20),
                "this is no JPEG, only its signature. ".repeat(50).getBytes(StandardCharsets.US_ASCII));
        byte[] trailer = TestImages.concat(JPEG, "camera maker's data after the end marker".getBytes(
                StandardCharsets.US_ASCII));
        server.serve("/bad-crc.png", "image/png", badCrc)
                .serve("/no-iend.png", "image/png", Arrays.copyOf(png, png.length - 12))
                .serve("/garbage.jpg", "image/jpeg", garbage)
                .serve("/trailer.jpg", "image/jpeg", trailer);
        list("/bad-crc.png", "/no-iend.png", "/garbage.jpg", "/trailer.jpg");

        HarvestSummary summary = harvest();

        assertEquals(1, summary.saved(), summary.toString());
        assertEquals(1, summary.thumbnails(), summary.toString());
        assertEquals(3, summary.failed(), summary.toString());
        Map<String, String> reasons = new TreeMap<>();
        for (JsonNode failure : report().get("failures")) {
            reasons.put(failure.get("url").asText().replace(server.url(""), ""), failure.get("reason").asText());
        }
        assertTrue(reasons.get("/bad-crc.png").startsWith("corrupt PNG: bad CRC in IDAT (byte "), reasons.toString());
        assertEquals("truncated PNG: no IEND (the data ends after its IDAT chunk)", reasons.get("/no-iend.png"));
        assertEquals("corrupt JPEG: no marker where one should be (byte 20)", reasons.get("/garbage.jpg"));
        for (String link : reasons.keySet()) assertEquals(2, server.hits(link), link + " tried once more");
        String saved = new ImageFileNamer().name(server.url("/trailer.jpg"), "jpg");
        assertEquals(List.of(saved), files("images"));
        assertArrayEquals(trailer, Files.readAllBytes(file("images", saved)), "kept as it came");
    }
}
