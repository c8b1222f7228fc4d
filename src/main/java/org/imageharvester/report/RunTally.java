package org.imageharvester.report;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.imageharvester.values.Outcome;
import org.imageharvester.values.Source;
import org.imageharvester.values.UrlMask;

/**
 * Counts the outcomes of one harvest as its downloads and thumbnails run in parallel, and puts each problem in the
 * run's problem log and each thumbnail on its contact sheet as it comes, so memory stays flat however many links a
 * listing holds. On a worker, the jobs done here.
 */
public final class RunTally {

    // one line per saved image, at DEBUG only (log4j2.properties: logger.images); at INFO the progress line tells
    private static final Logger IMAGES = LoggerFactory.getLogger("org.imageharvester.images");

    private final AtomicLong listed = new AtomicLong();
    private final AtomicLong saved = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong thumbnails = new AtomicLong();
    private final AtomicLong thumbnailFailures = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong notAttempted = new AtomicLong();
    private final AtomicLong nearDuplicates = new AtomicLong();
    private final AtomicLong nearDropped = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private final AtomicLong noThumbnail = new AtomicLong();
    private volatile ProblemLog problems;
    private volatile ContactSheet sheet;
    private volatile Map<String, SourceRun> sources = Map.of();
    private volatile Instant startedAt;
    private boolean thumbnailsWanted;

    /** Sets {@code thumbnail.enabled}: a run waits for a thumbnail of every saved image only when they are made. */
    public void setThumbnailsWanted(boolean thumbnailsWanted) {
        this.thumbnailsWanted = thumbnailsWanted;
    }

    /**
     * Starts counting a new run of the given sources, whose problems go to {@code problems} and thumbnails to
     * {@code sheet} (or none).
     */
    void start(Instant startedAt, ProblemLog problems, ContactSheet sheet, List<Source> of) {
        for (AtomicLong count : counts().values()) count.set(0);
        notAttempted.set(0);
        this.startedAt = startedAt;
        this.problems = problems;
        this.sheet = sheet;
        Map<String, SourceRun> runs = new LinkedHashMap<>();
        for (Source source : of) runs.put(source.name(), new SourceRun(source));
        this.sources = runs;
    }

    /** The run's part of the given source, or null. */
    SourceRun sourceRun(Source source) {
        return source == null || source.name() == null ? null : sources.get(source.name());
    }

    /** The run's counts by name (what the metrics show). */
    Map<String, AtomicLong> counts() {
        Map<String, AtomicLong> counts = new LinkedHashMap<>();
        counts.put("listed", listed);
        counts.put("saved", saved);
        counts.put("skipped", skipped);
        counts.put("failed", failed);
        counts.put("thumbnails", thumbnails);
        counts.put("thumbnail_failures", thumbnailFailures);
        counts.put("bytes", bytes);
        counts.put("near_duplicates", nearDuplicates);
        counts.put("near_dropped", nearDropped);
        counts.put("undecodable", undecodable);
        counts.put("no_thumbnail", noThumbnail);
        return counts;
    }

    /** Counts one link the listing of the given source named. */
    public void listed(@ExchangeProperty("source") Source source) {
        listed.incrementAndGet();
        SourceRun run = sourceRun(source);
        if (run != null) run.listed.incrementAndGet();
    }

    /** Counts one page of the given source's listing read (the status page shows it while the run goes on). */
    public void pageRead(@ExchangeProperty("source") Source source) {
        SourceRun run = sourceRun(source);
        // (a source's pages are read one after another, by one thread: no increment races another)
        if (run != null) run.pages++;
    }

    /** The running harvest's sources, as they are now. */
    Collection<SourceRun> sourceRuns() {
        return sources.values();
    }

    /** Counts one link not attempted because the harvest stopped (the report says why, once, and how many). */
    private void notAttempted() {
        skipped.incrementAndGet();
        notAttempted.incrementAndGet();
    }

