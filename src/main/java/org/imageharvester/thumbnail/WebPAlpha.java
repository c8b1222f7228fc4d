package org.imageharvester.thumbnail;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Puts a WebP's uncompressed alpha (an {@code ALPH} chunk of compression 0) into its decoded image: TwelveMonkeys 3.12
 * reads only the compressed kind and leaves this one opaque. The plane is read row by row (a few rows in memory),
 * unfiltered as the WebP container specification says (none, horizontal, vertical or gradient prediction), and every
 * k-th pixel of every k-th row kept, as the image was subsampled. A chunk that is malformed changes nothing.
 */
final class WebPAlpha {

    private WebPAlpha() {
    }

    /** Restores the alpha of {@code image}, decoded from the {@code width} x {@code height} WebP at 1/k. */
    static void restore(Path webp, BufferedImage image, int width, int height, int k) {
        WritableRaster alpha = image.getAlphaRaster();
        if (alpha == null) return;
        try (FileChannel file = FileChannel.open(webp)) {
            Chunks.Chunk chunk = Chunks.riff(file, "ALPH");
            if (chunk == null || chunk.length() < 1 + (long) width * height) return;
            ByteBuffer header = ByteBuffer.allocate(1);
            file.read(header, chunk.start());
            int flags = header.get(0);
            if ((flags & 3) != 0) return; // compressed: TwelveMonkeys decoded it
            InputStream in = new BufferedInputStream(Channels.newInputStream(file.position(chunk.start() + 1)));
            unfilter(in, flags >> 2 & 3, width, height, k, alpha);
        } catch (IOException e) {
            // a chunk that does not read: the rows read so far are kept, and the image is thumbnailed as it is
        }
    }

    private static void unfilter(InputStream in, int filter, int width, int height, int k, WritableRaster alpha)
            throws IOException {
        byte[] previous = null;
        byte[] filtered = new byte[width];
        byte[] row = new byte[width];
        int[] kept = new int[alpha.getWidth()];
        for (int y = 0; y < height; y++) {
            if (in.readNBytes(filtered, 0, width) < width) return;
            for (int x = 0; x < width; x++) row[x] = (byte) (filtered[x] + predictor(filter, row, previous, x));
            if (y % k == 0 && y / k < alpha.getHeight()) {
                for (int x = 0; x < kept.length; x++) kept[x] = row[Math.min(width - 1, x * k)] & 0xFF;
                alpha.setSamples(0, y / k, kept.length, 1, 0, kept);
            }
            previous = previous == null ? new byte[width] : previous;
            System.arraycopy(row, 0, previous, 0, width);
        }
    }

    // the first row predicts from the left (its first pixel from 0); a row's first pixel from the one above, except
    // with no filter
    private static int predictor(int filter, byte[] row, byte[] above, int x) {
        if (filter == 0) return 0;
        if (above == null) return x == 0 ? 0 : row[x - 1];
        if (x == 0 || filter == 2) return above[x];
        if (filter == 1) return row[x - 1];
        int gradient = (row[x - 1] & 0xFF) + (above[x] & 0xFF) - (above[x - 1] & 0xFF);
        return Math.max(0, Math.min(255, gradient));
    }
}
