package org.imageharvester.scaleout;

import org.imageharvester.values.Likeness;
import org.imageharvester.values.Outcome;

/**
 * One outcome of a worker's answer as it came over the network, before {@link AnswerCheck} judges it.
 *
 * @param kind what became of the link or thumbnail, as the worker names it
 * @param url the link (for a thumbnail: the image file)
 * @param detail the saved file, the thumbnail, or the reason; or null
 * @param status the HTTP status of a failed link's last response, or null
 * @param bytes the size of a saved file, or null
 * @param image of a near-duplicate or an image that does not decode: its file; else null
 * @param like of a near-duplicate: the earlier image's file; else null
 * @param likeUrl of a near-duplicate: the earlier image's link; else null
 * @param likeThumbnail of a near-duplicate: the earlier image's thumbnail, or null
 * @param distance of a near-duplicate: the bits its hash differs from the earlier one's in; else null
 */
public record AnswerLine(String kind, String url, String detail, Integer status, Long bytes, String image,
        String like, String likeUrl, String likeThumbnail, Integer distance) {

    /** An outcome that judges no image (all but a near-duplicate's and an undecodable image's). */
    public AnswerLine(String kind, String url, String detail, Integer status, Long bytes) {
        this(kind, url, detail, status, bytes, null, null, null, null, null);
    }

    /** The outcome it tells of (once checked: its kind is then one the harvester knows). */
    public Outcome outcome() {
        Likeness near = like == null ? null : new Likeness(0, like, likeUrl, likeThumbnail,
                distance == null ? -1 : distance);
        return Outcome.answered(kind, url, detail, status, bytes, image, near);
    }
}
