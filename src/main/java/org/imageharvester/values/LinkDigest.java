package org.imageharvester.values;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 of a link, which no listing can make another link's: what an image's file name carries (its first 128
 * bits) and what a run remembers of each link it listed.
 */
public final class LinkDigest {

    // one digest per thread: looking one up by name each time cost more than the hash itself
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    });

    private LinkDigest() {
    }

    /** The 32 bytes of the link's SHA-256 (of its UTF-8). */
    public static byte[] of(String link) {
        return SHA_256.get().digest(link.getBytes(StandardCharsets.UTF_8));
    }
}
