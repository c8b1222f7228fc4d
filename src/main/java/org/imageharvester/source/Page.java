package org.imageharvester.source;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;

import org.imageharvester.values.ListedLink;

/**
 * One page of a listing: its links (a lines page is read as they are taken) and where the page itself says the next
 * one is (a {@code Link: rel="next"} header, a JSON next-page URL or cursor, an HTML or Atom {@code rel="next"} link),
 * or null; and, for a page read as its links are taken, the response to close with it.
 */
public record Page(Iterator<ListedLink> links, String next, Closeable response) implements Closeable {

    public Page(Iterator<ListedLink> links, String next) {
        this(links, next, null);
    }

    /** True when the page is read as its links are taken: its response stays open until it is closed. */
    public boolean streamed() {
        return links instanceof Closeable;
    }

    /** The same page, closing {@code response} when it is closed. */
    Page closing(Closeable response) {
        return new Page(links, next, response);
    }

    @Override
    public void close() throws IOException {
        try {
            if (links instanceof Closeable closeable) closeable.close();
        } finally {
            if (response != null) response.close();
        }
    }
}
