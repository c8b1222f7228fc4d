package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.imageharvester.report.HarvestSummary;
import org.imageharvester.thumbnail.Thumbnailer;

/**
 * AVIF and HEIC images, made here by heif-enc from a picture with a colour in each quarter, through the real routes:
 * saved and thumbnailed with libheif, their colours, aspect and declared rotation (irot) kept; one cut short is broken,
 * reported so and removed, not taken for an image without a decoder.
 */
class HeifThumbnailsTest extends HarvesterTestSupport {

    private static final BufferedImage PICTURE = HeifImages.corners(400, 240);

    @BeforeEach
    void needsHeifEncAndLibheif() {
        String avif = HeifImages.missing(true);
        String heic = HeifImages.missing(false);
        assumeTrue(avif == null && heic == null, avif + " / " + heic);
        String decoders = context.getRegistry().lookupByNameAndType("thumbnailer", Thumbnailer.class).decoders();
        assumeTrue(decoders.contains("AVIF and HEIF with libheif"), decoders);
    }

    @Test
    void thumbnails_an_avif_and_a_heic_keeping_their_colours_and_aspect() throws Exception {
        server.serve("/photo.avif", "image/avif", HeifImages.encode(PICTURE, true))
                .serve("/photo.heic", "image/heic", HeifImages.encode(PICTURE, false));
        list("/photo.avif", "/photo.heic");

        HarvestSummary summary = harvest();

        assertEquals(List.of(2L, 0L, 2L, 0L, 0L), List.of(summary.saved(), summary.failed(), summary.thumbnails(),
                summary.undecodable(), summary.noThumbnail()), summary.toString());
        assertEquals(2, files("images").size(), files("images").toString());
        List<String> thumbnails = thumbnails();
        assertEquals(2, thumbnails.size(), thumbnails.toString());
        for (String name : thumbnails) {
            BufferedImage thumbnail = TestImages.read(file("thumbnails", name));
            assertEquals(List.of(128, 77), List.of(thumbnail.getWidth(), thumbnail.getHeight()), name);
            assertCorners(thumbnail, HeifImages.TOP_LEFT, HeifImages.TOP_RIGHT, HeifImages.BOTTOM_LEFT,
                    HeifImages.BOTTOM_RIGHT, name);
            assertClose(HeifImages.mean(PICTURE), HeifImages.mean(thumbnail), 10, name + ": the mean colour");
        }
    }

    @Test
    void turns_an_image_as_its_irot_says() throws Exception {
        // a quarter turn anticlockwise: the right edge on top, 240 x 400
        server.serve("/turned.avif", "image/avif", HeifImages.rotated(HeifImages.encode(PICTURE, true), 1))
                .serve("/turned.heic", "image/heic", HeifImages.rotated(HeifImages.encode(PICTURE, false), 1));
        list("/turned.avif", "/turned.heic");

        HarvestSummary summary = harvest();

        assertEquals(2, summary.thumbnails(), summary.toString());
        for (String name : thumbnails()) {
            BufferedImage thumbnail = TestImages.read(file("thumbnails", name));
            assertEquals(List.of(77, 128), List.of(thumbnail.getWidth(), thumbnail.getHeight()), name);
            assertCorners(thumbnail, HeifImages.TOP_RIGHT, HeifImages.BOTTOM_RIGHT, HeifImages.TOP_LEFT,
                    HeifImages.BOTTOM_LEFT, name);
        }
    }

    @Test
    void reports_an_avif_cut_short_as_broken_and_removes_it() throws Exception {
        byte[] avif = HeifImages.encode(TestImages.photo(7, 800, 600), true);
        server.serve("/cut.avif", "image/avif", HeifImages.firstHalf(avif));
        list("/cut.avif");

        HarvestSummary summary = harvest();

        assertEquals(List.of(0L, 1L, 1L, 0L), List.of(summary.saved(), summary.failed(), summary.undecodable(),
                summary.noThumbnail()), summary.toString());
        JsonNode report = report();
        JsonNode broken = report.get("undecodable").get(0);
        assertEquals(server.url("/cut.avif"), broken.get("url").asText());
        assertTrue(broken.get("removed").asBoolean(), broken.toString());
        // libheif's own words: "Invalid input: Unexpected end of file: Extent in iloc box references data outside..."
        assertTrue(broken.get("reason").asText().startsWith("does not decode: libheif: Invalid input: "),
                broken.toString());
        assertEquals(0, report.get("noThumbnail").size(), report.toPrettyString());
        assertFalse(files("images").stream().anyMatch(name -> name.startsWith("cut")), files("images").toString());
    }

    private List<String> thumbnails() throws Exception {
        return files("thumbnails").stream().filter(name -> name.contains("_thumbnail.")).toList();
    }

    // each corner of the thumbnail (a few pixels in, clear of the scaling's blur) of the colour expected there
    private static void assertCorners(BufferedImage image, int topLeft, int topRight, int bottomLeft, int bottomRight,
            String name) {
        int right = image.getWidth() - 4;
        int bottom = image.getHeight() - 4;
        assertClose(topLeft, image.getRGB(3, 3), 16, name + ": top left");
        assertClose(topRight, image.getRGB(right, 3), 16, name + ": top right");
        assertClose(bottomLeft, image.getRGB(3, bottom), 16, name + ": bottom left");
        assertClose(bottomRight, image.getRGB(right, bottom), 16, name + ": bottom right");
    }

    private static void assertClose(int expected, int actual, int within, String what) {
        for (int shift : new int[] {16, 8, 0}) {
            assertEquals(expected >> shift & 0xFF, actual >> shift & 0xFF, within, what + ": "
                    + Integer.toHexString(actual & 0xFFFFFF) + " instead of " + Integer.toHexString(expected));
        }
    }
}
