package org.imageharvester.download;

import org.apache.camel.ExchangeProperty;

import org.imageharvester.values.Deadline;

/**
 * Gives a run and each of its links their deadlines: all attempts at one link together within
 * {@code download.totalTimeout} of the first (a server that drips or stalls is not asked again and again), and the
 * whole run within {@code harvest.maxDuration}, after which what is in flight is broken off and the rest of the listing
 * is not attempted.
 */
public final class TimeBudget {

    private long totalTimeout;
    private long maxDuration;

    /** Sets {@code download.totalTimeout}, in milliseconds: one link's budget, all its attempts together. */
    public void setTotalTimeout(long totalTimeout) {
        this.totalTimeout = totalTimeout;
    }

    /** Sets {@code harvest.maxDuration}, in milliseconds: a whole run's budget. */
    public void setMaxDuration(long maxDuration) {
        this.maxDuration = maxDuration;
    }

    /** The deadline of a run that starts now. */
    public Deadline runDeadline() {
        return Deadline.in(maxDuration, "abandoned: the harvest reached harvest.maxDuration (" + maxDuration + " ms)");
    }

    /**
     * The deadline of a link whose first attempt starts now: download.totalTimeout from now, or the run's when that
     * comes first.
     *
     * @param run the run's deadline, or null where there is none (a worker's job)
     */
    public Deadline linkDeadline(@ExchangeProperty("runDeadline") Deadline run) {
        return Deadline.in(totalTimeout, "too slow: not done within download.totalTimeout (" + totalTimeout
                + " ms) of its first attempt").orEarlier(run);
    }

    /**
     * The deadline of the run a worker's job belongs to: when the scheduler's run is up, or null when it has none.
     *
     * @param runEnds when the run's time is up, in {@link System#currentTimeMillis()} time (the job's header), or null
     */
    public Deadline runDeadlineOf(Long runEnds) {
        return runEnds == null ? null : new Deadline(runEnds, "abandoned: the harvest reached harvest.maxDuration");
    }

    /** Fails an attempt that would start past its link's deadline (the attempts before it took the budget). */
    public void check(@ExchangeProperty("linkDeadline") Deadline link) throws RejectedDownloadException {
        RejectedDownloadException.check(link);
    }
}
