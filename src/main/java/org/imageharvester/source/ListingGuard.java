package org.imageharvester.source;

import java.io.InputStream;

import org.imageharvester.download.BoundedBody;

/**
 * Bounds a listing as it is read, like an image: at most {@code source.maxBytes} bytes (counted after gzip or deflate
 * are undone, so a compression bomb is cut off too) and at most {@code download.totalTimeout} spent waiting for its
 * bytes (a listing that drips a byte a second ends the run's listing there). Past the run's deadline it is still read
 * to its end, quickly, so every link it holds is counted as not attempted. The connection itself is the guarded one
 * (routes/harvest.camel.yaml), so every redirect hop is judged by the address guard.
 */
public final class ListingGuard {

    private long maxBytes;
    private long totalTimeout;

    /** Sets {@code source.maxBytes}: the largest listing read, after decompression. */
    public void setMaxBytes(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Sets {@code download.totalTimeout}, in milliseconds: the longest the listing's bytes may take to arrive. */
    public void setTotalTimeout(long totalTimeout) {
        this.totalTimeout = totalTimeout;
    }

    /** The listing's body, bounded as it is read. */
    public InputStream bound(InputStream listing) {
        return BoundedBody.listing(listing, maxBytes, totalTimeout);
    }
}
