package org.imageharvester.values;

/**
 * What the ledger tells the thumbnail stage about the images it keeps: whether a new image resembles one saved earlier
 * (each image's hash is kept for the next), which of two near ones stays, and that a link's file was not kept after
 * all.
 */
public interface KeptImages {

    /**
     * Keeps the image's hash and returns the earlier image (another link's own file, still there) whose hash is within
     * {@code maxDistance} bits of it, the nearest first; null when there is none ({@code maxDistance} below 0: none is
     * looked for). With {@code keepLarger}, it also decides, at once for every image judged side by side, which of
     * the two stays ({@link Image#isKeptOver}): the other one's hash leaves the images compared with, and the caller
     * removes its files and tells {@link #notKept}.
     */
    Earlier resemble(Image image, int maxDistance, boolean keepLarger) throws Exception;

    /**
     * Records that the link's file was removed, and why: the link is then asked for only if it changed (or, with no
     * validator to ask with, kept skipped), and its new body is tried again.
     */
    void notKept(String url, String reason) throws Exception;

    /**
     * An image on disk.
     *
     * @param url its link
     * @param file its file
     * @param hash its perceptual hash
     * @param width its width in pixels, 0 when not known
     * @param height its height in pixels, 0 when not known
     * @param bytes the size of its file
     */
    record Image(String url, String file, long hash, int width, int height, long bytes) {

        /** Its pixels (0 when its size is not known: smaller than any image whose size is). */
        public long pixels() {
            return (long) width * height;
        }

        /**
         * True when this image stays rather than {@code earlier}, which was judged before it: it has more pixels, or
         * as many and more bytes; on a tie the earlier one stays.
         */
        public boolean isKeptOver(Image earlier) {
            if (pixels() != earlier.pixels()) return pixels() > earlier.pixels();
            return bytes > earlier.bytes();
        }

        /** Its size as a person reads it: {@code 1600x1200}, or {@code an unknown size}. */
        public String size() {
            return pixels() == 0 ? "an unknown size" : width + "x" + height;
        }
    }

    /**
     * An image saved earlier that a new one resembles.
     *
     * @param image the earlier image
     * @param distance how many bits its hash differs by
     * @param replaced true when the new image stays and this one goes (its hash already out of those compared with)
     */
    record Earlier(Image image, int distance, boolean replaced) {

        /** The earlier image's link. */
        public String url() {
            return image.url();
        }

        /** The earlier image's file. */
        public String file() {
            return image.file();
        }
    }
}
