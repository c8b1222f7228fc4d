package org.imageharvester.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.imageharvester.values.Deadline;
import org.imageharvester.values.NetworkText;
import org.imageharvester.runner.InContext;
import org.imageharvester.source.Listing;
import org.imageharvester.values.Source;
import org.imageharvester.source.Sources;

/**
 * One harvest from its beginning to its report: lets one run at a time begin (none while edited routes are applied),
 * remembers why it stopped early, and at its end writes its JSON report and contact sheet from the {@link RunTally}.
 *
 * <p>(About 250 lines, half of them setters and comments; the run's gate (begin, hold, release) could move to a
 * class of its own.)
 */
public final class HarvestReport extends InContext {

    /** How a run is named, in UTC: {@code harvest-<RUN_ID>.json} in the report folder. */
    public static final DateTimeFormatter RUN_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final Logger LOG = LoggerFactory.getLogger(HarvestReport.class);

    private Path dir = Path.of("reports");
    private Path thumbnailDir = Path.of("thumbnails");
    private Path imageDir = Path.of("images");
    private boolean contactSheet = true;
    private int keepRuns = 100;
    private RunTally tally = new RunTally();
    private final Object gate = new Object();
    private boolean running; // guarded by gate
    private boolean held; // guarded by gate
    private volatile Instant startedAt;
    private volatile String stopped;
    private volatile ProblemLog problems;
    private volatile ContactSheet sheet;
    private volatile HarvestSummary lastRun;
    private volatile Instant lastSuccessAt;
    private boolean metersRegistered;

    /** Sets {@code report.dir}, the folder of the run reports. */
    public void setDir(String dir) {
        this.dir = Path.of(dir);
    }

    /** Sets {@code thumbnail.dir}, where each run's contact sheet ({@code index.html}) is written. */
    public void setThumbnailDir(String thumbnailDir) {
        this.thumbnailDir = Path.of(thumbnailDir);
    }

    /** Sets {@code download.dir}: only images in it are linked from the contact sheet. */
    public void setImageDir(String imageDir) {
        this.imageDir = Path.of(imageDir);
    }

    /** Sets whether runs write a contact sheet ({@code thumbnail.enabled}: no thumbnails, no sheet). */
    public void setContactSheet(boolean contactSheet) {
        this.contactSheet = contactSheet;
    }

    /** Sets {@code report.keepRuns}: how many runs the history page ({@code index.html} in report.dir) lists. */
    public void setKeepRuns(int keepRuns) {
        this.keepRuns = keepRuns;
    }

    /** Sets the tally of the run's outcomes. */
    public void setTally(RunTally tally) {
        this.tally = tally;
    }



    /** True while a harvest runs. */
    public boolean isRunning() {
        synchronized (gate) {
            return running;
        }
    }

    /** Lets no new harvest begin until {@link #releaseRuns()}; the running one goes on (route reload waits for it). */
    public void holdRuns() {
        synchronized (gate) {
            held = true;
        }
    }

    /** True while edited route files wait to be applied: no harvest begins. */
    public boolean isHeld() {
        synchronized (gate) {
            return held;
        }
    }

    /** Lets harvests begin again. */
    public void releaseRuns() {
        synchronized (gate) {
            held = false;
        }
    }

    /** The summary of the last harvest that finished, or null. */
    public HarvestSummary lastRun() {
        return lastRun;
    }

    /** When the last harvest that did not fail as a whole ended, or null. */
    Instant lastSuccessAt() {
        return lastSuccessAt;
    }

    /**
     * Starts a run of the runner's sources (routes/listing.camel.yaml); false (and a warning) when one is still going,
     * so two runs never overlap, or while edited route files wait to be applied.
     */
    public boolean begin() throws IOException {
        return beginOf(getCamelContext().getRegistry().findSingleByType(Sources.class).all());
    }

    /** Starts a run of the given sources, as {@link #begin()} does. */
    public boolean beginOf(List<Source> sources) throws IOException {
        synchronized (gate) {
            if (held) {
                LOG.warn("Harvest not started: edited route files are being applied first"
                        + " (with harvest.runMissed the harvest runs as soon as they are)");
                return false;
            }
            if (running) {
                LOG.warn("Harvest not started: the previous run is still going");
                return false;
            }
            running = true;
        }
        registerMeters();
        try {
            startedAt = Instant.now();
            stopped = null;
            String runId = RUN_ID.format(startedAt);
            if (problems != null) problems.close(); // the lines of a run that broke off before its end
            problems = new ProblemLog(dir, "harvest-" + runId);
            if (sheet != null) sheet.close(); // the list of a run that broke off before its end
            sheet = contactSheet ? new ContactSheet(thumbnailDir, imageDir, dir, "harvest-" + runId) : null;
            tally.start(startedAt, problems, sheet, sources);
            RunLogContext.set(runId);
            return true;
        } catch (IOException | RuntimeException e) {
            synchronized (gate) {
                running = false;
            }
            throw new IOException("cannot write the run's report in " + dir.toAbsolutePath() + ": " + e, e);
        }
    }

