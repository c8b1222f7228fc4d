package org.imageharvester.ledger;

import java.util.Arrays;

/**
 * The perceptual hashes of the images the ledger holds, in memory (8 bytes an image: 800 KB for 100,000), for finding
 * those within a few bits of a new one: a scan of them all with one XOR and one bit count each, which takes well under
 * a millisecond at 100,000 and needs no index that a distance setting could outgrow. Thread-safe.
 */
final class NearIndex {

    private long[] hashes = new long[1024];
    private int size;

    synchronized void add(long hash) {
        if (size == hashes.length) hashes = Arrays.copyOf(hashes, size * 2);
        hashes[size++] = hash;
    }

    /** Forgets one image of this hash (a dropped near-duplicate's); false when none is held. */
    synchronized boolean remove(long hash) {
        for (int i = 0; i < size; i++) {
            if (hashes[i] == hash) {
                hashes[i] = hashes[--size];
                return true;
            }
        }
        return false;
    }

    synchronized int size() {
        return size;
    }

    synchronized boolean contains(long hash) {
        for (int i = 0; i < size; i++) {
            if (hashes[i] == hash) return true;
        }
        return false;
    }

    /** The distinct hashes within {@code distance} bits of this one, the nearest first (none below 0). */
    synchronized long[] within(long hash, int distance) {
        if (distance < 0) return new long[0];
        long[] near = new long[8];
        int found = 0;
        for (int i = 0; i < size; i++) {
            if (Long.bitCount(hashes[i] ^ hash) <= distance) {
                if (found == near.length) near = Arrays.copyOf(near, found * 2);
                near[found++] = hashes[i];
            }
        }
        return Arrays.stream(near, 0, found).distinct().boxed()
                .sorted((a, b) -> Integer.compare(Long.bitCount(a ^ hash), Long.bitCount(b ^ hash)))
                .mapToLong(Long::longValue).toArray();
    }
}
