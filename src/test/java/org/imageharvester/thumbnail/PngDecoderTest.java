package org.imageharvester.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every PNG colour type and bit depth, plain and Adam7-interlaced, each row under another of the five filters: the
 * test encodes samples it chose itself and checks every kept pixel against them (grey as sRGB grey, 16 bits by their
 * high byte, tRNS as transparency), at full size and at every k-th pixel.
 */
class PngDecoderTest {

    private static final int W = 37;
    private static final int H = 23;

    @TempDir
    Path work;

    @ParameterizedTest(name = "colour type {0}, {1} bits, interlaced {2}")
    @CsvSource({
        "0, 1, false", "0, 2, false", "0, 4, false", "0, 8, false", "0, 16, false",
        "2, 8, false", "2, 16, false", "3, 1, false", "3, 2, false", "3, 4, false", "3, 8, false",
        "4, 8, false", "4, 16, false", "6, 8, false", "6, 16, false",
        "0, 1, true", "0, 8, true", "0, 16, true", "2, 8, true", "2, 16, true", "3, 4, true", "3, 8, true",
        "4, 8, true", "4, 16, true", "6, 8, true", "6, 16, true",
    })
    void decodes_every_kept_pixel_as_encoded(int colourType, int depth, boolean interlaced) throws Exception {
        Png png = new Png(colourType, depth, new Random(colourType * 100 + depth));
        Path file = work.resolve("t.png");
        Files.write(file, png.encode(interlaced, false));
        PngDecoder.Header header = PngDecoder.header(file);
        assertEquals(new PngDecoder.Header(W, H, depth, colourType, interlaced), header);
        for (int k : new int[] {1, 2, 3, 5}) {
            BufferedImage image = PngDecoder.decode(file, header, k);
            assertEquals((W + k - 1) / k, image.getWidth());
            assertEquals((H + k - 1) / k, image.getHeight());
            for (int y = 0; y < H; y += k) {
                for (int x = 0; x < W; x += k) {
                    int expected = png.argb(x, y);
                    int actual = image.getRGB(x / k, y / k);
                    if (expected >>> 24 == 0) {
                        assertEquals(0, actual >>> 24, "alpha at " + x + "," + y + " k " + k);
                    } else {
                        assertEquals(Integer.toHexString(expected), Integer.toHexString(actual),
                                "pixel " + x + "," + y + " at k " + k);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "colour type {0}, {1} bits")
    @CsvSource({"0, 8", "0, 16", "2, 8", "2, 16", "3, 8"})
    void takes_the_trns_colour_as_transparent(int colourType, int depth) throws Exception {
        Png png = new Png(colourType, depth, new Random(7));
        png.transparentAt(3, 4);
        Path file = work.resolve("t.png");
        Files.write(file, png.encode(false, true));
        BufferedImage image = PngDecoder.decode(file, PngDecoder.header(file), 1);
        assertEquals(0, image.getRGB(3, 4) >>> 24);
        int opaque = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) opaque += image.getRGB(x, y) >>> 24 == 0xff ? 1 : 0;
        }
        assertTrue(opaque > W * H / 2, "only the tRNS colour is transparent: " + opaque + " opaque");
    }

    @Test
    void a_png_cut_short_is_corrupt_with_a_reason() throws Exception {
        byte[] whole = new Png(2, 8, new Random(1)).encode(false, false);
        Path file = work.resolve("cut.png");
        Files.write(file, Arrays.copyOf(whole, whole.length - 300));
        UndecodableImageException e = assertThrows(UndecodableImageException.class,
                () -> PngDecoder.decode(file, PngDecoder.header(file), 1));
        assertTrue(e.getMessage().startsWith("corrupt PNG: "), e.getMessage());
    }

    @Test
    void a_row_with_an_unknown_filter_is_corrupt() throws Exception {
        Png png = new Png(2, 8, new Random(2));
        png.badFilter = true;
        Path file = work.resolve("bad.png");
        Files.write(file, png.encode(false, false));
        UndecodableImageException e = assertThrows(UndecodableImageException.class,
                () -> PngDecoder.decode(file, PngDecoder.header(file), 1));
        assertEquals("corrupt PNG: a row has filter type 7, which PNG does not have", e.getMessage());
    }

    @Test
    void a_file_that_is_not_a_png_has_no_header() throws Exception {
        Path file = work.resolve("x.png");
        Files.writeString(file, "<html>not a png, however it is named</html>");
        assertEquals(null, PngDecoder.header(file));
    }

    // an image of random samples, and the PNG of it
    private static final class Png {
        private final int colourType;
        private final int depth;
        private final int channels;
        private final int[][][] samples = new int[H][W][];
        private final int[] palette = new int[1 << 8];
        private final Random random;
        private int[] transparent;
        private boolean badFilter;

        Png(int colourType, int depth, Random random) {
            this.colourType = colourType;
            this.depth = depth;
            this.random = random;
            this.channels = switch (colourType) {
                case 2 -> 3;
                case 4 -> 2;
                case 6 -> 4;
                default -> 1;
            };
            int max = (1 << depth) - 1;
            for (int i = 0; i < palette.length; i++) palette[i] = random.nextInt(1 << 24);
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    int[] s = new int[channels];
                    // smooth ramps with noise, as a photograph's rows are, so that every filter has work to do
                    for (int c = 0; c < channels; c++) {
                        s[c] = Math.min(max, Math.max(0, (x * 7 + y * 5 + c * 31) * max / 400 + random.nextInt(3)));
                    }
                    samples[y][x] = s;
                }
            }
        }

        void transparentAt(int x, int y) {
            transparent = samples[y][x].clone();
        }

        int argb(int x, int y) {
            int[] s = samples[y][x];
            int top = depth == 16 ? 8 : 0;
            int alpha = transparent != null && Arrays.equals(s, transparent) ? 0 : 0xff;
            return switch (colourType) {
                case 0 -> alpha << 24 | grey(s[0]) * 0x010101;
                case 2 -> alpha << 24 | (s[0] >> top) << 16 | (s[1] >> top) << 8 | s[2] >> top;
                case 3 -> alpha << 24 | palette[s[0]];
                case 4 -> (s[1] >> top) << 24 | (s[0] >> top) * 0x010101;
                default -> (s[3] >> top) << 24 | (s[0] >> top) << 16 | (s[1] >> top) << 8 | s[2] >> top;
            };
        }

        private int grey(int sample) {
            return depth == 16 ? sample >> 8 : sample * 255 / ((1 << depth) - 1);
        }

        byte[] encode(boolean interlaced, boolean trns) throws IOException {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            int[][] passes = interlaced
                    ? new int[][] {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2},
                        {0, 1, 1, 2}}
                    : new int[][] {{0, 0, 1, 1}};
            int bpp = Math.max(1, channels * depth / 8);
            int row = 0;
            for (int[] p : passes) {
                int pw = (W - p[0] + p[2] - 1) / p[2];
                int ph = (H - p[1] + p[3] - 1) / p[3];
                if (pw <= 0 || ph <= 0) continue;
                byte[] above = new byte[(pw * channels * depth + 7) / 8];
                for (int j = 0; j < ph; j++) {
                    byte[] line = pack(p, pw, p[1] + j * p[3]);
                    int filter = badFilter && row == 3 ? 7 : row % 5;
                    raw.write(filter);
                    raw.write(filter(line, above, filter % 5, bpp));
                    above = line;
                    row++;
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
            byte[] ihdr = new byte[13];
            put(ihdr, 0, W);
            put(ihdr, 4, H);
            ihdr[8] = (byte) depth;
            ihdr[9] = (byte) colourType;
            ihdr[12] = (byte) (interlaced ? 1 : 0);
            chunk(png, "IHDR", ihdr);
            chunk(png, "tEXt", "Comment\0a chunk the decoder skips".getBytes(StandardCharsets.ISO_8859_1));
            if (colourType == 3) {
                byte[] plte = new byte[3 << depth];
                for (int i = 0; i < 1 << depth; i++) {
                    plte[3 * i] = (byte) (palette[i] >> 16);
                    plte[3 * i + 1] = (byte) (palette[i] >> 8);
                    plte[3 * i + 2] = (byte) palette[i];
                }
                chunk(png, "PLTE", plte);
            }
            if (trns) chunk(png, "tRNS", trnsChunk());
            Deflater deflater = new Deflater();
            deflater.setInput(raw.toByteArray());
            deflater.finish();
            byte[] buffer = new byte[1 << 16];
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            while (!deflater.finished()) data.write(buffer, 0, deflater.deflate(buffer));
            byte[] z = data.toByteArray();
            // the data in two IDAT chunks, as encoders that write as they go do
            chunk(png, "IDAT", Arrays.copyOf(z, z.length / 2));
            chunk(png, "IDAT", Arrays.copyOfRange(z, z.length / 2, z.length));
            chunk(png, "IEND", new byte[0]);
            return png.toByteArray();
        }

        private byte[] trnsChunk() {
            if (colourType == 3) {
                byte[] alpha = new byte[transparent[0] + 1];
                Arrays.fill(alpha, (byte) 0xff);
                alpha[transparent[0]] = 0;
                return alpha;
            }
            byte[] t = new byte[2 * transparent.length];
            for (int c = 0; c < transparent.length; c++) {
                t[2 * c] = (byte) (transparent[c] >> 8);
                t[2 * c + 1] = (byte) transparent[c];
            }
            return t;
        }

        private byte[] pack(int[] pass, int pw, int y) {
            byte[] line = new byte[(pw * channels * depth + 7) / 8];
            int bit = 0;
            for (int i = 0; i < pw; i++) {
                for (int sample : samples[y][pass[0] + i * pass[2]]) {
                    if (depth == 16) {
                        line[bit / 8] = (byte) (sample >> 8);
                        line[bit / 8 + 1] = (byte) sample;
                    } else {
                        line[bit / 8] |= (byte) (sample << (8 - depth - bit % 8));
                    }
                    bit += depth;
                }
            }
            return line;
        }

        private static byte[] filter(byte[] line, byte[] above, int type, int bpp) {
            byte[] out = new byte[line.length];
            for (int i = 0; i < line.length; i++) {
                int a = i >= bpp ? line[i - bpp] & 0xff : 0;
                int b = above[i] & 0xff;
                int c = i >= bpp ? above[i - bpp] & 0xff : 0;
                int predicted = switch (type) {
                    case 1 -> a;
                    case 2 -> b;
                    case 3 -> (a + b) / 2;
                    case 4 -> paeth(a, b, c);
                    default -> 0;
                };
                out[i] = (byte) (line[i] - predicted);
            }
            return out;
        }

        // as the PNG standard writes it
        private static int paeth(int a, int b, int c) {
            int p = a + b - c;
            int pa = Math.abs(p - a);
            int pb = Math.abs(p - b);
            int pc = Math.abs(p - c);
            if (pa <= pb && pa <= pc) return a;
            return pb <= pc ? b : c;
        }

        private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
            byte[] head = new byte[8];
            put(head, 0, data.length);
            System.arraycopy(type.getBytes(StandardCharsets.US_ASCII), 0, head, 4, 4);
            png.write(head, 0, 8);
            png.write(data, 0, data.length);
            CRC32 crc = new CRC32();
            crc.update(head, 4, 4);
            crc.update(data);
            byte[] sum = new byte[4];
            put(sum, 0, (int) crc.getValue());
            png.write(sum, 0, 4);
        }

        private static void put(byte[] b, int at, int v) {
            b[at] = (byte) (v >>> 24);
            b[at + 1] = (byte) (v >>> 16);
            b[at + 2] = (byte) (v >>> 8);
            b[at + 3] = (byte) v;
        }
    }
}