    // with metrics on (camel.metrics.enabled), the run's counts as Prometheus gauges
    private void registerMeters() {
        if (metersRegistered || getCamelContext() == null) return;
        MeterRegistry registry = getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
        if (registry == null) return;
        RunMeters.register(registry, this, tally.counts());
        metersRegistered = true;
    }

    /** The id of the running harvest (the name of its report), or null; a scheduler sends it with each job. */
    public String runId() {
        Instant started = startedAt;
        return isRunning() && started != null ? RUN_ID.format(started) : null;
    }

    /** When the running harvest began, or null. */
    public Instant runBegan() {
        return isRunning() ? startedAt : null;
    }

    /** Stops the harvest for the given reason (the disk, harvest.maxDuration): the rest of the listing is not attempted. */
    public synchronized void stop(String reason) {
        if (stopped == null) {
            stopped = reason;
            LOG.warn("Harvest stopping: {}; the rest of the listing is not attempted", reason);
        }
    }

    /** True once the harvest has stopped: the disk cannot take more images, or it ran out of time. */
    public boolean stopped() {
        return stopped != null;
    }

    /** True once the harvest has stopped, or its time is up now (it stops then: the rest is not attempted). */
    public boolean stopsAt(@ExchangeProperty("runDeadline") Deadline run) {
        if (run != null && run.passed()) stop(run.reason().replaceFirst("^abandoned: ", ""));
        return stopped();
    }

    /** When the run of the given id began (a worker's job names its run), or null for no such id. */
    public Instant runBeganOf(String runId) {
        return began(runId);
    }

    /** When the run of the given id began, or null for no such id. */
    public static Instant began(String runId) {
        try {
            return runId == null ? null : Instant.from(RUN_ID.parse(runId));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** Records that a source's listing could not be read, or broke off (after the pages read before it). */
    public void sourceFailed(@ExchangeProperty("source") Source source, @ExchangeProperty("listing") Listing listing,
            Throwable cause) {
        SourceRun run = tally.sourceRun(source);
        if (run == null) return;
        run.error = NetworkText.reason(cause);
        if (listing != null) run.pages = listing.pages();
    }

    /**
     * Records a source whose links are all done: how many pages were read and why its listing ended early, if it did;
     * then throws why the listing broke off while it was read, if it did (the links read before were still done).
     */
    public void sourceDone(@ExchangeProperty("source") Source source, @ExchangeProperty("listing") Listing listing)
            throws Exception {
        SourceRun run = tally.sourceRun(source);
        if (run != null) {
            run.pages = listing.pages();
            run.note = listing.note();
            if (run.note != null) LOG.info("Listing of {}: {}", run.name, run.note);
        }
        if (listing.getFailure() != null) throw listing.getFailure();
    }

    /** One line on the run so far, or null when no harvest is running. */
    public String progress() {
        return isRunning() ? tally.progress() : null;
    }

    /** Ends the run: writes its JSON report and contact sheet, logs its summary line, and returns the summary. */
    public HarvestSummary finish() throws IOException {
        try {
            HarvestSummary summary = tally.summary(problems.runId(), stopped);
            writeContactSheet(summary);
            problems.writeReport(summary);
            writeHistory(summary.runId());
            lastRun = summary;
            if (!summary.failedAsAWhole()) lastSuccessAt = Instant.now();
            LOG.info("{}", summary);
            return summary;
        } finally {
            RunLogContext.set(null); // the lines from now on are of no run
            synchronized (gate) {
                running = false;
            }
        }
    }

    // the history page is a view of the reports: one that cannot be written must not cost the run anything
    private void writeHistory(String justEnded) {
        try {
            HistoryPage.write(dir, thumbnailDir, keepRuns, justEnded);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not write the history page in {}: {}", dir.toAbsolutePath(), e.toString());
        }
    }

    // the page is a view of the run: a folder that cannot take it must not cost the run its report
    private void writeContactSheet(HarvestSummary summary) {
        ContactSheet current = sheet;
        if (current == null) return;
        try {
            current.write(summary, problems);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not write the run's contact sheet in {}: {}", thumbnailDir.toAbsolutePath(), e.toString());
        }
    }
}
