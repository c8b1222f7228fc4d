package org.imageharvester.report;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.imageharvester.values.Deadline;
import org.imageharvester.values.Outcome;
import org.imageharvester.values.Source;

/**
 * Counts the outcomes of one harvest as its downloads and thumbnails run in parallel, and puts each problem in the
 * run's problem log and each thumbnail on its contact sheet as it comes, so memory stays flat however many links a
 * listing holds. On a worker, the jobs done here.
 *
 * <p>(About 190 lines: the counters, their summary and progress line, and a scheduler's wait for them.)
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
    private volatile ProblemLog problems;
    private volatile ContactSheet sheet;
    private volatile Map<String, SourceRun> sources = Map.of();
    private volatile Instant startedAt;
    private volatile long lastOutcomeAt = System.nanoTime();
    private volatile String lastLine;
    private boolean thumbnailsWanted = true;
    private boolean answersAwaited;
    private long resultTimeout = 600_000;

    /** Sets {@code thumbnail.enabled}: a run waits for a thumbnail of every saved image only when they are made. */
    public void setThumbnailsWanted(boolean thumbnailsWanted) {
        this.thumbnailsWanted = thumbnailsWanted;
    }

    /** Sets {@code harvest.role}: a scheduler's outcomes are its workers' answers, which it waits for. */
    public void setRole(String role) {
        this.answersAwaited = "scheduler".equals(role);
    }

    /** Sets {@code harvest.resultTimeout}: how long, in ms, a scheduler waits for the next answer. */
    public void setResultTimeout(long resultTimeout) {
        this.resultTimeout = resultTimeout;
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
        for (Source source : of) runs.put(source.name(), new SourceRun(source.name(), source.url()));
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
        return counts;
    }

    /** Counts one link the listing of the given source named. */
    public void listed(@ExchangeProperty("source") Source source) {
        listed.incrementAndGet();
        SourceRun run = sourceRun(source);
        if (run != null) run.listed.incrementAndGet();
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
        }
        boolean problem = !outcome.isSaved() && outcome.kind() != Outcome.Kind.THUMBNAIL;
        if (problem && log != null) log.add(outcome.kind().label(), outcome.url(), outcome.detail(), outcome.status(), from);
        if (answersAwaited) {
            lastOutcomeAt = System.nanoTime();
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /**
     * On a scheduler, once every link is sent: waits for the workers' answers, each link's and each saved image's
     * thumbnail. Returns null when all came, else why the run stops waiting: none came for {@code harvest.resultTimeout}
     * ms, or the run's deadline passed. Elsewhere every outcome is counted by the time the links are done.
     */
    public String awaitOutcomes(Deadline run) throws InterruptedException {
        if (!answersAwaited) return null;
        lastOutcomeAt = System.nanoTime(); // the wait starts once every job is sent
        synchronized (this) {
            while (!allCounted()) {
                wait(Math.min(resultTimeout, 1000));
                if (allCounted()) return null;
                long missing = listed.get() - saved.get() - skipped.get() - failed.get();
                if (run != null && run.passed()) {
                    return "the harvest reached harvest.maxDuration; " + missing + " links got no answer from the workers";
                }
                if (System.nanoTime() - lastOutcomeAt > resultTimeout * 1_000_000L) {
                    return missing + " links got no answer from the workers within " + resultTimeout + " ms";
                }
            }
        }
        return null;
    }

    private boolean allCounted() {
        long done = saved.get() + skipped.get() + failed.get();
        boolean thumbnailsDone = !thumbnailsWanted || thumbnails.get() + thumbnailFailures.get() >= saved.get();
        return done >= listed.get() && thumbnailsDone;
    }

    /**
     * One line on the run so far. The listing is read as the downloads go, so the total and the ETA are those of the
     * links read so far.
     */
    String progress() {
        if (startedAt == null) return null; // the first run is only beginning
        double seconds = Math.max(0.001, Duration.between(startedAt, Instant.now()).toMillis() / 1000.0);
        long done = saved.get() + skipped.get() + failed.get();
        long read = listed.get();
        double perSecond = done / seconds;
        String eta = perSecond > 0 && read > done ? String.format(Locale.ROOT, ", ETA %.0f s", (read - done) / perSecond) : "";
        StringBuilder perSource = new StringBuilder();
        if (sources.size() > 1) {
            for (SourceRun run : sources.values()) {
                perSource.append(perSource.length() == 0 ? "; " : ", ").append(run.name).append(' ')
                        .append(run.done()).append(" of ").append(run.listed.get());
            }
        }
        return String.format(Locale.ROOT, "Progress: %d of %d links done (%d saved, %d skipped, %d failed), %d thumbnails,"
                + " %.1f MB at %.1f MB/s, %.1f images/s%s%s", done, read, saved.get(), skipped.get(), failed.get(),
                thumbnails.get(), bytes.get() / 1e6, bytes.get() / 1e6 / seconds, saved.get() / seconds, eta, perSource);
    }

    /** A worker's line: what it did since it started, or null when that has not changed since the last line. */
    public String doneHere() {
        String line = String.format(Locale.ROOT, "Jobs done here: %d saved, %d skipped, %d failed, %d thumbnails, %.1f MB",
                saved.get(), skipped.get(), failed.get(), thumbnails.get(), bytes.get() / 1e6);
        if (lastLine == null && saved.get() + skipped.get() + failed.get() == 0 || line.equals(lastLine)) return null;
        lastLine = line;
        return line;
    }

    /** The run's figures so far, as its summary. */
    HarvestSummary summary(String runId, String stopped) {
        String stopReason = stopped == null || notAttempted.get() == 0 ? stopped
                : stopped + " (" + notAttempted.get() + " links not attempted)";
        List<SourceRun.Summary> of = sources.values().stream().map(SourceRun::summary).toList();
        return new HarvestSummary(runId, startedAt, Duration.between(startedAt, Instant.now()), listed.get(),
                saved.get(), skipped.get(), failed.get(), thumbnails.get(), thumbnailFailures.get(), bytes.get(),
                stopReason, of);
    }
}
