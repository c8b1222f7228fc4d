package org.imageharvester.report;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Predicate;

import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.imageharvester.values.Deadline;

/**
 * Lets one harvest run at a time (none while edited route files are applied) and remembers why it stopped early.
 *
 * <p>It is a {@link Predicate} of the run's deadline ({@link #test}: the run has stopped) so that the listing, in the
 * source package below this one, can be handed the run's stop ({@code #bean:runGate}) without importing the report.
 */
public final class RunGate implements Predicate<Deadline> {

    /** How a run is named, in UTC: {@code harvest-<RUN_ID>.json} in the report folder. */
    public static final DateTimeFormatter RUN_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final Logger LOG = LoggerFactory.getLogger(RunGate.class);

    private boolean running; // guarded by this
    private boolean held; // guarded by this
    private volatile Instant startedAt;
    private volatile String stopped;

    /**
     * Begins a run; false (and a warning) when one is still going, so two runs never overlap, or while edited route
     * files wait to be applied.
     */
    public synchronized boolean begin() {
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
        startedAt = Instant.now();
        stopped = null;
        return true;
    }

    /** Ends the run: another may begin. */
    synchronized void end() {
        running = false;
    }

    /** True while a harvest runs. */
    public synchronized boolean isRunning() {
        return running;
    }

    /** Lets no new harvest begin until {@link #releaseRuns()}; the running one goes on (route reload waits for it). */
    public synchronized void holdRuns() {
        held = true;
    }

    /** True while edited route files wait to be applied: no harvest begins. */
    public synchronized boolean isHeld() {
        return held;
    }

    /** Lets harvests begin again. */
    public synchronized void releaseRuns() {
        held = false;
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

    /** When the run of the given id began (a worker's job names its run), or null for no such id. */
    public Instant runBeganOf(String runId) {
        return began(runId);
    }

    /** When the run of the given id began, or null for no such id. */
    public static Instant began(String runId) {
        try {
            return runId == null ? null : Instant.from(RUN_ID.parse(runId));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Stops the harvest for the given reason (the disk, harvest.maxDuration): the rest of its listing is not tried. */
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

    /** Why the harvest stopped, or null when it did not. */
    String stopReason() {
        return stopped;
    }

    /** True once the harvest has stopped, or its time is up now (it stops then: the rest is not attempted). */
    public boolean stopsAt(@ExchangeProperty("runDeadline") Deadline run) {
        if (run != null && run.passed()) stop(run.reason().replaceFirst("^abandoned: ", ""));
        return stopped();
    }

    /** The same as {@link #stopsAt}: what a source's listing asks before it reads another page. */
    @Override
    public boolean test(Deadline run) {
        return stopsAt(run);
    }
}
