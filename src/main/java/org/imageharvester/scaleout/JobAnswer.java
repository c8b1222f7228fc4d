package org.imageharvester.scaleout;

import java.util.ArrayList;
import java.util.List;

import org.imageharvester.values.Outcome;

/**
 * On a worker: the outcomes of one job not yet answered, gathered as its links and their thumbnails are done (on the
 * job's consumer thread, a thumbnail perhaps on another).
 */
public final class JobAnswer {

    private final List<Outcome> outcomes = new ArrayList<>();
    private long heldSince;

    /** Adds an outcome of the job. */
    public synchronized void add(Outcome outcome) {
        if (outcomes.isEmpty()) heldSince = System.nanoTime();
        outcomes.add(outcome);
    }

    /** The outcomes not yet answered, which are then no longer held. */
    public synchronized List<Outcome> take() {
        List<Outcome> taken = List.copyOf(outcomes);
        outcomes.clear();
        return taken;
    }

    /** True when an outcome has waited for its answer this many milliseconds or more. */
    public synchronized boolean heldFor(long millis) {
        return !outcomes.isEmpty() && System.nanoTime() - heldSince >= millis * 1_000_000L;
    }
}
