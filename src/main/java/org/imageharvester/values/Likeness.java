package org.imageharvester.values;

/**
 * What an image looks like, as its 64-bit perceptual hash (dHash), and, for a near-duplicate, the image saved earlier
 * that it resembles.
 *
 * @param hash the image's dHash (as shown, its EXIF orientation applied)
 * @param like the earlier image's file, or null when it resembles none
 * @param likeUrl the link the earlier image came from, or null
 * @param likeThumbnail the earlier image's thumbnail, or null when it has none
 * @param distance the bits in which the two hashes differ (0-64), or -1 when it resembles none
 */
public record Likeness(long hash, String like, String likeUrl, String likeThumbnail, int distance) {

    /** An image's hash, resembling nothing (yet). */
    public static Likeness of(long hash) {
        return new Likeness(hash, null, null, null, -1);
    }

    /** This image, near the earlier one. */
    public Likeness near(String earlier, String earlierUrl, String earlierThumbnail, int bits) {
        return new Likeness(hash, earlier, earlierUrl, earlierThumbnail, bits);
    }
}
