package org.imageharvester.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.imageharvester.TestImages;

class ExifOrientationTest {

    // where the TIFF header starts in jpeg(): SOI 2, APP0 segment 9, APP1 marker, length and "Exif\0\0" 10
    private static final int TIFF_AT = 21;

    @Test
    void reads_the_orientation_in_either_byte_order() {
        assertEquals('M', jpeg(tiff(true, 6))[TIFF_AT], "the layout the other tests rely on");
        assertEquals(6, ExifOrientation.of(jpeg(tiff(true, 6))));
        assertEquals(8, ExifOrientation.of(jpeg(tiff(false, 8))));
    }

    @Test
    void finds_nothing_where_there_is_nothing_or_garbage() {
        assertEquals(0, ExifOrientation.of(new byte[0]), "empty");
        assertEquals(0, ExifOrientation.of(new byte[] {(byte) 0x89, 'P', 'N', 'G'}), "not a JPEG");
        assertEquals(0, ExifOrientation.of(TestImages.image("jpg", 20, 10, 0)), "a JPEG without EXIF");
        assertEquals(0, ExifOrientation.of(jpeg(tiff(true, 9))), "out of range");
        byte[] cut = jpeg(tiff(true, 6));
        assertEquals(0, ExifOrientation.of(Arrays.copyOf(cut, 30)), "segment cut short");
        byte[] lying = jpeg(tiff(true, 6));
        lying[TIFF_AT + 7] = 0x7F; // the IFD offset (big-endian, bytes 4-7 of the TIFF header) now points past the end
        assertEquals(0, ExifOrientation.of(lying), "offset past the end");
    }

    // a TIFF header and an IFD0 holding only the Orientation tag (SHORT)
    private static byte[] tiff(boolean bigEndian, int orientation) {
        return bigEndian
                ? new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0,
                0,
                    0, 0, 0, 0}
                : new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte) orientation, 0, 0,
                        0,
                    0, 0, 0, 0};
    }

    // SOI, APP0 (JFIF, skipped over), APP1 Exif, then the start of the image data
    private static byte[] jpeg(byte[] tiff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 7, 'J', 'F', 'I', 'F', 0});
        int length = 2 + 6 + tiff.length;
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length, 'E', 'x', 'i', 'f', 0,
                0});
        out.writeBytes(tiff);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDA, 0, 2});
        return out.toByteArray();
    }
}
