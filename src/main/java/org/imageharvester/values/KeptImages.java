package org.imageharvester.values;

/**
 * What the ledger tells the thumbnail stage about the images it keeps: whether a new image resembles one saved earlier
 * (each image's hash is kept for the next), and that a link's file was not kept after all.
 */
public interface KeptImages {

    /**
     * Keeps the image's hash and returns the earlier image (another link's, its file still there) whose hash is
     * within {@code maxDistance} bits of it, the nearest first; null when there is none ({@code maxDistance} below 0:
     * none is looked for).
     */
    Earlier resemble(String url, String file, long hash, int maxDistance) throws Exception;

    /**
     * Records that the link's file was removed, and why: the link is then asked for only if it changed (or, with no
     * validator to ask with, kept skipped), and its new body is tried again.
     */
    void notKept(String url, String reason) throws Exception;

    /** An image saved earlier: its link, its file and how many bits its hash differs by. */
    record Earlier(String url, String file, int distance) {
    }
}
