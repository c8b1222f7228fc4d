package org.imageharvester.values;

/**
 * A link the ledger holds (its answer to {@code lookup}): the file it was saved as, and the validators to ask the
 * server whether it changed since.
 *
 * @param file the saved file (still there when the ledger hands this out, unless dropped)
 * @param etag the ETag of the response it came in, quotes kept, or null
 * @param lastModified its Last-Modified, or null
 * @param dropped why its file was removed (a near-duplicate, an image that does not decode), or null when it is kept
 * @param copyOf the link that owns {@code file} when this link's bytes were the same as its (this link's own copy
 *     was deleted), or null when the file is this link's own: a later body of a copy is saved under a name of its own
 */
public record Known(String file, String etag, String lastModified, String dropped, String copyOf) {

    /** A link whose file is its own and kept. */
    public Known(String file, String etag, String lastModified) {
        this(file, etag, lastModified, null, null);
    }

    /** A link whose file is its own, kept or removed on purpose ({@code dropped}). */
    public Known(String file, String etag, String lastModified, String dropped) {
        this(file, etag, lastModified, dropped, null);
    }

    /** True when the file is this link's own (not the file of another link whose bytes it had). */
    public boolean ownsFile() {
        return file != null && copyOf == null;
    }

    /** True when the server can be asked whether the image changed (it gave a validator); else it is kept as it is. */
    public boolean askable() {
        return etag != null || lastModified != null;
    }
}
