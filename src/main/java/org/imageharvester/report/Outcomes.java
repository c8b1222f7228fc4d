package org.imageharvester.report;

import java.io.IOException;
import java.time.Instant;

import org.apache.camel.ExchangeProperty;

import org.imageharvester.values.Known;
import org.imageharvester.values.Outcome;

/**
 * The route steps' way to an {@link Outcome}, as a bean in the registry ({@code outcomes}): a step calling a class's
 * static method instead ({@code beanType}) made Camel introspect that class again on every call, and keep each result.
 */
public final class Outcomes {

    /** A link the ledger holds without a validator to ask with: its file is kept as it is. */
    public Outcome keptAsIs(@ExchangeProperty("imageUrl") String url, @ExchangeProperty("known") Known known,
            @ExchangeProperty("runBegan") Instant runBegan) throws IOException {
        if (known != null && known.dropped() != null) return notKept(url, known, "no validator to ask if it changed");
        if (known != null && known.copyOf() != null) return Outcome.skipped(url, "same bytes as " + known.copyOf());
        return Outcome.alreadySaved(url, known == null ? null : known.file(), "saved in an earlier run", runBegan);
    }

    /** A link the server says has not changed since it was saved (304). */
    public Outcome unchanged(@ExchangeProperty("imageUrl") String url, @ExchangeProperty("known") Known known,
            @ExchangeProperty("runBegan") Instant runBegan) throws IOException {
        if (known != null && known.dropped() != null) return notKept(url, known, "unchanged since");
        if (known != null && known.copyOf() != null) return Outcome.skipped(url, "same bytes as " + known.copyOf());
        return Outcome.alreadySaved(url, known == null ? null : known.file(), "unchanged since the last run", runBegan);
    }

    // a link whose file an earlier run removed (a near-duplicate, an image that does not decode): skipped, saying why
    private static Outcome notKept(String url, Known known, String how) {
        return Outcome.skipped(url, "removed by an earlier run (" + known.dropped() + "), " + how);
    }

    /** A link not attempted because the harvest stopped (the report says why, once, and how many). */
    public Outcome notAttempted(@ExchangeProperty("imageUrl") String url) {
        return Outcome.notAttempted(url);
    }

    /** A link skipped, with the reason. */
    public Outcome skipped(String url, String reason) {
        return Outcome.skipped(url, reason);
    }

    /** A link that could not be saved. */
    public Outcome failed(String url, Throwable cause, Integer status) {
        return Outcome.failed(url, cause, status);
    }

    /** A saved image that could not be thumbnailed. */
    public Outcome thumbnailFailed(String image, Throwable cause) {
        return Outcome.thumbnailFailed(image, cause);
    }
}
