package org.imageharvester;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Tallies one harvest while its downloads and thumbnails run in parallel, and writes the run's report when it ends.
 * Every problem goes straight to the run's report file, so memory stays flat however many links fail.
 */
public final class HarvestReport implements CamelContextAware {

    /** How a run is named, in UTC: {@code harvest-<RUN_ID>.json} in the report folder. */
    static final DateTimeFormatter RUN_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    /** The MDC key of the run id, which log4j2.properties prints on every line of a run. */
    static final String RUN_KEY = "harvest.run";
    private static final Logger LOG = LoggerFactory.getLogger(HarvestReport.class);

    private Path dir = Path.of("reports");
    private final AtomicBoolean running = new AtomicBoolean();
    private boolean held; // guarded by running
    private final AtomicLong listed = new AtomicLong();
    private final AtomicLong saved = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong thumbnails = new AtomicLong();
    private final AtomicLong thumbnailFailures = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile Instant startedAt;
    private volatile String sourceError;
    private volatile String stopped;
    private volatile ProblemLog problems;
    private volatile String source;
    private Path thumbnailDir = Path.of("thumbnails");
    private boolean contactSheet = true;
    private volatile ContactSheet sheet;
    private volatile HarvestSummary lastRun;
    private volatile Instant lastSuccessAt;
    private volatile MeterRegistry meters;
    private CamelContext camelContext;

    /** Sets {@code report.dir}, the folder of the run reports. */
    public void setDir(String dir) {
        this.dir = Path.of(dir);
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /** True while a harvest runs. */
    public boolean isRunning() {
        return running.get();
    }

    /**
     * Lets no new harvest begin until {@link #releaseRuns()}: the running one, if any, goes on to its end. Route
     * reload holds runs while it waits for that end and replaces the routes.
     */
    public void holdRuns() {
        synchronized (running) {
            held = true;
        }
    }

    /** Lets harvests begin again. */
    public void releaseRuns() {
        synchronized (running) {
            held = false;
        }
    }

    /** The summary of the last harvest that finished, or null. */
    public HarvestSummary lastRun() {
        return lastRun;
    }

    // with metrics on (camel.metrics.enabled), the run's counts as Prometheus gauges: the current run while one
    // goes, else the last one; plus the last run's duration and the time of the last successful run
    private void registerMeters() {
        if (meters != null || camelContext == null) return;
        MeterRegistry registry = camelContext.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry == null) return;
        Map<String, AtomicLong> counts = Map.of("listed", listed, "saved", saved, "skipped", skipped, "failed", failed,
                "thumbnails", thumbnails, "thumbnail_failures", thumbnailFailures, "bytes", bytes);
        counts.forEach((name, count) -> Gauge.builder("harvest_run_" + name, count, AtomicLong::get)
                .description("this harvest's " + name.replace('_', ' ') + " so far, or the last harvest's").register(registry));
        Gauge.builder("harvest_running", running, r -> r.get() ? 1 : 0).description("1 while a harvest runs")
                .register(registry);
        Gauge.builder("harvest_last_duration_seconds", this, r -> r.lastRun == null ? Double.NaN
                : r.lastRun.took().toMillis() / 1000.0).description("how long the last harvest took").register(registry);
        Gauge.builder("harvest_last_success_timestamp_seconds", this, r -> r.lastSuccessAt == null ? Double.NaN
                : r.lastSuccessAt.toEpochMilli() / 1000.0).description("when the last successful harvest ended")
                .register(registry);
        meters = registry;
    }

    /** Sets {@code thumbnail.dir}, where each run's contact sheet ({@code index.html}) is written. */
    public void setThumbnailDir(String thumbnailDir) {
        this.thumbnailDir = Path.of(thumbnailDir);
    }

    /** Sets whether runs write a contact sheet ({@code thumbnail.enabled}: no thumbnails, no sheet). */
    public void setContactSheet(boolean contactSheet) {
        this.contactSheet = contactSheet;
    }

