package org.imageharvester.values;

/**
 * What an image looks like, as its 64-bit perceptual hash (dHash) and its size in pixels, and, for a near-duplicate,
 * the image saved earlier that it resembles.
 *
 * @param hash the image's dHash (as shown, its EXIF orientation applied)
 * @param like the earlier image's file, or null when it resembles none
 * @param likeUrl the link the earlier image came from, or null
 * @param likeThumbnail the earlier image's thumbnail, or null when it has none
 * @param distance the bits in which the two hashes differ (0-64), or -1 when it resembles none
 * @param width the image's width in pixels as its header declares it, or 0 when not known
 * @param height the image's height in pixels, or 0 when not known
 */
public record Likeness(long hash, String like, String likeUrl, String likeThumbnail, int distance, int width,
        int height) {

    /** A likeness whose image's size is not known (a worker's answer does not carry it). */
    public Likeness(long hash, String like, String likeUrl, String likeThumbnail, int distance) {
        this(hash, like, likeUrl, likeThumbnail, distance, 0, 0);
    }

    /** An image's hash, resembling nothing (yet). */
    public static Likeness of(long hash) {
        return of(hash, 0, 0);
    }

    /** An image's hash and size in pixels, resembling nothing (yet). */
    public static Likeness of(long hash, int width, int height) {
        return new Likeness(hash, null, null, null, -1, width, height);
    }

    /** This image, near the earlier one. */
    public Likeness near(String earlier, String earlierUrl, String earlierThumbnail, int bits) {
        return new Likeness(hash, earlier, earlierUrl, earlierThumbnail, bits, width, height);
    }
}
