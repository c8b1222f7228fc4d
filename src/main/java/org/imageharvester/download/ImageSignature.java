package org.imageharvester.download;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** Tells an image format from a file's first bytes (its magic number), whatever the server claims. */
final class ImageSignature {

    /** Every format {@link #of} tells, named by its file extension. */
    static final List<String> FORMATS = List.of("jpg", "png", "gif", "webp", "tif", "bmp", "ico", "jxl", "avif",
            "heic");
    /** The first bytes {@link #of} needs to see every brand of an ISO BMFF (AVIF, HEIC) file type box. */
    static final int HEAD = 64;

    private static final Set<String> AVIF = Set.of("avif", "avis");
    private static final Set<String> HEIC = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs");
    // brands of the HEIF container whatever codes its pictures: the compatible brands tell AVIF from HEIC
    private static final Set<String> HEIF = Set.of("mif1", "msf1");

    private ImageSignature() {
    }

    /** The format whose signature the bytes start with (one of {@link #FORMATS}), or null. */
    static String of(byte[] head) {
        if (starts(head, 0xFF, 0xD8, 0xFF)) return "jpg";
        if (starts(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return "png";
        if (text(head, 0, "GIF87a") || text(head, 0, "GIF89a")) return "gif";
        if (text(head, 0, "RIFF") && text(head, 8, "WEBP")) return "webp";
        if (starts(head, 'I', 'I', 42, 0) || starts(head, 'M', 'M', 0, 42)) return "tif";
        if (starts(head, 'I', 'I', 43, 0, 8, 0) || starts(head, 'M', 'M', 0, 43, 0, 8)) return "tif"; // BigTIFF
        if (starts(head, 0xFF, 0x0A) || starts(head, 0, 0, 0, 0x0C, 'J', 'X', 'L', ' ', 0x0D, 0x0A, 0x87, 0x0A)) {
            return "jxl";
        }
        if (text(head, 4, "ftyp")) return brand(head);
        // (after ftyp: a file type box 256 bytes long starts 00 00 01 00 too)
        if (starts(head, 0, 0, 1, 0) && head.length >= 10 && (head[4] != 0 || head[5] != 0) && head[9] == 0) {
            return "ico"; // at least one image, and the first entry's reserved byte
        }
        if (text(head, 0, "BM") && head.length >= 14) return "bmp";
        return null;
    }

    // an ISO BMFF file type box: its major brand, then its compatible brands (as far as the box and the head go)
    private static String brand(byte[] head) {
        String major = ascii(head, 8);
        if (AVIF.contains(major)) return "avif";
        if (HEIC.contains(major)) return "heic";
        long size = (head[0] & 0xffL) << 24 | (head[1] & 0xff) << 16 | (head[2] & 0xff) << 8 | head[3] & 0xff;
        int end = (int) Math.min(size, head.length);
        boolean heif = HEIF.contains(major);
        for (int i = 16; i + 4 <= end; i += 4) {
            String compatible = ascii(head, i);
            if (AVIF.contains(compatible)) return "avif";
            heif |= HEIC.contains(compatible) || HEIF.contains(compatible);
        }
        return heif ? "heic" : null; // another brand (mp4, mov, 3gp): a video, no image
    }

    private static String ascii(byte[] head, int offset) {
        return head.length < offset + 4 ? "" : new String(head, offset, 4, StandardCharsets.ISO_8859_1);
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
