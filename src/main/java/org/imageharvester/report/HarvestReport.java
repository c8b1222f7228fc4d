package org.imageharvester.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.imageharvester.download.Deadline;

/**
 * Tallies one harvest while its downloads and thumbnails run in parallel, and writes the run's report when it ends.
 * Every problem goes straight to the run's report file, so memory stays flat however many links fail.
 */
public final class HarvestReport implements CamelContextAware {

    /** How a run is named, in UTC: {@code harvest-<RUN_ID>.json} in the report folder. */
    public static final DateTimeFormatter RUN_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    /** The MDC key of the run id, which log4j2.properties prints on every line of a run. */
    static final String RUN_KEY = "harvest.run";
    /** The MDC key of the scheduler a worker's job came from, where its answers go. */
    static final String SCHEDULER_KEY = "harvest.scheduler";
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
    private final AtomicLong notAttempted = new AtomicLong();
    private volatile Instant startedAt;
    private volatile String sourceError;
    private volatile String stopped;
    private volatile ProblemLog problems;
    private volatile String source;
    private Path thumbnailDir = Path.of("thumbnails");
    private Path imageDir = Path.of("images");
    private boolean contactSheet = true;
    private volatile ContactSheet sheet;
    private volatile HarvestSummary lastRun;
    private volatile Instant lastSuccessAt;
    private volatile MeterRegistry meters;
    private boolean worker;
    private boolean scheduler;
    private String answers;
    private long resultTimeout = 600_000;
    private volatile long lastAnswerAt;
    private volatile ProducerTemplate producer;
    private volatile String lastWorkerLine = "Jobs done here: 0 saved, 0 skipped, 0 failed, 0 thumbnails, 0.0 MB";
    // the links (and images) of the running harvest a worker answered for, on a scheduler
    private final Set<String> answered = ConcurrentHashMap.newKeySet();
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

