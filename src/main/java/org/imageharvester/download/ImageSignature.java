package org.imageharvester.download;

import java.nio.charset.StandardCharsets;

/** Tells an image format from a file's first bytes (its magic number), whatever the server claims. */
final class ImageSignature {

    private ImageSignature() {
    }

    /** The format whose signature the bytes start with (jpg, png, gif, bmp, webp, tif, avif, heic), or null. */
    static String of(byte[] head) {
        if (starts(head, 0xFF, 0xD8, 0xFF)) return "jpg";
        if (starts(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return "png";
        if (text(head, 0, "GIF87a") || text(head, 0, "GIF89a")) return "gif";
        if (text(head, 0, "RIFF") && text(head, 8, "WEBP")) return "webp";
        if (starts(head, 'I', 'I', 42, 0) || starts(head, 'M', 'M', 0, 42)) return "tif";
        if (text(head, 4, "ftypavif") || text(head, 4, "ftypavis")) return "avif";
        if (text(head, 4, "ftypheic") || text(head, 4, "ftypmif1")) return "heic";
        if (text(head, 0, "BM") && head.length >= 14) return "bmp";
        return null;
    }

    private static boolean starts(byte[] head, int... bytes) {
        if (head.length < bytes.length) return false;
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xff) != bytes[i]) return false;
        }
        return true;
    }

    private static boolean text(byte[] head, int offset, String ascii) {
        byte[] expected = ascii.getBytes(StandardCharsets.US_ASCII);
        if (head.length < offset + expected.length) return false;
        for (int i = 0; i < expected.length; i++) {
            if (head[offset + i] != expected[i]) return false;
        }
        return true;
    }
}
