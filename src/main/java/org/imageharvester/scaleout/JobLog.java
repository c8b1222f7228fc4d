package org.imageharvester.scaleout;

import org.slf4j.MDC;

import org.imageharvester.report.RunLogContext;

/**
 * On a worker, which takes jobs of any scheduler's run: every line logged on the thread doing a job carries that job's
 * run id, as a standalone runner's lines carry its own.
 */
public final class JobLog {

    /** The lines logged on this thread from now on are of this run. */
    public void join(String run) {
        if (run != null) MDC.put(RunLogContext.RUN_KEY, run);
    }
}
