package org.imageharvester.ledger;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The keys a ledger table holds, as a Bloom filter: "never seen" is certain, "perhaps" sends the question to the
 * database. A link no run has seen (every link of a first run, every new one of a nightly run) then costs no query.
 * Filled from the table at start-up on a thread of its own; until it is full, every key is "perhaps". Its size is fixed
 * when the ledger opens, from the table's row count, and capped: a ledger that outgrows it only asks the database
 * more often.
 */
final class SeenKeys {

    // about 1 % false "perhaps" at the expected count; 8 MB at most
    private static final int BITS_PER_KEY = 10;
    private static final int HASHES = 7;
    private static final long MIN_BITS = 1L << 20;
    private static final long MAX_BITS = 1L << 26;
    private static final long SEED_1 = 0x9E3779B97F4A7C15L;
    private static final long SEED_2 = 0xC2B2AE3D27D4EB4FL;

    private final AtomicLongArray words;
    private final long bits;
    private volatile boolean complete;

    /** A filter for about {@code expected} keys (the table's rows and room for as many again). */
    SeenKeys(long expected) {
        long wanted = Math.max(MIN_BITS, Math.min(MAX_BITS, expected * BITS_PER_KEY));
        words = new AtomicLongArray((int) ((wanted + 63) / 64));
        bits = words.length() * 64L;
    }

    void add(String key) {
        long h1 = hash(key, SEED_1);
        long h2 = hash(key, SEED_2) | 1;
        for (int i = 0; i < HASHES; i++) {
            long bit = bit(h1, h2, i);
            int word = (int) (bit >>> 6);
            long mask = 1L << bit;
            long old = words.get(word);
            while ((old & mask) == 0 && !words.compareAndSet(word, old, old | mask)) old = words.get(word);
        }
    }

    /** False only when the key is certainly not in the table (and the filter has been filled). */
    boolean mayHold(String key) {
        if (!complete || key == null) return true;
        long h1 = hash(key, SEED_1);
        long h2 = hash(key, SEED_2) | 1;
        for (int i = 0; i < HASHES; i++) {
            long bit = bit(h1, h2, i);
            if ((words.get((int) (bit >>> 6)) & (1L << bit)) == 0) return false;
        }
        return true;
    }

    // the i-th of the key's bits (double hashing)
    private long bit(long h1, long h2, int i) {
        return Math.floorMod(h1 + i * h2, bits);
    }

    /** Called once every row of the table has been added: from now on "never seen" is answered. */
    void filled() {
        complete = true;
    }

    boolean isFilled() {
        return complete;
    }

    // FNV-1a over the characters, then a 64-bit finaliser (murmur3's): two of these, seeded apart, for double hashing
    private static long hash(String key, long seed) {
        long h = seed;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }
}
