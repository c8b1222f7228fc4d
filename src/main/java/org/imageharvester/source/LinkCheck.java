package org.imageharvester.source;

import java.util.regex.Pattern;

import org.apache.camel.ExchangeProperty;

import org.imageharvester.values.Outcome;

/**
 * Screens each link of the running harvest's listing before anything is fetched: a repeat, a link longer than
 * {@code source.maxLinkLength} and anything but an http(s) URL is skipped with its reason. One bean step in place of
 * Camel's idempotent consumer and three filters: a link costs one call, and the repeats are remembered as digests,
 * {@code source.maxLinks} of them ({@link SeenLinks}).
 */
public final class LinkCheck {

    // (a link with white space, control characters or broken text is not one either)
    private static final Pattern HTTP_URL = Pattern.compile("(?i)https?://[^\\s\\p{Cntrl}\\p{Cs}]+");

    private int maxLinkLength;
    private volatile SeenLinks seen;

    /** Sets {@code source.maxLinks}: how many links of one listing are remembered to skip repeats. */
    public void setMaxLinks(int maxLinks) {
        seen = new SeenLinks(maxLinks);
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

    /**
     * Why the harvest does not fetch this link, or null when it does: the link is a repeat, too long or not an
     * http(s) URL (skipped, with the reason).
     */
    public Outcome refusal(@ExchangeProperty("imageUrl") String link) {
        if (!seen.add(link)) return Outcome.skipped(link, "listed twice");
        if (link.length() > maxLinkLength) {
            return Outcome.skipped(link, "longer than source.maxLinkLength (" + maxLinkLength + " characters)");
        }
        if (!HTTP_URL.matcher(link).matches()) return Outcome.skipped(link, "not an http(s) URL");
        return null;
    }
}
