package org.imageharvester.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What one harvest did: the counts, bytes and time its report file holds, and each source's part (whether its listing
 * could be read, how many pages, why it ended early).
 *
 * @param stopReason why the harvest stopped before the end of its listings (the disk), or null when it did not
 * @param sources each source's figures, in the order declared
 * @param nearDuplicates images saved by the run that resemble one saved before (kept or removed)
 * @param nearDropped those of them removed ({@code dedup.near = drop}, the smaller of two near images), counted as
 *     skipped (one an earlier run saved, replaced by a larger one now, was never counted saved by this run)
 * @param undecodable saved images that did not decode (removed ones counted as failed)
 * @param noThumbnail saved images of a format with no decoder here, kept without a thumbnail
 */
public record HarvestSummary(String runId, Instant startedAt, Duration took, long listed, long saved, long skipped,
        long failed, long thumbnails, long thumbnailFailures, long bytes, String stopReason,
        List<SourceRun.Summary> sources, long nearDuplicates, long nearDropped, long undecodable, long noThumbnail) {

    /** A run's figures without near-duplicates, undecodable images or images without a decoder. */
    public HarvestSummary(String runId, Instant startedAt, Duration took, long listed, long saved, long skipped,
            long failed, long thumbnails, long thumbnailFailures, long bytes, String stopReason,
            List<SourceRun.Summary> sources) {
        this(runId, startedAt, took, listed, saved, skipped, failed, thumbnails, thumbnailFailures, bytes, stopReason,
                sources, 0, 0, 0, 0);
    }

    /** The source, or sources, the run read: the one URL, or "3 sources: a, b, c". */
    public String source() {
        if (sources.size() == 1) return sources.get(0).url();
        return sources.size() + " sources: " + sources.stream().map(SourceRun.Summary::name)
                .collect(Collectors.joining(", "));
    }

    /** Why a source's listing could not be read (each one's, when several), or null when every one was. */
    public String sourceError() {
        List<SourceRun.Summary> unread = sources.stream().filter(s -> !s.read()).toList();
        if (unread.isEmpty()) return null;
        if (sources.size() == 1) return unread.get(0).error();
        return unread.stream().map(s -> s.name() + ": " + s.error()).collect(Collectors.joining("; "));
    }

    /** True when every source's listing was read to its end, whatever became of single images. */
    public boolean sourceRead() {
        return sources.stream().allMatch(SourceRun.Summary::read);
    }

    /** True when the harvest as a whole failed: a listing could not be read, or it stopped (a disk fault). */
    public boolean failedAsAWhole() {
        return !sourceRead() || stopReason != null;
    }

    // near-duplicates, images that did not decode and images with no decoder here, when there were any
    private String judged() {
        String near = nearDuplicates == 0 ? "" : ", " + nearDuplicates + " near-duplicate"
                + (nearDuplicates == 1 ? "" : "s") + (nearDropped == 0 ? "" : " (" + nearDropped + " removed)");
        return near + (undecodable == 0 ? "" : ", " + undecodable + " undecodable")
                + (noThumbnail == 0 ? "" : ", " + noThumbnail + " kept without a thumbnail");
    }

    /** The one log line a harvest ends with. */
    @Override
    public String toString() {
        String counts = String.format(Locale.ROOT,
                "%d listed, %d saved, %d skipped, %d failed, %d thumbnails%s%s, %.1f MB in %.1f s",
                listed, saved, skipped, failed, thumbnails,
                thumbnailFailures == 0 ? "" : " (" + thumbnailFailures + " failed)", judged(),
                bytes / 1_000_000.0, took.toMillis() / 1000.0);
        String perSource = sources.size() > 1
                ? " | " + sources.stream().map(SourceRun.Summary::toString).collect(Collectors.joining(" | "))
                : sources.size() == 1 && sources.get(0).note() != null ? "; the listing " + sources.get(0).note() : "";
        if (!sourceRead()) {
            long unread = sources.stream().filter(s -> !s.read()).count();
            String what = sources.size() == 1 ? source() + " (" + sourceError() + ")"
                    : unread + " of " + sources.size() + " sources";
            return "Harvest failed: could not read " + what + "; " + counts + perSource;
        }
        return (stopReason == null ? "Harvest finished: " : "Harvest stopped: " + stopReason + "; ") + counts
                + perSource;
    }
}
