package org.imageharvester.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.imageharvester.values.KeptImages;
import org.imageharvester.values.Outcome;

/**
 * A JPEG XL body (its codestream signature, FF 0A): no decoder reads it here, so it gets no thumbnail and is kept,
 * named by its format, whatever download.keepUndecodable says. (The download guard of this version refuses JPEG XL by
 * its signature, so this is tested on the thumbnail stage's beans rather than through the routes.)
 */
class NoDecoderTest {

    // a JPEG XL codestream's signature, then a small image's size header and junk
    private static final byte[] JXL = {(byte) 0xFF, 0x0A, (byte) 0xFA, 0x7F, 0x01, (byte) 0x90, 0x08, 0x06, 0x01, 0x00,
        0x48, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07};

    @TempDir
    Path work;

    @Test
    void keeps_a_jpeg_xl_image_without_a_thumbnail_naming_its_format() throws Exception {
        Path image = Files.write(Files.createDirectories(work.resolve("images")).resolve("photo.jxl"), JXL);
        Thumbnailer thumbnailer = ThumbnailerTest.thumbnailer(work.resolve("thumbs"), false);

        NoDecoderException none = assertThrows(NoDecoderException.class, () -> thumbnailer.make(image.toString()));

        assertEquals("JPEG XL has no decoder here", none.getMessage());
        List<String> told = new ArrayList<>();
        BadImages bad = new BadImages();
        bad.setKeep(false);
        bad.setLedger(new KeptImages() {
            @Override
            public Earlier resemble(Image image, int maxDistance, boolean keepLarger) {
                return null;
            }

            @Override
            public void notKept(String url, String reason) {
                told.add(url);
            }
        });
        Outcome outcome = bad.undecodable("http://example.org/photo.jxl", image.toString(), none);
        assertEquals(Outcome.Kind.NO_THUMBNAIL, outcome.kind());
        assertEquals("JPEG XL has no decoder here", outcome.detail());
        assertEquals(image.toString(), outcome.image());
        assertEquals(JXL.length, outcome.bytes());
        assertFalse(outcome.kind().removesTheImage());
        assertTrue(Files.exists(image), "kept with download.keepUndecodable = false");
        assertEquals(List.of(), told, "the ledger keeps it as saved");
        assertFalse(Files.exists(work.resolve("thumbs").resolve("photo.jxl_thumbnail.png")));
    }
}
