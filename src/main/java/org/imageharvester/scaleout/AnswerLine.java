package org.imageharvester.scaleout;

import org.imageharvester.values.Outcome;

/**
 * One outcome of a worker's answer as it came over the network, before {@link AnswerCheck} judges it.
 *
 * @param kind what became of the link or thumbnail, as the worker names it
 * @param url the link (for a thumbnail: the image file)
 * @param detail the saved file, the thumbnail, or the reason; or null
 * @param status the HTTP status of a failed link's last response, or null
 * @param bytes the size of a saved file, or null
 */
public record AnswerLine(String kind, String url, String detail, Integer status, Long bytes) {

    /** The outcome it tells of (once checked: its kind is then one the harvester knows). */
    public Outcome outcome() {
        return Outcome.answered(kind, url, detail, status, bytes);
    }
}
