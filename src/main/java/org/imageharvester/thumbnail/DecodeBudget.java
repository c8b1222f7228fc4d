package org.imageharvester.thumbnail;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;

/**
 * Shares {@code thumbnail.decodeMemory}, the heap bytes images may take while they are decoded and scaled, among all
 * thumbnail threads: a decode waits until its bytes are free, and one that alone needs more is refused.
 */
final class DecodeBudget {

    // permits are ints: counted in KiB, a budget of up to 2 TB fits
    private static final long KIB = 1024;

    private final long bytes;
    // fair: a large decode waiting for room is not overtaken forever by a stream of small ones
    private final Semaphore free;

    DecodeBudget(long bytes) {
        if (bytes < 1) throw new IllegalArgumentException("thumbnail.decodeMemory must be at least 1, not " + bytes);
        this.bytes = bytes;
        this.free = new Semaphore(kib(bytes), true);
    }

    /** What a decode holds until its thumbnail is written. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits until the bytes of decoding a {@code width} x {@code height} raster are free, and takes them until the
     * lease is closed; refuses, without waiting, an image that needs more than the whole budget.
     */
    Lease acquire(long width, long height, int bytesPerPixel) throws IOException {
        return acquire(width, height, bytesPerPixel, 0);
    }

    /** As {@link #acquire(long, long, int)}, with {@code working} bytes more that the decoder itself holds. */
    Lease acquire(long width, long height, int bytesPerPixel, long working) throws IOException {
        // the decoded raster, and as much again for Thumbnailator's scaling steps and its output image (a double:
        // a header may declare sizes whose product overflows a long)
        double need = 2.0 * width * height * bytesPerPixel + working;
        if (need > bytes) throw new IOException("refused: the image needs " + mb(need) + " MB to decode, over"
                + " thumbnail.decodeMemory (" + mb(bytes) + " MB), at " + width + "x" + height + " pixels (the scale"
                + " its thumbnail needs); it was not decoded");
        int permits = kib((long) need);
        try {
            free.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stopped while waiting for thumbnail.decodeMemory");
        }
        return () -> free.release(permits);
    }

    private static int kib(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, (bytes + KIB - 1) / KIB);
    }

    private static long mb(double bytes) {
        return (long) Math.ceil(bytes / (1 << 20));
    }
}
