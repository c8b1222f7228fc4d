package org.imageharvester.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.imageharvester.TestImages;

class ImageSignatureTest {

    @Test
    void tells_the_formats_java_writes() {
        for (String format : new String[] {"jpg", "png", "gif", "bmp"}) {
            assertEquals(format, of(TestImages.image(format, 8, 8, 0x102030)), format);
        }
    }

    @Test
    void tells_an_icon_by_its_header_and_first_entry() {
        assertEquals("ico", of(TestImages.ico()));
        byte[] none = TestImages.ico();
        none[4] = 0; // no image in it
        assertNull(of(none));
        byte[] reserved = TestImages.ico();
        reserved[9] = 7; // the first entry's reserved byte
        assertNull(of(reserved));
    }

    @Test
    void tells_tiff_and_bigtiff_in_both_byte_orders() {
        assertEquals("tif", of(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0}));
        assertEquals("tif", of(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8}));
        assertEquals("tif", of(TestImages.bigTiff()));
        assertEquals("tif", of(new byte[] {'M', 'M', 0, 43, 0, 8, 0, 0}));
        assertNull(of(new byte[] {'I', 'I', 43, 0, 4, 0, 0, 0}), "BigTIFF's offsets are 8 bytes");
    }

    @Test
    void tells_jpeg_xl_as_a_codestream_and_in_its_container() {
        assertEquals("jxl", of(new byte[] {(byte) 0xFF, 0x0A, (byte) 0xFA, 0x1F}));
        assertEquals("jxl", of(TestImages.jxl()));
    }

    @Test
    void tells_avif_from_heic_by_the_major_and_the_compatible_brands() {
        assertEquals("avif", of(TestImages.ftyp("avif", "mif1", "miaf")));
        assertEquals("avif", of(TestImages.ftyp("avis", "msf1")));
        assertEquals("avif", of(TestImages.ftyp("mif1", "mif1", "miaf", "MA1B", "avif")));
        assertEquals("avif", of(TestImages.ftyp("msf1", "iso8", "avis")));
        for (String major : new String[] {"heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs"}) {
            assertEquals("heic", of(TestImages.ftyp(major, "mif1")), major);
        }
        assertEquals("heic", of(TestImages.ftyp("mif1", "mif1", "heic")));
        assertEquals("heic", of(TestImages.ftyp("msf1", "msf1")));
        assertNull(of(TestImages.ftyp("isom", "isom", "iso2", "avc1", "mp41")), "a video");
        assertNull(of(TestImages.ftyp("qt  ", "qt  ")), "a QuickTime movie");
    }

    @Test
    void tells_no_format_from_text_or_too_few_bytes() {
        assertNull(of("<html><body>moved</body></html>".getBytes(StandardCharsets.US_ASCII)));
        assertNull(of(new byte[] {(byte) 0xFF, (byte) 0xD8}));
        assertNull(of(new byte[0]));
    }

    private static String of(byte[] body) {
        return ImageSignature.of(Arrays.copyOf(body, Math.min(body.length, ImageSignature.HEAD)));
    }
}
