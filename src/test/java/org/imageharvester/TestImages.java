package org.imageharvester;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Real, small images made on the spot for tests. */
public final class TestImages {

    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    private TestImages() {
    }

    /** An image of the given size and format (jpg, png, gif, bmp); the colour makes each one's bytes differ. */
    public static byte[] image(String format, int width, int height, int colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(colour));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) throw new IllegalArgumentException("no writer for " + format);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A photo-like picture, the same for the same seed: a sky-to-ground gradient, a few dozen overlapping shapes of
     * varied colour, size and softness, and sensor noise, so that it compresses and scales like a photograph.
     */
    public static BufferedImage photo(long seed, int width, int height) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0xffffff)), width * random.nextFloat(), height,
                new Color(random.nextInt(0xffffff))));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256),
                    120 + random.nextInt(136)));
            int w = (int) (width * (0.05 + 0.3 * random.nextDouble()));
            int h = (int) (height * (0.05 + 0.3 * random.nextDouble()));
            int x = random.nextInt(width) - w / 2;
            int y = random.nextInt(height) - h / 2;
            if (random.nextBoolean()) g.fillOval(x, y, w, h);
            else g.fillRect(x, y, w, h);
        }
        g.dispose();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                int noise = random.nextInt(17) - 8;
                int r = clamp((rgb >> 16 & 0xff) + noise);
                int gr = clamp((rgb >> 8 & 0xff) + noise);
                int b = clamp((rgb & 0xff) + noise);
                image.setRGB(x, y, r << 16 | gr << 8 | b);
            }
        }
        return image;
    }

    /** The picture scaled to that size, smoothly (as an image host resizes). */
    public static BufferedImage scaled(BufferedImage image, int width, int height) {
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.drawImage(image.getScaledInstance(width, height, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        g.dispose();
        return scaled;
    }

    /** The picture as a JPEG of that quality (0 to 1). */
    public static byte[] jpeg(BufferedImage image, float quality) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A PNG whose structure is whole (signature, IHDR, IDAT, IEND, every CRC right) but whose image data is junk: it
     * passes the download, never decodes.
     */
    public static byte[] corruptPng() {
        byte[] junk = new byte[600];
        new Random(3).nextBytes(junk);
        return concat(PNG_SIGNATURE, pngChunk("IHDR", ihdr(64, 64)), pngChunk("IDAT", junk),
                pngChunk("IEND", new byte[0]));
    }

    /**
     * The start of a PNG whose image data follows, as much as a test likes: its signature, IHDR (64x64) and the header
     * of an IDAT chunk of 2^31 - 1 bytes.
     */
    public static byte[] pngHead() {
        byte[] ihdr = pngChunk("IHDR", ihdr(64, 64));
        return concat(PNG_SIGNATURE, ihdr, ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).put(ascii("IDAT")).array());
    }

    /** An icon holding one 16x16 PNG, as browsers' favicon.ico files do. */
    public static byte[] ico() {
        byte[] png = image("png", 16, 16, 0x446688);
        ByteBuffer header = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0).putShort((short) 1).putShort((short) 1); // reserved, an icon, one image
        header.put((byte) 16).put((byte) 16).put((byte) 0).put((byte) 0); // its size, colours, reserved
        header.putShort((short) 1).putShort((short) 32).putInt(png.length).putInt(22); // planes, bits, bytes, where
        return concat(header.array(), png);
    }

    /** The start of a little-endian BigTIFF: its header and an empty directory (no Java writer makes one). */
    public static byte[] bigTiff() {
        return ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN).put(new byte[] {'I', 'I', 43, 0, 8, 0, 0, 0})
                .putLong(16).putLong(0).putLong(0).array();
    }

    /** The start of a JPEG XL file in its ISO BMFF container: the signature box, then a file type box. */
    public static byte[] jxl() {
        return concat(new byte[] {0, 0, 0, 0x0C, 'J', 'X', 'L', ' ', 0x0D, 0x0A, (byte) 0x87, 0x0A},
                ftyp("jxl ", "jxl "), new byte[64]);
    }

    /** The start of an ISO BMFF (HEIF, AVIF) file: its file type box of these brands, then a little of what follows. */
    public static byte[] ftyp(String major, String... compatible) {
        ByteBuffer box = ByteBuffer.allocate(16 + 4 * compatible.length);
        box.putInt(16 + 4 * compatible.length).put(ascii("ftyp")).put(ascii(major)).putInt(0);
        for (String brand : compatible) box.put(ascii(brand));
        return concat(box.array(), pngChunk("meta", new byte[40]));
    }

    /** A PNG chunk: its length, type, data and CRC-32. */
    public static byte[] pngChunk(String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(ascii(type));
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(ascii(type)).put(data)
                .putInt((int) crc.getValue()).array();
    }

    /** The bytes one after the other. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) out.writeBytes(part);
        return out.toByteArray();
    }

    // an 8-bit RGB image's header
    private static byte[] ihdr(int width, int height) {
        return ByteBuffer.allocate(13).putInt(width).putInt(height).put(new byte[] {8, 2, 0, 0, 0}).array();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A valid 1x1 PNG whose header is rewritten to declare that many pixels (a decompression bomb). */
    public static byte[] bomb(int width, int height) {
        byte[] out = image("png", 1, 1, 0);
        ByteBuffer header = ByteBuffer.wrap(out);
        header.putInt(16, width).putInt(20, height); // IHDR data starts at 16: signature 8, length 4, type 4
        CRC32 crc = new CRC32();
        crc.update(out, 12, 17);
        header.putInt(29, (int) crc.getValue());
        return out;
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }

    public static BufferedImage read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) throw new IOException(file + " is not an image ImageIO can read");
        return image;
    }

    public static BufferedImage read(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }
}
