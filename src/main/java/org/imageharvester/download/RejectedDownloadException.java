package org.imageharvester.download;

import java.io.IOException;

import org.imageharvester.values.Deadline;

/**
 * A download refused for good: not an image, too large, too slow, empty, or an HTTP status that no retry will change.
 * It is an {@link IOException} so a body stream can raise it mid-read; it is never retried.
 */
public class RejectedDownloadException extends IOException {

    public RejectedDownloadException(String reason) {
        super(reason);
    }

    /** Fails what is about to start once the deadline has passed (none: never). */
    public static void check(Deadline deadline) throws RejectedDownloadException {
        if (deadline != null && deadline.passed()) throw new RejectedDownloadException(deadline.reason());
    }
}
