package org.imageharvester.report;

import java.util.Locale;

/**
 * Says in one line how far the running harvest got. The listing is read as the downloads go, so the total and the
 * ETA are those of the links read so far.
 */
public final class ProgressLine {

    private RunGate gate;
    private RunTally tally;

    /** Sets the gate: a line only while a harvest runs. */
    public void setGate(RunGate gate) {
        this.gate = gate;
    }

    /** Sets the tally whose counts the line shows. */
    public void setTally(RunTally tally) {
        this.tally = tally;
    }

    /** One line on the run so far, or null when no harvest is running. */
    public String progress() {
        if (!gate.isRunning()) return null;
        HarvestSummary run = tally.figures();
        if (run.startedAt() == null) return null; // the first run is only beginning
        double seconds = Math.max(0.001, run.took().toMillis() / 1000.0);
        long done = run.saved() + run.skipped() + run.failed();
        long read = run.listed();
        double perSecond = done / seconds;
        String eta = perSecond > 0 && read > done
                ? String.format(Locale.ROOT, ", ETA %.0f s", (read - done) / perSecond) : "";
        StringBuilder perSource = new StringBuilder();
        if (run.sources().size() > 1) {
            for (SourceRun.Summary source : run.sources()) {
                perSource.append(perSource.length() == 0 ? "; " : ", ").append(source.name()).append(' ')
                        .append(source.saved() + source.skipped() + source.failed()).append(" of ")
                        .append(source.listed());
            }
        }
        return String.format(Locale.ROOT, "Progress: %d of %d links done (%d saved, %d skipped, %d failed),"
                + " %d thumbnails, %.1f MB at %.1f MB/s, %.1f images/s%s%s", done, read, run.saved(), run.skipped(),
                run.failed(), run.thumbnails(), run.bytes() / 1e6, run.bytes() / 1e6 / seconds, run.saved() / seconds,
                eta, perSource);
    }
}
