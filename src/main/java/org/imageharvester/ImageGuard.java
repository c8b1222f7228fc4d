package org.imageharvester;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Lets only real images through to disk: the response must say {@code image/*}, its first bytes must be a known image
 * signature, and it must not be empty, larger than {@code download.maxBytes} or slower than
 * {@code download.totalTimeout}, whether the server states its length, lies about it or leaves it out.
 */
public final class ImageGuard {

    private static final int HEAD = 16;

    private long maxBytes = 100L * 1024 * 1024;
    private long totalTimeout = 120_000;

    /** Sets {@code download.maxBytes}, the largest image kept. */
    public void setMaxBytes(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Sets {@code download.totalTimeout}, in milliseconds: the longest a body may take to arrive. */
    public void setTotalTimeout(long totalTimeout) {
        this.totalTimeout = totalTimeout;
    }

    /**
     * Checks a response before a byte of it is saved, and returns the body to save, which keeps checking as it is read.
     *
     * @param contentLength the stated length, or null when the server did not state it
     */
    public InputStream check(InputStream body, Long contentLength, String contentType) throws IOException {
        try {
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).strip().startsWith("image/")) {
                throw new RejectedDownloadException("not an image: the server sent Content-Type '" + contentType + "'");
            }
            if (contentLength != null && contentLength > maxBytes) throw new RejectedDownloadException("too large: "
                    + "Content-Length " + contentLength + " is over download.maxBytes (" + maxBytes + " bytes)");
            if (body == null || contentLength != null && contentLength == 0) throw empty();
            BoundedBody checked = new BoundedBody(body, maxBytes, totalTimeout);
            byte[] head = checked.head(HEAD);
            if (head.length == 0) throw empty();
            if (ImageSignature.of(head) == null) throw new RejectedDownloadException("not an image: served as "
                    + contentType + ", but its first bytes are no known image format");
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
