package org.imageharvester.download;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

import org.imageharvester.values.Deadline;
import org.imageharvester.values.NetworkText;

/**
 * Lets only real images through to disk: the response must say {@code image/*}, its first bytes must be a known image
 * signature, and it must not be empty, larger than {@code download.maxBytes} or arrive after its link's deadline (see
 * {@link TimeBudget}), whether the server states its length, lies about it or leaves it out.
 */
public final class ImageGuard {

    private static final int HEAD = 16;

    private long maxBytes;

    /** Sets {@code download.maxBytes}, the largest image kept. */
    public void setMaxBytes(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Checks a response before a byte of it is saved, and returns the body to save, which keeps checking as it is read.
     *
     * @param contentLength the stated length, or null when the server did not state it
     * @param deadline the link's deadline, by which the whole body must have arrived
     */
    public InputStream check(@Body InputStream body, @Header("Content-Length") Long contentLength,
            @Header("Content-Type") String contentType, @ExchangeProperty("linkDeadline") Deadline deadline)
            throws IOException {
        try {
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).strip().startsWith("image/")) {
                throw new RejectedDownloadException("not an image: the server sent Content-Type '"
                        + NetworkText.shorten(contentType, 100) + "'");
            }
            if (contentLength != null && contentLength > maxBytes) throw new RejectedDownloadException("too large: "
                    + "Content-Length " + contentLength + " is over download.maxBytes (" + maxBytes + " bytes)");
            if (body == null || contentLength != null && contentLength == 0) throw empty();
            BoundedBody checked = BoundedBody.image(body, maxBytes, deadline);
            byte[] head = checked.head(HEAD);
            if (head.length == 0) throw empty();
            if (ImageSignature.of(head) == null) throw new RejectedDownloadException("not an image: served as "
                    + NetworkText.shorten(contentType, 100) + ", but its first bytes are no known image format");
            return checked;
        } catch (IOException | RuntimeException e) {
            BoundedBody.abort(body);
            throw e;
        }
    }

    private static RejectedDownloadException empty() {
        return new RejectedDownloadException("empty: the server sent no bytes");
    }
}