    /** Counts one outcome, and records its problem or its thumbnail. */
    public void count(@ExchangeProperty("outcome") Outcome outcome, @ExchangeProperty("source") Source source)
            throws IOException {
        ProblemLog log = problems;
        SourceRun run = sourceRun(source);
        if (run != null) run.count(outcome);
        String from = run == null || sources.size() < 2 ? null : run.name;
        UrlMask mask = run == null ? UrlMask.RULES : run.mask;
        switch (outcome.kind()) {
            case SAVED -> {
                saved.incrementAndGet();
                bytes.addAndGet(outcome.bytes());
                if (IMAGES.isDebugEnabled()) IMAGES.debug("Saved {} as {}", outcome.url(), outcome.detail());
            }
            case SKIPPED -> skipped.incrementAndGet();
            case NOT_ATTEMPTED -> {
                notAttempted();
                return; // the report says why once, and how many
            }
            case FAILED -> failed.incrementAndGet();
            case THUMBNAIL -> {
                thumbnails.incrementAndGet();
                ContactSheet current = sheet;
                if (current != null) current.add(outcome.detail(), outcome.url(), from);
            }
            case THUMBNAIL_FAILED -> thumbnailFailures.incrementAndGet();
            case NEAR_DUPLICATE -> {
                thumbnails.incrementAndGet();
                nearDuplicates.incrementAndGet();
                ContactSheet current = sheet;
                if (current != null && outcome.detail() != null) current.add(outcome.detail(), outcome.image(), from);
            }
            case NEAR_DROPPED -> {
                nearDuplicates.incrementAndGet();
                nearDropped.incrementAndGet();
                unsave(outcome, skipped);
            }
            // an image saved before, replaced by a larger one: counted saved by this run, it is taken back with its
            // thumbnail; saved by an earlier run, the run's counts never had it
            case NEAR_REPLACED -> {
                nearDuplicates.incrementAndGet();
                nearDropped.incrementAndGet();
                if (outcome.unsaves()) {
                    thumbnails.decrementAndGet();
                    unsave(outcome, skipped);
                }
            }
            case UNDECODABLE -> {
                thumbnailFailures.incrementAndGet();
                undecodable.incrementAndGet();
            }
            case UNDECODABLE_REMOVED -> {
                undecodable.incrementAndGet();
                unsave(outcome, failed);
            }
            // saved, and stays saved: its format has no decoder here
            case NO_THUMBNAIL -> noThumbnail.incrementAndGet();
        }
        boolean problem = !outcome.isSaved() && outcome.kind() != Outcome.Kind.THUMBNAIL;
        if (problem && log != null && outcome.kind().judgesTheImage()) log.add(outcome, from, mask);
        else if (problem && log != null) {
            log.add(outcome.kind().label(), mask.mask(outcome.url()), mask.mask(outcome.detail()), outcome.status(),
                    from);
        }
    }

    // a saved image removed again: no longer saved (nor waiting for its thumbnail), but skipped or failed
    private void unsave(Outcome outcome, AtomicLong instead) {
        instead.incrementAndGet();
        bytes.addAndGet(-outcome.bytes());
        saved.decrementAndGet();
    }

    /** True when every link listed has its outcome, and every saved image its thumbnail's (when they are made). */
    public boolean allCounted() {
        long done = saved.get() + skipped.get() + failed.get();
        boolean thumbnailsDone = !thumbnailsWanted
                || thumbnails.get() + thumbnailFailures.get() + noThumbnail.get() >= saved.get();
        return done >= listed.get() && thumbnailsDone;
    }

    /** How many links listed have no outcome yet. */
    public long unanswered() {
        return listed.get() - saved.get() - skipped.get() - failed.get();
    }

    /** How many outcomes were counted, thumbnails' included: it grows while answers come. */
    public long counted() {
        return saved.get() + skipped.get() + failed.get() + thumbnails.get() + thumbnailFailures.get()
                + noThumbnail.get();
    }

    /** The figures so far (what the progress lines show); before a first run, with no time and no sources. */
    HarvestSummary figures() {
        return summary(null, null);
    }

    /** The run's figures so far, as its summary. */
    HarvestSummary summary(String runId, String stopped) {
        String stopReason = stopped == null || notAttempted.get() == 0 ? stopped
                : stopped + " (" + notAttempted.get() + " links not attempted)";
        List<SourceRun.Summary> of = sources.values().stream().map(SourceRun::summary).toList();
        Instant began = startedAt;
        Duration took = began == null ? Duration.ZERO : Duration.between(began, Instant.now());
        return new HarvestSummary(runId, began, took, listed.get(),
                saved.get(), skipped.get(), failed.get(), thumbnails.get(), thumbnailFailures.get(), bytes.get(),
                stopReason, of, nearDuplicates.get(), nearDropped.get(), undecodable.get(), noThumbnail.get());
    }
}
