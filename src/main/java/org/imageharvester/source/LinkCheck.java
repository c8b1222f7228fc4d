package org.imageharvester.source;

import java.util.regex.Pattern;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.support.LRUCacheFactory;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

import org.imageharvester.values.Deadline;
import org.imageharvester.report.HarvestReport;
import org.imageharvester.values.Outcome;
import org.imageharvester.runner.InContext;

/**
 * Screens each link of the running harvest's listing before anything is fetched: a repeat, a link longer than
 * {@code source.maxLinkLength} and anything but an http(s) URL is skipped with its reason. One bean step in place of
 * Camel's idempotent consumer and three filters: a link costs one call, and the repeats are still remembered in Camel's
 * bounded {@link MemoryIdempotentRepository} ({@code source.maxLinks} of them).
 */
public final class LinkCheck extends InContext {

    // (a link with white space, control characters or broken text is not one either)
    private static final Pattern HTTP_URL = Pattern.compile("(?i)https?://[^\\s\\p{Cntrl}\\p{Cs}]+");

    private int maxLinkLength = 4096;
    private volatile HarvestReport report;
    private volatile MemoryIdempotentRepository seen = new MemoryIdempotentRepository(LRUCacheFactory.newLRUCache(100_000));

    /** Sets {@code source.maxLinks}: how many links of one listing are remembered to skip repeats. */
    public void setMaxLinks(int maxLinks) {
        seen = new MemoryIdempotentRepository(LRUCacheFactory.newLRUCache(maxLinks));
    }

    /** Sets {@code source.maxLinkLength}. */
    public void setMaxLinkLength(int maxLinkLength) {
        this.maxLinkLength = maxLinkLength;
    }

    /** Forgets the links of the previous run; a run does this when it begins. */
    public void clear() {
        seen.clear();
    }

    /** True when the running harvest's listing named this link (what a scheduler accepts answers for). */
    public boolean isListed(String link) {
        return link != null && seen.contains(link);
    }



    // the run, whose stop (the disk, harvest.maxDuration) leaves the rest of its listing not attempted; looked up when
    // first asked, as its route file (state.camel.yaml) may be made after this one
    private HarvestReport report() {
        if (report == null && getCamelContext() != null) report = getCamelContext().getRegistry().findSingleByType(HarvestReport.class);
        return report;
    }

    /**
     * Why the harvest does not fetch this link, or null when it does: the harvest has stopped, or its time is up now
     * (not attempted), or the link is a repeat, too long or not an http(s) URL (skipped, with the reason).
     */
    public Outcome refusal(@Body String link, @ExchangeProperty("runDeadline") Deadline deadline) {
        HarvestReport run = report();
        if (run != null && run.stopsAt(deadline)) return Outcome.notAttempted(link);
        if (!seen.add(link)) return Outcome.skipped(link, "listed twice");
        if (link.length() > maxLinkLength) {
            return Outcome.skipped(link, "longer than source.maxLinkLength (" + maxLinkLength + " characters)");
        }
        if (!HTTP_URL.matcher(link).matches()) return Outcome.skipped(link, "not an http(s) URL");
        return null;
    }
}
