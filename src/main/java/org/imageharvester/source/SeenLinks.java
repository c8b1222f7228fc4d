package org.imageharvester.source;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import org.imageharvester.values.LinkDigest;

/**
 * The links a run has listed, each remembered as a 128-bit digest whatever its length (about 80 bytes a link, where
 * the link itself took up to {@code source.maxLinkLength}), the least recently listed forgotten past a bound.
 */
final class SeenLinks {

    private final Map<Digest, Boolean> digests;

    SeenLinks(int max) {
        digests = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Digest, Boolean> eldest) {
                return size() > max;
            }
        };
    }

    /** Remembers a link; false when it was remembered already. */
    synchronized boolean add(String link) {
        return digests.putIfAbsent(Digest.of(link), Boolean.TRUE) == null;
    }

    /** True when this link is remembered. */
    synchronized boolean contains(String link) {
        return digests.containsKey(Digest.of(link));
    }

    /** How many links are remembered. */
    synchronized int size() {
        return digests.size();
    }

    /** Forgets every link. */
    synchronized void clear() {
        digests.clear();
    }

    // SHA-256 cut to 128 bits: a listing cannot make one link pass for another (as it could with a plain hash)
    private record Digest(long high, long low) {

        static Digest of(String link) {
            ByteBuffer sha = ByteBuffer.wrap(LinkDigest.of(link));
            return new Digest(sha.getLong(), sha.getLong());
        }
    }
}
