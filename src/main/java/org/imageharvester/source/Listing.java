package org.imageharvester.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

import org.imageharvester.values.ListedLink;

/**
 * The links of one listing, as the split takes them. A listing that breaks off while it is read (over a cap, too slow,
 * cut) ends there and keeps why: the links read before are still done, every download in flight finishes, and only then
 * does the run report the listing as failed.
 */
public final class Listing implements Iterator<ListedLink>, Closeable {

    private final PagedListing links;
    private volatile Exception failure;

    Listing(PagedListing links) {
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
    public ListedLink next() {
        if (!hasNext()) throw new NoSuchElementException();
        return links.next();
    }

    /** How many pages of the source were read (or tried). */
    public int pages() {
        return links.pages();
    }

    /** Why the listing ended before its last page (a limit, a loop, links known already), or null. */
    public String note() {
        return links.note();
    }

    /** Why the listing broke off before its end, or null when it was read whole (so far). */
    public Exception getFailure() {
        return failure;
    }

    @Override
    public void close() throws IOException {
        links.close();
    }
}
