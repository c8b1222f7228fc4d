package org.imageharvester.scaleout;

import org.apache.camel.ExchangeProperty;

import org.imageharvester.report.RunTally;
import org.imageharvester.values.Deadline;

/** On a scheduler, once every job of the run is sent: waits until its workers have answered for every one. */
public final class AnswerWait {

    // how often the tally is looked at: the run ends at most this long after its last answer
    private static final long LOOK_MILLIS = 20;

    private RunTally tally;
    private long resultTimeout;

    /** Sets the tally the answers are counted in. */
    public void setTally(RunTally tally) {
        this.tally = tally;
    }

    /** Sets {@code harvest.resultTimeout}: how long, in ms, the run waits for the next answer. */
    public void setResultTimeout(long resultTimeout) {
        this.resultTimeout = resultTimeout;
    }

    /**
     * Waits for the workers' answers, each link's and each saved image's thumbnail. Returns null when all came, else
     * why the run stops waiting: none came for {@code harvest.resultTimeout} ms, or the run's deadline passed.
     */
    public String awaitAnswers(@ExchangeProperty("runDeadline") Deadline run) throws InterruptedException {
        long answeredAt = System.nanoTime(); // the wait starts once every job is sent
        long counted = tally.counted();
        while (!tally.allCounted()) {
            Thread.sleep(Math.min(resultTimeout, LOOK_MILLIS));
            if (tally.allCounted()) return null;
            if (tally.counted() != counted) {
                counted = tally.counted();
                answeredAt = System.nanoTime();
            }
            long missing = tally.unanswered();
            if (run != null && run.passed()) {
                return "the harvest reached harvest.maxDuration; " + missing + " links got no answer from the workers";
            }
            if (System.nanoTime() - answeredAt > resultTimeout * 1_000_000L) {
                return missing + " links got no answer from the workers within " + resultTimeout + " ms";
            }
        }
        return null;
    }
}
