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

    /** A PNG whose signature is right and whose every byte after it is junk: it passes the download, never decodes. */
    public static byte[] corruptPng() {
        byte[] junk = new byte[600];
        new Random(3).nextBytes(junk);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        System.arraycopy(signature, 0, junk, 0, signature.length);
        return junk;
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
