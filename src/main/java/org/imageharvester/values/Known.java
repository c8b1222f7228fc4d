package org.imageharvester.values;

/**
 * A link the ledger holds (its answer to {@code lookup}): the file it was saved as, and the validators to ask the
 * server whether it changed since.
 *
 * @param file the saved file (still there when the ledger hands this out, unless dropped)
 * @param etag the ETag of the response it came in, quotes kept, or null
 * @param lastModified its Last-Modified, or null
 * @param dropped why its file was removed (a near-duplicate, an image that does not decode), or null when it is kept
 */
public record Known(String file, String etag, String lastModified, String dropped) {

    /** A link whose file is kept. */
    public Known(String file, String etag, String lastModified) {
        this(file, etag, lastModified, null);
    }

    /** True when the server can be asked whether the image changed (it gave a validator); else it is kept as it is. */
    public boolean askable() {
        return etag != null || lastModified != null;
    }
}
