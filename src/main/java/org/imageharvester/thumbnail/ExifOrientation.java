package org.imageharvester.thumbnail;

import java.nio.ByteBuffer;

/**
 * Reads the EXIF orientation (1 to 8) from IFD0's tag 0x0112 of a TIFF structure: a JPEG's APP1 "Exif" segment, the
 * EXIF block of a WebP or PNG ({@link #ofExif}), or a TIFF or BigTIFF file's own header and IFD0 ({@link
 * FileOrientation} brings them together). Returns 0 when there is none or the metadata is malformed; a camera's bad
 * metadata never costs a thumbnail.
 */
final class ExifOrientation {

    // EXIF sits in an APP1 segment near the start, and a segment holds at most 64 KB
    private static final int HEAD = 64 * 1024;
    private static final int ORIENTATION = 0x0112;
    private static final int SHORT = 3;

    private ExifOrientation() {
    }

    /** Reads only the JPEG's first 64 KB: a mapped file's other pages are never touched. */
    static int of(ByteBuffer jpeg) {
        byte[] head = new byte[Math.min(HEAD, jpeg.limit())];
        jpeg.get(0, head);
        return of(head);
    }

    static int of(byte[] jpeg) {
        try {
            return read(jpeg);
        } catch (IndexOutOfBoundsException e) {
            return 0;
        }
    }

    /**
     * The orientation in an EXIF block: a TIFF header and its IFD0, after an {@code Exif\0\0} prefix when there is one
     * (some WebP and PNG writers keep the JPEG segment's).
     */
    static int ofExif(byte[] exif) {
        try {
            return tiff(exif, isExif(exif, 0) ? 6 : 0);
        } catch (IndexOutOfBoundsException e) {
            return 0;
        }
    }

    private static int read(byte[] b) {
        if (b.length < 4 || u8(b, 0) != 0xFF || u8(b, 1) != 0xD8) return 0;
        int i = 2;
        while (i + 4 <= b.length && u8(b, i) == 0xFF) {
            int marker = u8(b, i + 1);
            if (marker == 0xDA || marker == 0xD9) return 0; // image data begins: no EXIF before it
            if (marker == 0xFF) {
                i++;
                continue;
            }
            int length = u16(b, i + 2, true);
            if (marker == 0xE1 && length >= 16 && isExif(b, i + 4)) return tiff(b, i + 10);
            i += 2 + length;
        }
        return 0;
    }

    private static boolean isExif(byte[] b, int i) {
        return b.length >= i + 6 && b[i] == 'E' && b[i + 1] == 'x' && b[i + 2] == 'i' && b[i + 3] == 'f'
                && b[i + 4] == 0 && b[i + 5] == 0;
    }

    // a classic TIFF (42: 32-bit offsets, 12-byte entries) or a BigTIFF (43: 64-bit offsets, 20-byte entries)
    private static int tiff(byte[] b, int t) {
        boolean bigEndian = b[t] == 'M' && b[t + 1] == 'M';
        if (!bigEndian && !(b[t] == 'I' && b[t + 1] == 'I')) return 0;
        boolean big = u16(b, t + 2, bigEndian) == 43;
        long offset = big ? u32(b, t + 8, bigEndian) & 0xFFFFFFFFL | (long) u32(b, t + 12, bigEndian) << 32
                : u32(b, t + 4, bigEndian) & 0xFFFFFFFFL;
        if (offset >= b.length) return 0;
        int ifd = t + (int) offset;
        int entries = big ? u32(b, ifd, bigEndian) : u16(b, ifd, bigEndian);
        int first = ifd + (big ? 8 : 2);
        int size = big ? 20 : 12;
        for (int k = 0; k < entries; k++) {
            int e = first + size * k;
            if (u16(b, e, bigEndian) == ORIENTATION && u16(b, e + 2, bigEndian) == SHORT) {
                int value = u16(b, e + (big ? 12 : 8), bigEndian);
                return value >= 1 && value <= 8 ? value : 0;
            }
        }
        return 0;
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    private static int u16(byte[] b, int i, boolean bigEndian) {
        return bigEndian ? u8(b, i) << 8 | u8(b, i + 1) : u8(b, i + 1) << 8 | u8(b, i);
    }

    private static int u32(byte[] b, int i, boolean bigEndian) {
        return bigEndian ? u16(b, i, true) << 16 | u16(b, i + 2, true) : u16(b, i + 2, false) << 16 | u16(b, i, false);
    }
}
