package org.imageharvester.values;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What became of one link or one thumbnail: the one thing the per-image routes hand on, through
 * {@code direct:outcome}, to the run's report (or, on a worker, to the broker as its answer).
 *
 * @param kind what became of it
 * @param url the link (for a thumbnail: the image file it was made from)
 * @param detail the saved file, the thumbnail file, or the reason
 * @param status the HTTP status of the last response of a failed link, or null
 * @param bytes the size of a saved file (of one removed again: the size the run takes back from its saved bytes, 0
 *     for an image an earlier run saved)
 * @param image the image file on disk, saved now or in an earlier run, whose thumbnail may be wanted; else null (of a
 *     near-duplicate or an image that does not decode: its file, kept or removed)
 * @param likeness of a thumbnail: the image's perceptual hash; of a near-duplicate: the earlier image it resembles
 */
public record Outcome(Kind kind, String url, String detail, Integer status, long bytes, String image,
        Likeness likeness) {

    /** What became of a link or a thumbnail; its label is how reports and a worker's answers name it. */
    public enum Kind {
        SAVED("saved"), SKIPPED("skipped"), FAILED("failed"), THUMBNAIL("thumbnail"),
        THUMBNAIL_FAILED("thumbnail-failed"),
        /** A saved image within dedup.nearDistance of one saved earlier, kept (dedup.near=report). */
        NEAR_DUPLICATE("near-duplicate"),
        /**
         * A saved image within dedup.nearDistance of one saved earlier, removed as the smaller of the two
         * (dedup.near=drop).
         */
        NEAR_DROPPED("near-dropped"),
        /**
         * An image saved earlier (by this run or an earlier one), removed for a larger near-duplicate of it saved now
         * (dedup.near=drop): the outcome of the earlier image's link, not of a thumbnail.
         */
        NEAR_REPLACED("near-replaced"),
        /** A saved image that does not decode, kept (download.keepUndecodable=true). */
        UNDECODABLE("undecodable"),
        /** A saved image that does not decode, removed (download.keepUndecodable=false). */
        UNDECODABLE_REMOVED("undecodable-removed"),
        /**
         * A saved image of a format with no decoder here (AVIF without libheif, JPEG XL): kept without a thumbnail, not
         * a failure of its link.
         */
        NO_THUMBNAIL("no-thumbnail"),
        /** A link of a harvest that stopped (the disk, harvest.maxDuration) before it was attempted. */
        NOT_ATTEMPTED("not-attempted");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** How reports and answers name it. */
        public String label() {
            return label;
        }

        /** True for the outcome of a thumbnail rather than a link (each saved image has one). */
        public boolean ofThumbnail() {
            return this == THUMBNAIL || this == THUMBNAIL_FAILED || this == NEAR_DUPLICATE || this == NEAR_DROPPED
                    || this == UNDECODABLE || this == UNDECODABLE_REMOVED || this == NO_THUMBNAIL;
        }

        /**
         * True for an outcome that judges the image itself (a near-duplicate, an undecodable image, one with no decoder
         * here; all a thumbnail's but the thumbnail made or failed): its url is the link, and it names the image file.
         */
        public boolean judgesTheImage() {
            return this == NEAR_REPLACED || ofThumbnail() && this != THUMBNAIL && this != THUMBNAIL_FAILED;
        }

        /** True for a saved image whose file the harvest removed again (a near-duplicate, an undecodable image). */
        public boolean removesTheImage() {
            return this == NEAR_DROPPED || this == NEAR_REPLACED || this == UNDECODABLE_REMOVED;
        }

        /** True for one of two near images: the one kept beside the other, or the one removed. */
        public boolean isNear() {
            return this == NEAR_DUPLICATE || this == NEAR_DROPPED || this == NEAR_REPLACED;
        }

        /** The kind of that label, or null (a worker's answer may name anything). */
        public static Kind of(String label) {
            for (Kind kind : values()) {
                if (kind.label.equals(label)) return kind;
            }
            return null;
        }
    }

    /** An outcome with no likeness (all but a thumbnail's and a near-duplicate's). */
    public Outcome(Kind kind, String url, String detail, Integer status, long bytes, String image) {
        this(kind, url, detail, status, bytes, image, null);
    }

    /** A link skipped on purpose, with the reason. */
    public static Outcome skipped(String url, String reason) {
        return new Outcome(Kind.SKIPPED, url, reason, null, 0, null);
    }

    /** A link not attempted because the harvest stopped. */
    public static Outcome notAttempted(String url) {
        return new Outcome(Kind.NOT_ATTEMPTED, url, null, null, 0, null);
    }

    /** A link just saved as {@code file}, or skipped when its bytes are those of {@code duplicateOf}'s file. */
    public static Outcome saved(String url, String file, String duplicateOf) throws IOException {
        if (duplicateOf != null) return skipped(url, "same bytes as " + duplicateOf);
        return new Outcome(Kind.SAVED, url, file, null, Files.size(Path.of(file)), file);
    }

    /**
     * A link the ledger holds in {@code file}: saved by this run when the file was written since the run began (a job
     * redelivered after its worker died after saving it), else skipped, with the reason.
     */
    public static Outcome alreadySaved(String url, String file, String reason, Instant runBegan) throws IOException {
        if (file == null) return skipped(url, reason); // a 304 the harvester did not ask for
        Path saved = Path.of(file);
        // removed since it was looked up (a larger near-duplicate replaced it meanwhile): nothing to thumbnail
        if (!Files.isRegularFile(saved)) return skipped(url, reason);
        if (runBegan != null && !Files.getLastModifiedTime(saved).toInstant().isBefore(runBegan)) {
            return new Outcome(Kind.SAVED, url, file, null, Files.size(saved), file);
        }
        return new Outcome(Kind.SKIPPED, url, reason, null, 0, file);
    }

    /** A link that could not be saved. */
    public static Outcome failed(String url, Throwable cause, Integer status) {
        return new Outcome(Kind.FAILED, url, NetworkText.reason(cause), status, 0, null);
    }

    /** A thumbnail written for {@code image}. */
    public static Outcome thumbnail(String image, Path thumbnail) {
        return new Outcome(Kind.THUMBNAIL, image, thumbnail.toString(), null, 0, null);
    }

    /** A thumbnail written for {@code image}, whose perceptual hash and size in pixels its decode gave. */
    public static Outcome thumbnail(String image, Path thumbnail, long hash, int width, int height) {
        Likeness likeness = Likeness.of(hash, width, height);
        return new Outcome(Kind.THUMBNAIL, image, thumbnail.toString(), null, 0, null, likeness);
    }

    /**
     * The image of {@code url}, whose thumbnail this is, is a near-duplicate of an earlier image ({@code near}); kept
     * with its thumbnail, or removed with it ({@code removed}).
     */
    public static Outcome nearDuplicate(String url, Outcome thumbnail, long bytes, Likeness near, boolean removed) {
        return new Outcome(removed ? Kind.NEAR_DROPPED : Kind.NEAR_DUPLICATE, url, removed ? null : thumbnail.detail(),
                null, bytes, thumbnail.url(), near);
    }

    /**
     * The image of {@code url}, whose thumbnail this is, was removed with it as the smaller of two near-duplicates
     * ({@code near}: the one kept), for that reason.
     */
    public static Outcome nearDropped(String url, Outcome thumbnail, long bytes, Likeness near, String reason) {
        return new Outcome(Kind.NEAR_DROPPED, url, reason, null, bytes, thumbnail.url(), near);
    }

    /**
     * The image {@code file} of {@code url}, saved earlier, was removed for a larger near-duplicate saved now ({@code
     * near}: the one kept), for that reason; {@code bytes} is its size when this run saved it (and counted it saved),
     * else 0.
     */
    public static Outcome nearReplaced(String url, String file, long bytes, Likeness near, String reason) {
        return new Outcome(Kind.NEAR_REPLACED, url, reason, null, bytes, file, near);
    }

    /** The image {@code file} of {@code url} does not decode, for that reason; kept, or {@code removed}. */
    public static Outcome undecodable(String url, String file, long bytes, String reason, boolean removed) {
        return new Outcome(removed ? Kind.UNDECODABLE_REMOVED : Kind.UNDECODABLE, url, reason, null, bytes, file);
    }

    /** The image {@code file} of {@code url} is of a format with no decoder here ({@code reason}): kept. */
    public static Outcome noThumbnail(String url, String file, long bytes, String reason) {
        return new Outcome(Kind.NO_THUMBNAIL, url, reason, null, bytes, file);
    }

    /** A saved image that could not be thumbnailed (the image itself stays). */
    public static Outcome thumbnailFailed(String image, Throwable cause) {
        return new Outcome(Kind.THUMBNAIL_FAILED, image, NetworkText.reason(cause), null, 0, null);
    }

    /** An outcome a worker answered (the scheduler has checked it first: {@code AnswerCheck}). */
    public static Outcome answered(String kind, String url, String detail, Integer status, Long bytes) {
        return answered(kind, url, detail, status, bytes, null, null);
    }

    /**
     * An outcome a worker answered, with the image file of a near-duplicate or an undecodable image, and what a
     * near-duplicate resembles (checked first: {@code AnswerCheck}).
     */
    public static Outcome answered(String kind, String url, String detail, Integer status, Long bytes, String image,
            Likeness likeness) {
        Kind known = Kind.of(kind);
        boolean named = known != null && known.judgesTheImage();
        return new Outcome(known, url, detail, status, bytes == null ? 0 : bytes, named ? image : null,
                named ? likeness : null);
    }

    /** True for a link saved by this run. */
    public boolean isSaved() {
        return kind == Kind.SAVED;
    }

    /**
     * True for an image this run counted saved and then removed (a near-duplicate, an image that does not decode): the
     * run counts it saved no more.
     */
    public boolean unsaves() {
        return kind == Kind.NEAR_REPLACED ? bytes > 0 : kind.removesTheImage();
    }
}
