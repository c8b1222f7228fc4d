package org.imageharvester.report;

import java.util.Locale;

/** Says in one line, on a worker, what it did since it started, when that changed. */
public final class DoneHereLine {

    private RunTally tally;
    private String lastLine;

    /** Sets the tally of the jobs done here. */
    public void setTally(RunTally tally) {
        this.tally = tally;
    }

    /** What this worker did since it started, or null when that has not changed since the last line. */
    public synchronized String doneHere() {
        HarvestSummary done = tally.figures();
        String line = String.format(Locale.ROOT,
                "Jobs done here: %d saved, %d skipped, %d failed, %d thumbnails, %.1f MB", done.saved(), done.skipped(),
                done.failed(), done.thumbnails(), done.bytes() / 1e6);
        boolean none = lastLine == null && done.saved() + done.skipped() + done.failed() == 0;
        if (none || line.equals(lastLine)) return null;
        lastLine = line;
        return line;
    }
}
