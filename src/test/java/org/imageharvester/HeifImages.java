package org.imageharvester;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * AVIF and HEIC files made on the spot by heif-enc (Debian: libheif-examples) from a picture drawn here, and the same
 * file with an {@code irot} box added (heif-enc 1.15 writes none, whatever the input's EXIF orientation says).
 */
public final class HeifImages {

    /** The colours of the four quarters of {@link #corners}. */
    public static final int TOP_LEFT = 0xD02020;
    public static final int TOP_RIGHT = 0x20B020;
    public static final int BOTTOM_LEFT = 0x2040D0;
    public static final int BOTTOM_RIGHT = 0xE0C020;

    private HeifImages() {
    }

    /** A picture of that size, each quarter of its own colour. */
    public static BufferedImage corners(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        int[][] quarters = {{0, 0, TOP_LEFT}, {1, 0, TOP_RIGHT}, {0, 1, BOTTOM_LEFT}, {1, 1, BOTTOM_RIGHT}};
        for (int[] q : quarters) {
            g.setColor(new Color(q[2]));
            g.fillRect(q[0] * width / 2, q[1] * height / 2, width - width / 2, height - height / 2);
        }
        g.dispose();
        return image;
    }

    /** The mean colour of the picture, as 0xRRGGBB. */
    public static int mean(BufferedImage image) {
        long[] sums = new long[3];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                for (int c = 0; c < 3; c++) sums[c] += rgb >> (16 - 8 * c) & 0xFF;
            }
        }
        long pixels = (long) image.getWidth() * image.getHeight();
        return (int) (sums[0] / pixels << 16 | sums[1] / pixels << 8 | sums[2] / pixels);
    }

    /** Why heif-enc cannot make that format here (not installed, no encoder for it), or null when it can. */
    public static String missing(boolean avif) {
        try {
            Process list = new ProcessBuilder("heif-enc", "--list-encoders").redirectErrorStream(true).start();
            String encoders = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            list.waitFor(30, TimeUnit.SECONDS);
            String heading = avif ? "AVIF encoders:" : "HEIC encoders:";
            int at = encoders.indexOf(heading);
            boolean one = at >= 0 && encoders.substring(at + heading.length()).stripLeading().startsWith("-");
            return one ? null : "heif-enc has no " + (avif ? "AVIF" : "HEIC") + " encoder: " + encoders;
        } catch (IOException e) {
            return "heif-enc is not installed (Debian: libheif-examples): " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The picture as an AVIF ({@code avif}) or a HEIC, by heif-enc from a PNG, at quality 90. */
    public static byte[] encode(BufferedImage image, boolean avif) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("heif");
        try {
            Path png = folder.resolve("in.png");
            ImageIO.write(image, "png", png.toFile());
            Path out = folder.resolve(avif ? "out.avif" : "out.heic");
            Process encode = new ProcessBuilder("heif-enc", "-q", "90", "-o", out.toString(), png.toString())
                    .redirectErrorStream(true).start();
            String said = new String(encode.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!encode.waitFor(60, TimeUnit.SECONDS) || encode.exitValue() != 0 || !Files.exists(out)) {
                throw new IOException("heif-enc failed: " + said);
            }
            return Files.readAllBytes(out);
        } finally {
            for (String name : new String[] {"in.png", "out.avif", "out.heic"}) {
                Files.deleteIfExists(folder.resolve(name));
            }
            Files.delete(folder);
        }
    }

    /**
     * The file with an {@code irot} property (that many quarter turns anticlockwise) given to its primary image: the
     * box added at the end of {@code ipco}, its association at the end of the image's in {@code ipma}, every box around
     * them grown, and the data offsets of {@code iloc} moved by as much (meta comes before mdat, as heif-enc writes).
     */
    public static byte[] rotated(byte[] heif, int quarterTurns) {
        ByteBuffer file = ByteBuffer.wrap(heif);
        int meta = find(file, 0, heif.length, "meta");
        int metaEnd = meta + file.getInt(meta);
        int children = meta + 12; // a full box: version and flags
        int pitm = find(file, children, metaEnd, "pitm");
        int primary = file.get(pitm + 8) == 0 ? file.getShort(pitm + 12) & 0xFFFF : file.getInt(pitm + 12);
        int iprp = find(file, children, metaEnd, "iprp");
        int ipco = find(file, iprp + 8, iprp + file.getInt(iprp), "ipco");
        int ipma = find(file, iprp + 8, iprp + file.getInt(iprp), "ipma");
        if (ipma < ipco || find(file, 0, heif.length, "mdat") < meta) {
            throw new IllegalArgumentException("not laid out as heif-enc writes: ftyp, meta (ipco, ipma), mdat");
        }
        int properties = 0;
        for (int at = ipco + 8; at < ipco + file.getInt(ipco); at += file.getInt(at)) properties++;
        byte[] irot = {0, 0, 0, 9, 'i', 'r', 'o', 't', (byte) (quarterTurns & 3)};
        // ipma: version, flags (bit 0: two-byte associations), entry count, then per item its id, count, associations
        int version = file.get(ipma + 8);
        boolean wide = (file.get(ipma + 11) & 1) != 0;
        int entries = file.getInt(ipma + 12);
        int at = ipma + 16;
        int countAt = -1;
        for (int i = 0; i < entries; i++) {
            int item = version < 1 ? file.getShort(at) & 0xFFFF : file.getInt(at);
            at += version < 1 ? 2 : 4;
            int count = file.get(at) & 0xFF;
            if (item == primary) countAt = at;
            at += 1 + count * (wide ? 2 : 1);
            if (item == primary) break;
        }
        if (countAt < 0) throw new IllegalArgumentException("the primary image has no properties");
        byte[] association = wide ? new byte[] {(byte) 0x80, (byte) (properties + 1)}
                : new byte[] {(byte) (0x80 | properties + 1)};
        int grown = irot.length + association.length;
        byte[] out = new byte[heif.length + grown];
        ByteBuffer rotated = ByteBuffer.wrap(out);
        int ipcoEnd = ipco + file.getInt(ipco);
        // before ipco's end | irot | ipco's end up to the association's place | association | the rest
        rotated.put(heif, 0, ipcoEnd).put(irot).put(heif, ipcoEnd, at - ipcoEnd).put(association)
                .put(heif, at, heif.length - at);
        rotated.put(countAt + irot.length, (byte) ((heif[countAt] & 0xFF) + 1));
        grow(rotated, meta, grown);
        grow(rotated, iprp, grown);
        grow(rotated, ipco, irot.length);
        grow(rotated, ipma + irot.length, association.length);
        int iloc = find(rotated, children, metaEnd + grown, "iloc");
        moveOffsets(rotated, iloc, grown);
        return out;
    }

    private static void grow(ByteBuffer file, int box, int by) {
        file.putInt(box, file.getInt(box) + by);
    }

    // iloc (ISO/IEC 14496-12 8.11.3): every extent of a file-offset item (construction method 0) moved by that much
    private static void moveOffsets(ByteBuffer file, int iloc, int by) {
        int version = file.get(iloc + 8);
        int offsetSize = (file.get(iloc + 12) & 0xFF) >> 4;
        int lengthSize = file.get(iloc + 12) & 0x0F;
        int baseSize = (file.get(iloc + 13) & 0xFF) >> 4;
        int indexSize = version > 0 ? file.get(iloc + 13) & 0x0F : 0;
        int at = iloc + 14;
        long items = version < 2 ? file.getShort(at) & 0xFFFF : file.getInt(at);
        at += version < 2 ? 2 : 4;
        for (long i = 0; i < items; i++) {
            at += version < 2 ? 2 : 4; // item id
            int method = version > 0 ? file.getShort(at) & 0x0F : 0;
            at += version > 0 ? 2 : 0;
            at += 2; // data reference index
            int base = at;
            at += baseSize;
            int extents = file.getShort(at) & 0xFFFF;
            at += 2;
            boolean moveBase = method == 0 && baseSize > 0;
            if (moveBase) put(file, base, baseSize, get(file, base, baseSize) + by);
            for (int e = 0; e < extents; e++) {
                at += indexSize;
                boolean move = method == 0 && !moveBase && offsetSize > 0;
                if (move) put(file, at, offsetSize, get(file, at, offsetSize) + by);
                at += offsetSize + lengthSize;
            }
        }
    }

    private static long get(ByteBuffer file, int at, int size) {
        return size == 8 ? file.getLong(at) : file.getInt(at) & 0xFFFFFFFFL;
    }

    private static void put(ByteBuffer file, int at, int size, long value) {
        if (size == 8) file.putLong(at, value);
        else file.putInt(at, (int) value);
    }

    // the first box of that type among the boxes from..to
    private static int find(ByteBuffer file, int from, int to, String type) {
        for (int at = from; at + 8 <= to; at += file.getInt(at)) {
            byte[] name = new byte[4];
            file.get(at + 4, name);
            if (new String(name, StandardCharsets.ISO_8859_1).equals(type)) return at;
            if (file.getInt(at) < 8) break;
        }
        throw new IllegalArgumentException("no " + type + " box in " + Arrays.toString(
                Arrays.copyOfRange(file.array(), from, Math.min(to, from + 32))));
    }

    /** The first half of the bytes: a file cut short in its image data. */
    public static byte[] firstHalf(byte[] file) {
        return Arrays.copyOf(file, file.length / 2);
    }
}
