package org.imageharvester.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.imageharvester.RawImages;
import org.imageharvester.TestImages;

/**
 * The orientation of a WebP, PNG or TIFF is found wherever its chunk is, through a few bounded reads; metadata that
 * lies about its lengths or offsets gives none, and never costs the thumbnail.
 */
class FileOrientationTest {

    @TempDir
    Path work;

    @Test
    void finds_the_orientation_wherever_the_format_keeps_it() throws Exception {
        byte[] exif = RawImages.exif(6, true);
        byte[] prefixed = ByteBuffer.allocate(6 + exif.length).put(new byte[] {'E', 'x', 'i', 'f', 0, 0}).put(exif)
                .array();

        assertEquals(6, of("after.webp", RawImages.webp(RawImages.vp8x(0x08, 300, 200),
                RawImages.bitstream("/formats/lossy.webp"), RawImages.riff("EXIF", exif))), "WebP, after the image");
        assertEquals(6, of("prefixed.webp", RawImages.webp(RawImages.vp8x(0x08, 300, 200),
                RawImages.riff("EXIF", prefixed), RawImages.bitstream("/formats/lossy.webp"))), "WebP, Exif00 first");
        assertEquals(6, of("after.png", png(RawImages.chunk("eXIf", exif))), "PNG, after IDAT");
        assertEquals(6, of("tiff.tif", RawImages.tiff(RawImages.marked(30, 20, 0xFF000000, 0xFFFFFFFF), 6, false)));
        assertEquals(6, of("big.tif", RawImages.tiff(RawImages.marked(30, 20, 0xFF000000, 0xFFFFFFFF), 6, true)));
        assertEquals(0, of("plain.png", TestImages.image("png", 30, 20, 0)), "none");
    }

    @Test
    void gives_none_for_metadata_that_lies_and_the_thumbnail_is_made() throws Exception {
        byte[] webp = RawImages.webp(RawImages.vp8x(0x08, 300, 200), RawImages.bitstream("/formats/lossy.webp"),
                RawImages.riff("EXIF", RawImages.exif(6, false)));
        // the EXIF chunk's length says 2 GB
        ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN).putInt(webp.length - 26 - 4, Integer.MAX_VALUE);
        byte[] junk = new byte[40];
        Arrays.fill(junk, (byte) 0xEE);
        byte[] tiff = RawImages.tiff(RawImages.marked(30, 20, 0xFF000000, 0xFFFFFFFF), 6, false);
        // IFD0's entry count says 65,535 (the file holds 10): the orientation entry is still among those read
        byte[] many = tiff.clone();
        int ifd = ByteBuffer.wrap(many).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
        ByteBuffer.wrap(many).order(ByteOrder.LITTLE_ENDIAN).putShort(ifd, (short) 0xFFFF);
        // IFD0 at 3 GB
        ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0xC0000000);

        assertEquals(0, of("lying.webp", webp), "an EXIF chunk past the end");
        assertEquals(0, of("junk.png", png(RawImages.chunk("eXIf", junk))), "an eXIf chunk of junk");
        assertEquals(0, of("far.tif", tiff), "IFD0 past the end");
        assertEquals(6, of("many.tif", many), "more entries declared than there are");
        Thumbnailer thumbnailer = new Thumbnailer(work.resolve("thumbs").toString(), 128, 128, "same");
        thumbnailer.setMaxPixels(100_000_000L);
        thumbnailer.setDecodeMemory(64L << 20);
        assertEquals(List.of(128, 85), size(thumbnailer.thumbnail(work.resolve("lying.webp").toString())));
        assertEquals(List.of(30, 20), size(thumbnailer.thumbnail(work.resolve("junk.png").toString())));
    }

    private int of(String name, byte[] image) throws Exception {
        Path file = Files.write(work.resolve(name), image);
        String format = name.endsWith(".tif") ? "tiff" : name.substring(name.lastIndexOf('.') + 1);
        return FileOrientation.of(file, format);
    }

    private static byte[] png(byte[] after) {
        return RawImages.png(30, 20, 2, 8, false, (x, y) -> new int[] {x * 8, y * 12, 0}, new byte[0], after);
    }

    private static List<Integer> size(Path thumbnail) throws Exception {
        var image = TestImages.read(thumbnail);
        return List.of(image.getWidth(), image.getHeight());
    }
}
