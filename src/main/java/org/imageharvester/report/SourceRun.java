package org.imageharvester.report;

import java.util.concurrent.atomic.AtomicLong;

import org.imageharvester.values.Outcome;
import org.imageharvester.values.Source;
import org.imageharvester.values.UrlMask;

/**
 * One source's part of a harvest: its links' outcomes, how many pages were read, why its listing ended early; its URL
 * and every link and reason as the runner shows them (their secret parts {@code ***}).
 */
public final class SourceRun {

    final String name;
    final String url;
    final UrlMask mask;
    final AtomicLong listed = new AtomicLong();
    final AtomicLong saved = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    // counted as its pages are read, one after another on the source's own thread; set from the listing at its end
    volatile int pages;
    volatile String note;
    volatile String error;
    // the last link that failed and why (the status page shows them while the run goes on)
    volatile String lastFailedUrl;
    volatile String lastFailure;

    SourceRun(Source source) {
        this.name = source.name();
        this.url = source.shownUrl();
        this.mask = source.mask();
    }

    void count(Outcome outcome) {
        switch (outcome.kind()) {
            case SAVED -> {
                saved.incrementAndGet();
                bytes.addAndGet(outcome.bytes());
            }
            case SKIPPED, NOT_ATTEMPTED -> skipped.incrementAndGet();
            case FAILED -> {
                failed.incrementAndGet();
                lastFailedUrl = mask.mask(outcome.url());
                lastFailure = mask.mask(outcome.detail());
            }
            // saved, then removed: a near-duplicate is skipped, an image that does not decode failed (one an earlier
            // run saved was never counted saved by this one)
            case NEAR_DROPPED, NEAR_REPLACED, UNDECODABLE_REMOVED -> {
                if (!outcome.unsaves()) return;
                saved.decrementAndGet();
                bytes.addAndGet(-outcome.bytes());
                if (outcome.kind() != Outcome.Kind.UNDECODABLE_REMOVED) {
                    skipped.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    lastFailedUrl = mask.mask(outcome.url());
                    lastFailure = mask.mask(outcome.detail());
                }
            }
            default -> {
                // thumbnails are the run's
            }
        }
    }

    long done() {
        return saved.get() + skipped.get() + failed.get();
    }

    /** The source's figures as the report keeps them. */
    public record Summary(String name, String url, int pages, long listed, long saved, long skipped, long failed,
            long bytes, String note, String error) {

        /** True when its listing was read to its end (or to where it was told to stop). */
        public boolean read() {
            return error == null;
        }

        @Override
        public String toString() {
            if (error != null) return name + ": could not read its listing (" + error + "), " + listed + " listed, "
                    + saved + " saved";
            return name + ": " + listed + " listed, " + saved + " saved, " + skipped + " skipped, " + failed + " failed"
                    + (note == null ? "" : " (" + note + ")");
        }
    }

    Summary summary() {
        return new Summary(name, url, pages, listed.get(), saved.get(), skipped.get(), failed.get(), bytes.get(), note,
                error);
    }
}
