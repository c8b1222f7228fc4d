package org.imageharvester.download;

import java.io.IOException;
import java.io.InputStream;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

import org.imageharvester.values.Deadline;
import org.imageharvester.values.NetworkText;

/**
 * Lets only real images through to disk, judged by their bytes, not by what the server calls them: the first bytes
 * must be a known image signature (whatever the Content-Type: CDNs and buckets serve images as
 * {@code application/octet-stream}, or as none), the rest must follow that format's structure as it streams (see
 * {@link StructureCheck}), and the body must not be empty, larger than {@code download.maxBytes} or arrive after its
 * link's deadline (see {@link TimeBudget}), whether the server states its length, lies about it or leaves it out.
 */
public final class ImageGuard {

    private long maxBytes;

    /** Sets {@code download.maxBytes}, the largest image kept. */
    public void setMaxBytes(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Checks a response before a byte of it is saved, and returns the body to save, which keeps checking as it is read.
     *
     * @param contentLength the stated length, or null when the server did not state it
     * @param contentType the stated type, or null: only quoted in a refusal
     * @param deadline the link's deadline, by which the whole body must have arrived
     */
    public InputStream check(@Body InputStream body, @Header("Content-Length") Long contentLength,
            @Header("Content-Type") String contentType, @ExchangeProperty("linkDeadline") Deadline deadline)
            throws IOException {
        try {
            if (contentLength != null && contentLength > maxBytes) throw new RejectedDownloadException("too large: "
                    + "Content-Length " + contentLength + " is over download.maxBytes (" + maxBytes + " bytes)");
            if (body == null || contentLength != null && contentLength == 0) throw empty();
            BoundedBody checked = BoundedBody.image(body, maxBytes, deadline);
            byte[] head = checked.head(ImageSignature.HEAD);
            if (head.length == 0) throw empty();
            String format = ImageSignature.of(head);
            if (format == null) throw new RejectedDownloadException("not an image: " + served(contentType)
                    + ", and its bytes are " + ContentSniffer.describe(more(checked, head)));
            checked.expect(format);
            return checked;
        } catch (IOException | RuntimeException e) {
            BoundedBody.abort(body);
            throw e;
        }
    }

    /** What the bytes of a body {@link #check} let through are (jpg, png, avif...): its file's extension. */
    public String format(@Body InputStream body) {
        return body instanceof BoundedBody checked ? checked.format() : null;
    }

    // the head, and as many more of the first bytes as have arrived (never waiting for them), for a longer look: an
    // SVG's root element may follow an XML prolog and a comment
    private static byte[] more(BoundedBody body, byte[] head) throws IOException {
        int arrived = (int) Math.min(ContentSniffer.HEAD, body.available());
        return arrived > head.length ? body.head(arrived) : head;
    }

    private static String served(String contentType) {
        return contentType == null ? "served with no Content-Type"
                : "served as '" + NetworkText.shorten(contentType, 100) + "'";
    }

    private static RejectedDownloadException empty() {
        return new RejectedDownloadException("empty: the server sent no bytes");
    }
}
