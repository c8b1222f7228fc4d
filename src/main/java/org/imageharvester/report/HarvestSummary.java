package org.imageharvester.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What one harvest did: the counts, bytes and time its report file holds, and whether the source could be read.
 *
 * @param sourceError why the source could not be read, or null when it was read
 * @param stopReason why the harvest stopped before the end of the listing (the disk), or null when it did not
 */
public record HarvestSummary(String runId, String source, Instant startedAt, Duration took, long listed, long saved,
        long skipped, long failed, long thumbnails, long thumbnailFailures, long bytes, String sourceError,
        String stopReason) {

    /** True when the listing was read to its end, whatever became of single images. */
    public boolean sourceRead() {
        return sourceError == null;
    }

    /** True when the harvest as a whole failed: its listing could not be read, or it stopped (a disk fault). */
    public boolean failedAsAWhole() {
        return !sourceRead() || stopReason != null;
    }

    /** The one log line a harvest ends with. */
    @Override
    public String toString() {
        String counts = String.format(Locale.ROOT,
                "%d listed, %d saved, %d skipped, %d failed, %d thumbnails%s, %.1f MB in %.1f s",
                listed, saved, skipped, failed, thumbnails,
                thumbnailFailures == 0 ? "" : " (" + thumbnailFailures + " failed)",
                bytes / 1_000_000.0, took.toMillis() / 1000.0);
        if (!sourceRead()) return "Harvest failed: could not read " + source + " (" + sourceError + "); " + counts;
        return stopReason == null ? "Harvest finished: " + counts : "Harvest stopped: " + stopReason + "; " + counts;
    }
}
