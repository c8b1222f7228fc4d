package org.imageharvester.thumbnail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Names, from a file's first bytes, the formats a runner may have no decoder for: AVIF and HEIF (an ISO BMFF
 * {@code ftyp} box and its brands) and JPEG XL; null for any other.
 */
final class FormatName {

    static final String AVIF = "AVIF";
    static final String HEIF = "HEIF";
    // enough for the ftyp box of every HEIF writer seen (28-32 bytes) and a few more brands
    private static final int HEAD = 64;
    private static final Set<String> AV1 = Set.of("avif", "avis");
    private static final Set<String> HEVC = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx");
    // brands of any HEIF, whatever its codec: the compatible brands tell which
    private static final Set<String> ANY = Set.of("mif1", "msf1", "mif2", "miaf");

    private FormatName() {
    }

    /** The first bytes of the file (fewer when it is shorter). */
    static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD);
        }
    }

    /** The format's name, or null when it is none of these. */
    static String of(byte[] head) {
        String heif = heif(head);
        if (heif != null) return heif;
        if (starts(head, 0xFF, 0x0A) || starts(head, 0, 0, 0, 0x0C, 'J', 'X', 'L', ' ', 0x0D, 0x0A, 0x87, 0x0A)) {
            return "JPEG XL";
        }
        return null;
    }

    /** {@link #AVIF} or {@link #HEIF} by the ftyp box's major brand, then its compatible ones; else null. */
    static String heif(byte[] head) {
        if (head.length < 16 || !brand(head, 4).equals("ftyp")) return null;
        String major = brand(head, 8);
        if (AV1.contains(major)) return AVIF;
        if (HEVC.contains(major)) return HEIF;
        if (!ANY.contains(major)) return null;
        long size = (head[0] & 0xFFL) << 24 | (head[1] & 0xFF) << 16 | (head[2] & 0xFF) << 8 | head[3] & 0xFF;
        for (int at = 16; at + 4 <= Math.min(size, head.length); at += 4) {
            if (AV1.contains(brand(head, at))) return AVIF;
        }
        return HEIF;
    }

    private static String brand(byte[] head, int at) {
        return new String(head, at, 4, StandardCharsets.ISO_8859_1);
    }

    private static boolean starts(byte[] head, int... bytes) {
        if (head.length < bytes.length) return false;
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xff) != bytes[i]) return false;
        }
        return true;
    }
}
