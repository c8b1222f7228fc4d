package org.imageharvester;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Image files assembled byte by byte for tests, with what encoders rarely write but the web serves: PNG chunks (any
 * colour type, 16-bit, Adam7, tRNS, eXIf before or after the image data), WebP chunks (VP8X, an uncompressed filtered
 * ALPH, EXIF after the image data), TIFF and BigTIFF with the orientation tag, GIF frames placed on a larger screen,
 * icons of several sizes.
 */
public final class RawImages {

    private RawImages() {
    }

    /** One pixel's samples, in the colour type's order (grey; grey, alpha; R, G, B; R, G, B, alpha). */
    public interface Samples {
        int[] at(int x, int y);
    }

    /**
     * A PNG of that colour type (0 grey, 2 RGB, 4 grey and alpha, 6 RGBA) and bit depth (8 or 16), Adam7-interlaced
     * or not; {@code before} and {@code after} are whole chunks ({@link #chunk}) put around the image data.
     */
    public static byte[] png(int width, int height, int colourType, int bitDepth, boolean interlaced, Samples pixels,
            byte[] before, byte[] after) {
        int channels = switch (colourType) {
            case 0 -> 1;
            case 4 -> 2;
            case 2 -> 3;
            default -> 4;
        };
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        // Adam7's passes: first column and row, then the steps between columns and between rows
        int[][] passes = interlaced ? new int[][] {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4},
            {1, 0, 2, 2}, {0, 1, 1, 2}} : new int[][] {{0, 0, 1, 1}};
        for (int[] pass : passes) {
            for (int y = pass[1]; y < height; y += pass[3]) {
                if (pass[0] >= width) break;
                raw.write(0); // no filter
                for (int x = pass[0]; x < width; x += pass[2]) {
                    int[] samples = pixels.at(x, y);
                    for (int c = 0; c < channels; c++) {
                        if (bitDepth == 16) raw.write(samples[c] >> 8);
                        raw.write(samples[c]);
                    }
                }
            }
        }
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth)
                .put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) (interlaced ? 1 : 0));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        png.writeBytes(chunk("IHDR", header.array()));
        png.writeBytes(before);
        png.writeBytes(chunk("IDAT", deflate(raw.toByteArray())));
        png.writeBytes(after);
        png.writeBytes(chunk("IEND", new byte[0]));
        return png.toByteArray();
    }

    /** A PNG chunk: its length, type, data and CRC. */
    public static byte[] chunk(String type, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length).putInt(data.length)
                .put(type.getBytes(StandardCharsets.US_ASCII)).put(data);
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 4, 4 + data.length);
        return chunk.putInt((int) crc.getValue()).array();
    }

    /** An EXIF block holding only IFD0's orientation: a TIFF header, then the IFD. */
    public static byte[] exif(int orientation, boolean bigEndian) {
        return bigEndian
                ? new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation,
                    0, 0, 0, 0, 0, 0}
                : new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte) orientation, 0,
                    0, 0, 0, 0, 0, 0};
    }

    /** A WebP of these RIFF chunks ({@link #riff}). */
    public static byte[] webp(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        for (byte[] chunk : chunks) body.writeBytes(chunk);
        ByteBuffer file = ByteBuffer.allocate(8 + body.size()).order(ByteOrder.LITTLE_ENDIAN);
        file.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(body.size()).put(body.toByteArray());
        return file.array();
    }

    /** A RIFF chunk: its four letters, little-endian length and data, padded to an even length. */
    public static byte[] riff(String fourCc, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        return chunk.put(fourCc.getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data).array();
    }

    /** The extended header chunk of a WebP that size: its flags say alpha (0x10) and EXIF (0x08). */
    public static byte[] vp8x(int flags, int width, int height) {
        ByteBuffer data = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).putInt(flags);
        data.put((byte) (width - 1)).put((byte) (width - 1 >> 8)).put((byte) (width - 1 >> 16));
        data.put((byte) (height - 1)).put((byte) (height - 1 >> 8)).put((byte) (height - 1 >> 16));
        return riff("VP8X", data.array());
    }

    /** The image chunk (VP8 or VP8L, whole) of a simple WebP, such as the test resources in formats/. */
    public static byte[] bitstream(String resource) {
        try (InputStream in = RawImages.class.getResourceAsStream(resource)) {
            byte[] webp = in.readAllBytes();
            return Arrays.copyOfRange(webp, 12, webp.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An uncompressed ALPH chunk: each alpha filtered by its predictor (0 none, 1 horizontal, 2 vertical, 3
     * gradient) as the WebP container specification says, the first row from the left, the first column from above.
     */
    public static byte[] alph(int filter, int width, int height, Samples alpha) {
        byte[] data = new byte[1 + width * height];
        data[0] = (byte) (filter << 2);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int left = x > 0 ? alpha.at(x - 1, y)[0] : y > 0 ? alpha.at(0, y - 1)[0] : 0;
                int above = y > 0 ? alpha.at(x, y - 1)[0] : left;
                int predictor = switch (filter) {
                    case 1 -> left;
                    case 2 -> y > 0 ? above : left;
                    case 3 -> x == 0 || y == 0 ? left
                            : Math.max(0, Math.min(255, left + above - alpha.at(x - 1, y - 1)[0]));
                    default -> 0;
                };
                data[1 + y * width + x] = (byte) (alpha.at(x, y)[0] - predictor);
            }
        }
        return riff("ALPH", data);
    }

    /**
     * An uncompressed RGB TIFF (or BigTIFF) of the picture, with the orientation tag; its IFD0 after the pixels, as
     * many writers put it.
     */
    public static byte[] tiff(BufferedImage picture, int orientation, boolean big) {
        int w = picture.getWidth();
        int h = picture.getHeight();
        int header = big ? 16 : 8;
        int pixels = w * h * 3;
        int bits = header + pixels;
        int ifd = bits + 6 + (bits & 1);
        int[][] entries = {{256, 3, 1, w}, {257, 3, 1, h}, {258, 3, 3, bits}, {259, 3, 1, 1}, {262, 3, 1, 2},
            {273, 4, 1, header}, {274, 3, 1, orientation}, {277, 3, 1, 3}, {278, 3, 1, h}, {279, 4, 1, pixels}};
        int entrySize = big ? 20 : 12;
        ByteBuffer file = ByteBuffer.allocate(ifd + (big ? 16 : 6) + entries.length * entrySize)
                .order(ByteOrder.LITTLE_ENDIAN);
        file.put(new byte[] {'I', 'I'}).putShort((short) (big ? 43 : 42));
        if (big) file.putShort((short) 8).putShort((short) 0).putLong(ifd);
        else file.putInt(ifd);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = picture.getRGB(x, y);
                file.put((byte) (rgb >> 16)).put((byte) (rgb >> 8)).put((byte) rgb);
            }
        }
        file.putShort(bits, (short) 8).putShort(bits + 2, (short) 8).putShort(bits + 4, (short) 8).position(ifd);
        if (big) file.putLong(entries.length);
        else file.putShort((short) entries.length);
        for (int[] e : entries) {
            file.putShort((short) e[0]).putShort((short) e[1]);
            if (big) file.putLong(e[2]);
            else file.putInt(e[2]);
            int value = file.position();
            // (a BigTIFF holds BitsPerSample's three shorts in the entry itself)
            if (big && e[2] == 3) file.putShort((short) 8).putShort((short) 8).putShort((short) 8);
            else if (e[1] == 3 && e[2] == 1) file.putShort((short) e[3]);
            else file.putInt(e[3]);
            file.position(value + (big ? 8 : 4));
        }
        if (big) file.putLong(0);
        else file.putInt(0);
        return file.array();
    }

    /**
     * A GIF whose logical screen is {@code screenWidth} x {@code screenHeight} and whose only frame, the picture, is
     * placed at {@code left}, {@code top}.
     */
    public static byte[] gif(BufferedImage frame, int screenWidth, int screenHeight, int left, int top) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream();
                ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            ImageTypeSpecifier type = ImageTypeSpecifier.createFromRenderedImage(frame);
            IIOMetadata image = writer.getDefaultImageMetadata(type, param);
            String imageFormat = image.getNativeMetadataFormatName();
            IIOMetadataNode descriptor = new IIOMetadataNode("ImageDescriptor");
            descriptor.setAttribute("imageLeftPosition", Integer.toString(left));
            descriptor.setAttribute("imageTopPosition", Integer.toString(top));
            descriptor.setAttribute("imageWidth", Integer.toString(frame.getWidth()));
            descriptor.setAttribute("imageHeight", Integer.toString(frame.getHeight()));
            descriptor.setAttribute("interlaceFlag", "FALSE");
            IIOMetadataNode imageTree = new IIOMetadataNode(imageFormat);
            imageTree.appendChild(descriptor);
            image.mergeTree(imageFormat, imageTree);
            IIOMetadata screenMetadata = writer.getDefaultStreamMetadata(param);
            String streamFormat = screenMetadata.getNativeMetadataFormatName();
            IIOMetadataNode screen = new IIOMetadataNode("LogicalScreenDescriptor");
            screen.setAttribute("logicalScreenWidth", Integer.toString(screenWidth));
            screen.setAttribute("logicalScreenHeight", Integer.toString(screenHeight));
            screen.setAttribute("colorResolution", "8");
            screen.setAttribute("pixelAspectRatio", "0");
            IIOMetadataNode streamTree = new IIOMetadataNode(streamFormat);
            streamTree.appendChild(screen);
            screenMetadata.mergeTree(streamFormat, streamTree);
            writer.setOutput(stream);
            writer.write(screenMetadata, new IIOImage(frame, null, image), param);
            stream.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** An icon file (type 1: ICO, 2: CUR) holding these PNGs, in this order, as its entries. */
    public static byte[] icon(int type, BufferedImage... sizes) {
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        ByteBuffer directory = ByteBuffer.allocate(6 + 16 * sizes.length).order(ByteOrder.LITTLE_ENDIAN);
        directory.putShort((short) 0).putShort((short) type).putShort((short) sizes.length);
        for (BufferedImage image : sizes) {
            byte[] png = png(image);
            directory.put((byte) image.getWidth()).put((byte) image.getHeight()).put((byte) 0).put((byte) 0);
            directory.putShort((short) (type == 2 ? 0 : 1)).putShort((short) (type == 2 ? 0 : 32));
            directory.putInt(png.length).putInt(6 + 16 * sizes.length + images.size());
            images.writeBytes(png);
        }
        ByteArrayOutputStream icon = new ByteArrayOutputStream();
        icon.writeBytes(directory.array());
        icon.writeBytes(images.toByteArray());
        return icon.toByteArray();
    }

    /** A picture of that size: one colour, with a square of another in its top left corner. */
    public static BufferedImage marked(int width, int height, int colour, int mark) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(colour, true));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(mark, true));
        g.fillRect(0, 0, Math.max(1, width / 4), Math.max(1, height / 4));
        g.dispose();
        return image;
    }

    /** The image as a PNG, through ImageIO. */
    public static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] deflate(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out)) {
            deflater.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