    /**
     * Starts a run of the given source; false (and a warning) when one is still going, so two runs never overlap, or
     * while edited route files wait to be applied.
     */
    public boolean begin(String source) throws IOException {
        synchronized (running) {
            if (held) {
                LOG.warn("Harvest not started: edited route files are being applied first"
                        + " (with harvest.runMissed the harvest runs as soon as they are)");
                return false;
            }
            if (!running.compareAndSet(false, true)) {
                LOG.warn("Harvest not started: the previous run is still going");
                return false;
            }
        }
        registerMeters();
        try {
            for (AtomicLong count : new AtomicLong[] {listed, saved, skipped, failed, thumbnails, thumbnailFailures, bytes}) {
                count.set(0);
            }
            this.source = source;
            startedAt = Instant.now();
            sourceError = null;
            stopped = null;
            String runId = RUN_ID.format(startedAt);
            problems = new ProblemLog(dir, "harvest-" + runId);
            if (sheet != null) sheet.close(); // the list of a run that broke off before its end
            sheet = contactSheet ? new ContactSheet(thumbnailDir, dir, "harvest-" + runId) : null;
            // every log line of this run carries its id (camel.main.mdc-logging-keys-pattern carries it along)
            MDC.put(RUN_KEY, runId);
            return true;
        } catch (IOException | RuntimeException e) {
            running.set(false);
            throw new IOException("cannot write the run's report in " + dir.toAbsolutePath() + ": " + e, e);
        }
    }

    /** Counts one link the listing named. */
    public void listed() {
        listed.incrementAndGet();
    }

    /** Counts one image saved under its final name. */
    public void saved(String file) throws IOException {
        saved.incrementAndGet();
        bytes.addAndGet(Files.size(Path.of(file)));
    }

    /** Counts one link left alone on purpose, with the reason. */
    public void skipped(String url, String reason) throws IOException {
        skipped.incrementAndGet();
        problems.add("skipped", url, reason, null);
    }

    /** Counts one link whose bytes were saved before from another URL, which the report names. */
    public void duplicate(String url, String firstUrl) throws IOException {
        skipped(url, "same bytes as " + firstUrl);
    }

    /**
     * Counts one link that could not be saved, and returns the reason recorded. A disk fault stops the harvest.
     *
     * @param status the HTTP status of the last response, or null when none came
     */
    public String failed(String url, Throwable cause, Integer status) throws IOException {
        failed.incrementAndGet();
        String fault = StorageFault.of(cause);
        if (fault != null && stopped == null) stopped = fault;
        String reason = ProblemLog.reason(cause);
        problems.add("failed", url, reason, status);
        return reason;
    }

    /** True once the harvest has stopped: the disk cannot take more images. */
    public boolean stopped() {
        return stopped != null;
    }

    /** Counts one link not attempted because the harvest stopped (the report says why, once). */
    public void notAttempted() {
        skipped.incrementAndGet();
    }

    /** Counts one thumbnail written, and puts it on the run's contact sheet. */
    public void thumbnailed(Path thumbnail, String image) throws IOException {
        thumbnails.incrementAndGet();
        ContactSheet current = sheet;
        if (current != null) current.add(thumbnail.toString(), image);
    }

    /** Counts one saved image that could not be thumbnailed (the image itself stays), and returns the reason. */
    public String thumbnailFailed(String file, Throwable cause) throws IOException {
        thumbnailFailures.incrementAndGet();
        String reason = ProblemLog.reason(cause);
        problems.add("thumbnail-failed", file, reason, null);
        return reason;
    }

    /** Records that the listing itself could not be read. */
    public void sourceFailed(Throwable cause) {
        sourceError = ProblemLog.reason(cause);
    }

    /**
     * One line on the run so far, or null when no harvest is running. The listing is read as the downloads go, so the
     * total and the ETA are those of the links read so far.
     */
    public String progress() {
        Instant started = startedAt;
        if (!running.get() || started == null) return null;
        MDC.put(RUN_KEY, RUN_ID.format(started)); // the progress timer's line belongs to the run too
        double seconds = Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
        long done = saved.get() + skipped.get() + failed.get();
        long read = listed.get();
        double perSecond = done / seconds;
        String eta = perSecond > 0 && read > done ? String.format(Locale.ROOT, ", ETA %.0f s", (read - done) / perSecond) : "";
        return String.format(Locale.ROOT, "Progress: %d of %d links done (%d saved, %d skipped, %d failed), %d thumbnails,"
                + " %.1f MB at %.1f MB/s, %.1f images/s%s", done, read, saved.get(), skipped.get(), failed.get(),
                thumbnails.get(), bytes.get() / 1e6, bytes.get() / 1e6 / seconds, saved.get() / seconds, eta);
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

    /** Ends the run: writes its JSON report and returns the summary. */
    public HarvestSummary finish() throws IOException {
        try {
            HarvestSummary summary = new HarvestSummary(problems.runId(), source, startedAt,
                    Duration.between(startedAt, Instant.now()), listed.get(), saved.get(), skipped.get(), failed.get(),
                    thumbnails.get(), thumbnailFailures.get(), bytes.get(), sourceError, stopped);
            writeContactSheet(summary);
            problems.writeReport(summary);
            lastRun = summary;
            if (!summary.failedAsAWhole()) lastSuccessAt = Instant.now();
            return summary;
        } finally {
            running.set(false);
        }
    }
}