    /** True while edited route files wait to be applied: no harvest begins. */
    public boolean isHeld() {
        synchronized (running) {
            return held;
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

    /** Sets {@code download.dir}: only images in it are linked from the contact sheet. */
    public void setImageDir(String imageDir) {
        this.imageDir = Path.of(imageDir);
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
            for (AtomicLong count : new AtomicLong[] {listed, saved, skipped, failed, thumbnails, thumbnailFailures, bytes, notAttempted}) {
                count.set(0);
            }
            this.source = source;
            answered.clear();
            startedAt = Instant.now();
            sourceError = null;
            stopped = null;
            String runId = RUN_ID.format(startedAt);
            if (problems != null) problems.close(); // the lines of a run that broke off before its end
            problems = new ProblemLog(dir, "harvest-" + runId);
            if (sheet != null) sheet.close(); // the list of a run that broke off before its end
            sheet = contactSheet ? new ContactSheet(thumbnailDir, imageDir, dir, "harvest-" + runId) : null;
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
    public void saved(String url, String file) throws IOException {
        long size = Files.size(Path.of(file));
        saved.incrementAndGet();
        bytes.addAndGet(size);
        if (worker) answer("saved", url, file, null, size);
    }

    /** Counts one link left alone on purpose, with the reason. */
    public void skipped(String url, String reason) throws IOException {
        skipped.incrementAndGet();
        if (worker) answer("skipped", url, reason, null, 0);
        else problems.add("skipped", url, reason, null);
    }

    /**
     * Counts a link the ledger already holds: saved in an earlier run (skipped, with the reason), or, when its file was
     * written since this run began, saved by this run (a job redelivered after its worker died after saving it).
     *
     * @return true when it counts as saved by this run
     */
    public boolean alreadySaved(String url, String file, String reason) throws IOException {
        Instant begun = worker ? runStart(MDC.get(RUN_KEY)) : startedAt;
        if (file != null && begun != null && !Files.getLastModifiedTime(Path.of(file)).toInstant().isBefore(begun)) {
            saved(url, file);
            return true;
        }
        skipped(url, reason);
        return false;
    }

    private static Instant runStart(String runId) {
        try {
            return runId == null ? null : Instant.from(RUN_ID.parse(runId));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** Counts one link whose bytes were saved before from another URL, which the report names. */
    public void duplicate(String url, String firstUrl) throws IOException {
        skipped(url, "same bytes as " + firstUrl);
    }

    /**
     * Counts one link that could not be saved, and returns the reason recorded. A disk fault stops the harvest.
     *
     * @param status the HTTP status of the last response, or null when none came
     * @param diskFault why the disk cannot take images ({@link StorageFault}), or null when the failure is the link's
     */
    public String failed(String url, Throwable cause, Integer status, String diskFault) throws IOException {
        failed.incrementAndGet();
        if (diskFault != null) stop(diskFault);
        String reason = ProblemLog.reason(cause);
        if (worker) answer("failed", url, reason, status, 0);
        else problems.add("failed", url, reason, status);
        return reason;
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

    /** Counts one link not attempted because the harvest stopped (the report says why, once, and how many). */
    public void notAttempted() {
        skipped.incrementAndGet();
        notAttempted.incrementAndGet();
    }

    /** Counts one thumbnail written, and puts it on the run's contact sheet. */
    public void thumbnailed(Path thumbnail, String image) throws IOException {
        thumbnails.incrementAndGet();
        if (worker) {
            answer("thumbnail", image, thumbnail.toString(), null, 0);
            return;
        }
        ContactSheet current = sheet;
        if (current != null) current.add(thumbnail.toString(), image);
    }

    /** Counts one saved image that could not be thumbnailed (the image itself stays), and returns the reason. */
    public String thumbnailFailed(String file, Throwable cause) throws IOException {
        thumbnailFailures.incrementAndGet();
        String reason = ProblemLog.reason(cause);
        if (worker) answer("thumbnail-failed", file, reason, null, 0);
        else problems.add("thumbnail-failed", file, reason, null);
        return reason;
    }

    // ---- scale out (harvest.role): a worker answers each job to the scheduler whose run it belongs to ----

    /** Sets {@code harvest.role}: standalone, scheduler or worker. */
    public void setRole(String role) {
        this.worker = "worker".equals(role);
        this.scheduler = "scheduler".equals(role);
    }

    /** Sets the endpoint a worker sends its answers to (the scheduler's results queue). */
    public void setAnswers(String answers) {
        this.answers = answers;
    }

    /** Sets {@code harvest.resultTimeout}: how long, in ms, a scheduler waits for the next answer before giving up. */
    public void setResultTimeout(long resultTimeout) {
        this.resultTimeout = resultTimeout;
    }

    /** The id of the running harvest (the name of its report), or null; a scheduler sends it with each job. */
    public String runId() {
        Instant started = startedAt;
        return running.get() && started != null ? RUN_ID.format(started) : null;
    }

    /**
     * A worker takes a job of the given run from the given scheduler: every line it logs for it, on whatever thread,
     * carries the run id, and its answers go back to that scheduler.
     */
    public void join(String run, String scheduler) {
        if (run == null || scheduler == null) return; // not a worker's job
        MDC.put(RUN_KEY, run);
        MDC.put(SCHEDULER_KEY, scheduler);
    }

    private void answer(String kind, String url, String detail, Integer status, long size) {
        Map<String, Object> headers = new java.util.HashMap<>();
        headers.put("HarvestRun", MDC.get(RUN_KEY));
        headers.put("HarvestScheduler", MDC.get(SCHEDULER_KEY));
        headers.put("HarvestKind", kind);
        headers.put("HarvestUrl", url);
        headers.put("HarvestDetail", detail);
        if (status != null) headers.put("HarvestStatus", status);
        headers.put("HarvestBytes", size);
        if (producer == null) producer = camelContext.createProducerTemplate();
        producer.sendBodyAndHeaders(answers, "", headers);
    }

    /**
     * A scheduler counts a worker's answer for one of its run's links (or thumbnails). The first answer for a link
     * counts: a job redelivered after its worker died may be answered twice.
     */
    public void result(String run, String kind, String url, String detail, Integer status, Long size)
            throws IOException {
        if (run == null || !run.equals(runId())) {
            LOG.info("Ignored a worker's answer for run {} ({} {}): not the running harvest", run, kind, url);
            return;
        }
        boolean thumbnail = kind.startsWith("thumbnail");
        if (!answered.add((thumbnail ? "t " : "l ") + url)) return;
        switch (kind) {
            case "saved" -> {
                saved.incrementAndGet();
                bytes.addAndGet(size == null ? 0 : size);
            }
            case "skipped" -> {
                skipped.incrementAndGet();
                problems.add("skipped", url, detail, null);
            }
            case "failed" -> {
                failed.incrementAndGet();
                problems.add("failed", url, detail, status);
            }
            case "thumbnail" -> {
                thumbnails.incrementAndGet();
                ContactSheet current = sheet;
                if (current != null) current.add(detail, url);
            }
            case "thumbnail-failed" -> {
                thumbnailFailures.incrementAndGet();
                problems.add("thumbnail-failed", url, detail, null);
            }
            default -> LOG.warn("Ignored a worker's answer of unknown kind {} for {}", kind, url);
        }
        lastAnswerAt = System.nanoTime();
        synchronized (answered) {
            answered.notifyAll();
        }
    }

    /**
     * On a scheduler, once every link is sent: waits for the workers' answers, each link's and each saved image's
     * thumbnail. When none comes for {@code harvest.resultTimeout} ms, or the run's deadline (harvest.maxDuration)
     * passes, the run ends without the rest, and says so.
     */
    public void awaitAnswers(Deadline run) throws InterruptedException {
        if (!scheduler) return;
        lastAnswerAt = System.nanoTime(); // the wait starts once every job is sent
        synchronized (answered) {
            while (!allAnswered()) {
                answered.wait(Math.min(resultTimeout, 1000));
                if (!allAnswered() && run != null && run.passed()) {
                    long missing = listed.get() - saved.get() - skipped.get() - failed.get();
                    stop("the harvest reached harvest.maxDuration; " + missing + " links got no answer from the workers");
                    return;
                }
                if (!allAnswered() && System.nanoTime() - lastAnswerAt > resultTimeout * 1_000_000L) {
                    long missing = listed.get() - saved.get() - skipped.get() - failed.get();
                    stopped = missing + " links got no answer from the workers within " + resultTimeout + " ms";
                    LOG.error("Harvest stopped waiting: {}", stopped);
                    return;
                }
            }
        }
    }

    private boolean allAnswered() {
        long done = saved.get() + skipped.get() + failed.get();
        boolean thumbnailsDone = !contactSheet || thumbnails.get() + thumbnailFailures.get() >= saved.get();
        return done >= listed.get() && thumbnailsDone;
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
        if (worker) return workerProgress();
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

    // a worker's line: what it did since it started, when that changed
    private String workerProgress() {
        String line = String.format(Locale.ROOT, "Jobs done here: %d saved, %d skipped, %d failed, %d thumbnails, %.1f MB",
                saved.get(), skipped.get(), failed.get(), thumbnails.get(), bytes.get() / 1e6);
        if (line.equals(lastWorkerLine)) return null;
        lastWorkerLine = line;
        return line;
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
                    thumbnails.get(), thumbnailFailures.get(), bytes.get(), sourceError,
                    stopped == null || notAttempted.get() == 0 ? stopped
                            : stopped + " (" + notAttempted.get() + " links not attempted)");
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
