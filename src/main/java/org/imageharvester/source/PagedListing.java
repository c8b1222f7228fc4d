package org.imageharvester.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.imageharvester.values.ListedLink;
import org.imageharvester.values.NetworkText;
import org.imageharvester.values.Source;

/**
 * The links of one source, page after page, each page read only once the downloads have taken the links of the one
 * before (so memory holds one page, however many there are). It ends at the last page, at {@code maxPages}, at a page
 * that points back to one read before (a loop), at the source's {@code limit}, or after {@code stopAfterKnown} links
 * in a row the ledger holds, or once the harvest has stopped (the disk, its time); {@link #note()} says which. A page
 * that cannot be read ends it too, as a failure naming the page, and the links read before it are still done.
 */
final class PagedListing implements Iterator<ListedLink>, Closeable {

    /** Reads one page of a source (through the guarded listing route). */
    interface PageReader {
        Page read(Source source, String url, int number) throws Exception;
    }

    private final Source source;
    private final PageReader reader;
    private final Predicate<String> known;
    private final BooleanSupplier stopped;
    private final int maxLinkLength;
    private final Set<String> seen = new HashSet<>();
    private Page page;
    private int pages;
    private long linksOfPage;
    private long taken;
    private int knownInARow;
    private boolean ended;
    private volatile String note;

    PagedListing(Source source, PageReader reader, Predicate<String> known, int maxLinkLength,
            BooleanSupplier stopped) {
        this.stopped = stopped;
        this.source = source;
        this.reader = reader;
        this.known = known;
        this.maxLinkLength = maxLinkLength;
    }

    @Override
    public synchronized boolean hasNext() {
        try {
            while (!ended) {
                if (page == null) {
                    open(source.firstUrl());
                } else if (page.links().hasNext()) {
                    return true;
                } else {
                    String next = nextUrl();
                    page.close();
                    page = null;
                    if (next == null) {
                        end(null);
                    } else {
                        open(next);
                    }
                }
            }
            return false;
        } catch (IOException e) {
            end(null);
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized ListedLink next() {
        if (!hasNext()) throw new NoSuchElementException();
        ListedLink link = page.links().next();
        linksOfPage++;
        taken++;
        if (source.limit() > 0 && taken >= source.limit()) {
            end("stopped at the source's limit of " + source.limit() + " links");
        } else if (source.stopAfterKnown() > 0 && known != null) {
            knownInARow = known.test(link.url()) ? knownInARow + 1 : 0;
            if (knownInARow >= source.stopAfterKnown()) {
                end("stopped on page " + pages + " after " + knownInARow + " links in a row already in the ledger"
                        + " (stopAfterKnown): the rest is from earlier harvests");
            }
        }
        return link;
    }

    // the next page's URL, or null at the end (with the reason in the note)
    private String nextUrl() throws IOException {
        String next;
        if (source.numbered()) {
            if (linksOfPage == 0) return null; // the first empty page ends a numbered listing
            next = source.pageUrl(source.firstPage() + pages);
        } else {
            next = page.next();
        }
        if (next == null) return null;
        if (stopped.getAsBoolean()) {
            note = "not read past page " + pages + ": the harvest stopped";
            return null;
        }
        if (pages >= source.maxPages()) {
            note = "stopped after source.maxPages (" + source.maxPages() + ") pages; the listing goes on";
            return null;
        }
        if (seen.contains(next)) {
            note = "page " + pages + " points back to a page read before: the listing ends there";
            return null;
        }
        boolean web = next.regionMatches(true, 0, "http://", 0, 7) || next.regionMatches(true, 0, "https://", 0, 8);
        if (next.length() > maxLinkLength || !(web || source.local() && next.startsWith("file:"))) {
            throw new PageException("page " + pages + " names a next page that is not an http(s) URL of at most "
                    + maxLinkLength + " characters: " + NetworkText.shorten(next, 200));
        }
        return next;
    }

    private void open(String url) throws IOException {
        pages++;
        seen.add(url);
        linksOfPage = 0;
        try {
            page = reader.read(source, url, pages);
        } catch (Exception e) {
            page = null;
            if (pages == 1) throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            // (no cause: the report gives the root cause's reason, and this one names the page)
            throw new PageException("page " + pages + " (" + NetworkText.shorten(url,
                    200) + "): " + NetworkText.reason(e));
        }
        if (page == null) throw new PageException("page " + pages + " gave no links");
    }

    private void end(String why) {
        if (why != null && note == null) note = why;
        ended = true;
        try {
            close();
        } catch (IOException ignored) {
            // a page already read
        }
    }

    /** How many pages were read (or tried). */
    int pages() {
        return pages;
    }

    /** Why the listing ended before its last page, or null. */
    String note() {
        return note;
    }

    @Override
    public void close() throws IOException {
        Page current = page;
        if (current != null) current.close();
    }
}
