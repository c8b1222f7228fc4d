package org.imageharvester.thumbnail;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;

import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * The 64-bit difference hash (dHash) of an image as it is shown: its pixels averaged into a grid of 9 x 8 grey cells
 * (transparency over white, its EXIF orientation applied), then one bit per pair of neighbours in a row, set when the
 * left cell is darker than the right. Made from the pixels already decoded for the thumbnail: a copy at another size
 * or JPEG quality differs in a few bits, another photo (or a crop of this one) in many. At most 64 x 64 samples (some
 * 60 a cell) are read, whatever the decoded size.
 */
public final class PerceptualHash {

    private static final int COLUMNS = 9;
    private static final int ROWS = 8;
    private static final int SAMPLES = 64;
    // a grid whose cells differ by less than this many grey levels (of 255) is plain: no hash, compared with nothing
    private static final double PLAIN = 3;
    // a hash with fewer ones (or zeros) than this tells only that the picture darkens (or brightens) from left to right
    // (a gradient, a sky with a sun): it would be near every other such picture. Of the demo gallery's 30 drawn skies,
    // 14 have fewer; the rest are 8 bits or more from each other, as photos are
    private static final int FEWEST_BITS = 8;

    private PerceptualHash() {
    }

    /**
     * The image's hash, or null when it is too small or too plain to tell apart from others: one colour (or nearly),
     * or little but a gradient.
     */
    public static Long of(BufferedImage image, Orientation orientation) {
        int w = image.getWidth();
        int h = image.getHeight();
        int o = orientation == null ? 1 : orientation.ordinal() + 1;
        boolean swapped = o >= 5;
        int stepX = Math.max(1, w / SAMPLES);
        int stepY = Math.max(1, h / SAMPLES);
        // the cell each sampled column and row falls in, as shown: (5-8) turn the image a quarter, (2, 3, 6, 7) flip
        // what is shown left to right, (3, 4, 7, 8) top to bottom
        boolean flipColumns = o == 2 || o == 3 || o == 6 || o == 7;
        boolean flipRows = o == 3 || o == 4 || o == 7 || o == 8;
        int[] ofX = new int[w];
        int[] ofY = new int[h];
        for (int x = 0; x < w; x += stepX) {
            ofX[x] = swapped ? cell(x, w, ROWS, flipRows) * COLUMNS : cell(x, w, COLUMNS, flipColumns);
        }
        for (int y = 0; y < h; y += stepY) {
            ofY[y] = swapped ? cell(y, h, COLUMNS, flipColumns) : cell(y, h, ROWS, flipRows) * COLUMNS;
        }
        long[] sums = new long[COLUMNS * ROWS];
        int[] counts = new int[COLUMNS * ROWS];
        Row pixels = new Row(image);
        for (int y = 0; y < h; y += stepY) {
            pixels.read(y);
            for (int x = 0; x < w; x += stepX) {
                int cell = ofX[x] + ofY[y];
                sums[cell] += grey(pixels.argb(x));
                counts[cell]++;
            }
        }
        double[] means = new double[COLUMNS * ROWS];
        double darkest = Double.MAX_VALUE;
        double brightest = -1;
        for (int i = 0; i < means.length; i++) {
            if (counts[i] == 0) return null; // an image narrower than the grid
            means[i] = (double) sums[i] / counts[i];
            darkest = Math.min(darkest, means[i]);
            brightest = Math.max(brightest, means[i]);
        }
        if (brightest - darkest < PLAIN) return null;
        long hash = 0;
        for (int row = 0; row < ROWS; row++) {
            for (int column = 0; column < COLUMNS - 1; column++) {
                int left = row * COLUMNS + column;
                hash = hash << 1 | (means[left] < means[left + 1] ? 1 : 0);
            }
        }
        int ones = Long.bitCount(hash);
        return ones < FEWEST_BITS || ones > 64 - FEWEST_BITS ? null : hash;
    }

    /** How many bits two hashes differ in (0: the same grid of light and dark; 64: its negative). */
    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    // a row of pixels as (A)RGB: an int layout's row is copied at once (an array copy); a byte layout's sampled pixels
    // are read one by one (copying a whole row of bytes costs some 7 times more: 150 against 17 us an image of
    // 1600 x 1067), others through getRGB
    private static final class Row {
        private final BufferedImage image;
        private final Raster raster;
        private final int type;
        private int[] ints;
        private byte[] bytes;
        private int y;

        Row(BufferedImage image) {
            this.image = image;
            this.raster = image.getRaster();
            int t = image.getType();
            boolean rows = t == BufferedImage.TYPE_INT_RGB || t == BufferedImage.TYPE_INT_ARGB
                    || t == BufferedImage.TYPE_3BYTE_BGR || t == BufferedImage.TYPE_4BYTE_ABGR
                    || t == BufferedImage.TYPE_BYTE_GRAY;
            this.type = rows ? t : BufferedImage.TYPE_CUSTOM;
        }

        void read(int row) {
            y = row;
            if (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB) {
                ints = (int[]) raster.getDataElements(0, row, raster.getWidth(), 1, ints);
            }
        }

        int argb(int x) {
            if (type == BufferedImage.TYPE_INT_RGB) return 0xff000000 | ints[x];
            if (type == BufferedImage.TYPE_INT_ARGB) return ints[x];
            if (type == BufferedImage.TYPE_CUSTOM) return image.getRGB(x, y);
            bytes = (byte[]) raster.getDataElements(x, y, bytes);
            // (a raster's data elements come in band order, R G B (A), whatever the bytes' order in memory)
            return switch (type) {
                case BufferedImage.TYPE_3BYTE_BGR -> 0xff000000 | (bytes[0] & 0xff) << 16 | (bytes[1] & 0xff) << 8
                        | bytes[2] & 0xff;
                case BufferedImage.TYPE_4BYTE_ABGR -> (bytes[3] & 0xff) << 24 | (bytes[0] & 0xff) << 16
                        | (bytes[1] & 0xff) << 8 | bytes[2] & 0xff;
                default -> 0xff000000 | (bytes[0] & 0xff) * 0x010101; // TYPE_BYTE_GRAY
            };
        }
    }

    private static int cell(int position, int length, int cells, boolean flip) {
        int shown = flip ? length - 1 - position : position;
        return (int) ((long) shown * cells / length);
    }

    // luma in 0..255 x 256 (ITU-R 601 weights), a transparent pixel as white
    private static int grey(int argb) {
        int alpha = argb >>> 24;
        int luma = 77 * (argb >> 16 & 0xff) + 150 * (argb >> 8 & 0xff) + 29 * (argb & 0xff);
        return alpha == 255 ? luma : (luma * alpha + 255 * 256 * (255 - alpha)) / 255;
    }
}
