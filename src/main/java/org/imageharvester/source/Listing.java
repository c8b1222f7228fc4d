package org.imageharvester.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The links of one listing, as the split takes them. A listing that breaks off while it is read (over a cap, too slow,
 * cut) ends there and keeps why: the links read before are still done, every download in flight finishes, and only then
 * does the run report the listing as failed.
 */
public final class Listing implements Iterator<String>, Closeable {

    private final Iterator<String> links;
    private volatile Exception failure;

    Listing(Iterator<String> links) {
        this.links = links;
    }

    @Override
    public boolean hasNext() {
        if (failure != null) return false;
        try {
            return links.hasNext();
        } catch (RuntimeException e) {
            failure = e instanceof UncheckedIOException broken ? broken.getCause() : e;
            return false;
        }
    }

    @Override
    public String next() {
        if (!hasNext()) throw new NoSuchElementException();
        return links.next();
    }

    /** Why the listing broke off before its end, or null when it was read whole (so far). */
    public Exception getFailure() {
        return failure;
    }

    @Override
    public void close() throws IOException {
        if (links instanceof Closeable closeable) closeable.close();
    }
}
