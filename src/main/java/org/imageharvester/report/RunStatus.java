package org.imageharvester.report;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.quartz.CronExpression;

/**
 * What the runner is doing now, as the status page shows it and its JSON holds it: the harvest running (each source's
 * pages read, links listed, saved, failed, bytes and last failure), the next scheduled run, and the last runs of the
 * history page with where their contact sheets and reports are. Read-only: it only looks at the run's state and the
 * reports.
 */
public final class RunStatus {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The runner now; times are ISO-8601 instants, links relative to the status page. */
    public record Status(String now, Running running, String nextRun, String schedule, List<PastRun> lastRuns,
            String history) {
    }

    /** The harvest running now; its totals count every source's. */
    public record Running(String run, String startedAt, long seconds, long listed, long saved, long skipped,
            long failed, long thumbnails, long bytes, String stopping, List<SourceNow> sources) {
    }

    /** One source of the running harvest. */
    public record SourceNow(String name, String url, int pages, long listed, long saved, long failed, long bytes,
            String listingError, String lastFailedUrl, String lastFailure) {
    }

    /** One run of the history page, newest first. */
    public record PastRun(String run, String startedAt, long durationMs, long listed, long saved, long skipped,
            long failed, long thumbnails, long bytes, String status, String contactSheet, String report) {
    }

    private RunGate gate;
    private RunTally tally;
    private HistoryPage history;
    private String cron;
    private boolean once;
    private String role;
    private int runs;
    private volatile FileTime listedAt;
    private volatile List<PastRun> lastRuns = List.of();

    public void setGate(RunGate gate) {
        this.gate = gate;
    }

    public void setTally(RunTally tally) {
        this.tally = tally;
    }

    /** Sets the history page whose runs are listed (its folders: report.dir and thumbnail.dir). */
    public void setHistory(HistoryPage history) {
        this.history = history;
    }

    /** Sets {@code harvest.cron}. */
    public void setCron(String cron) {
        this.cron = cron;
    }

    /** Sets {@code harvest.once}: with --once there is no next run. */
    public void setOnce(boolean once) {
        this.once = once;
    }

    /** Sets {@code harvest.role}: a worker harvests no listing of its own, on no schedule. */
    public void setRole(String role) {
        this.role = role;
    }

    /** Sets {@code status.runs}: how many of the last runs are listed. */
    public void setRuns(int runs) {
        this.runs = runs;
    }

    /** The runner now, as JSON (what GET /observe/status.json answers). */
    public String json() throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(now());
    }

    /** The runner now. */
    public Status now() throws IOException {
        Instant now = Instant.now();
        return new Status(now.toString(), running(), nextRun(now), cron, pastRuns(), href(history.reportDir(),
                "index.html"));
    }

    private Running running() {
        Instant began = gate.runBegan();
        String run = gate.runId();
        if (began == null || run == null) return null;
        HarvestSummary figures = tally.figures();
        List<SourceNow> sources = new ArrayList<>();
        for (SourceRun source : tally.sourceRuns()) {
            sources.add(new SourceNow(source.name, source.url, source.pages, source.listed.get(), source.saved.get(),
                    source.failed.get(), source.bytes.get(), source.error, source.lastFailedUrl, source.lastFailure));
        }
        return new Running("harvest-" + run, began.toString(), Duration.between(began, Instant.now()).toSeconds(),
                figures.listed(), figures.saved(), figures.skipped(), figures.failed(), figures.thumbnails(),
                figures.bytes(), gate.stopReason(), sources);
    }

    private String nextRun(Instant now) {
        if (once || "worker".equals(role)) return null;
        try {
            Date next = new CronExpression(cron).getNextValidTimeAfter(Date.from(now));
            return next == null ? null : next.toInstant().toString();
        } catch (ParseException notACron) {
            return null; // the runner does not start with one
        }
    }

    // the reports are read again only when the folder changed (a run began or ended), not on every reload
    private List<PastRun> pastRuns() throws IOException {
        Path reports = history.reportDir();
        FileTime changed = Files.isDirectory(reports) ? Files.getLastModifiedTime(reports) : null;
        if (changed != null && changed.equals(listedAt)) return lastRuns;
        List<PastRun> rows = new ArrayList<>();
        for (HistoryPage.Row row : history.lastRuns(runs)) {
            String sheet = row.run() + ".html";
            rows.add(new PastRun(row.run(), row.startedAt(), row.durationMs(), row.listed(), row.saved(),
                    row.skipped(), row.failed(), row.thumbnails(), row.bytes(), row.status(),
                    Files.isRegularFile(history.thumbnailDir().resolve(sheet)) ? href(history.thumbnailDir(), sheet)
                            : null, href(reports, row.run() + ".json")));
        }
        lastRuns = List.copyOf(rows);
        listedAt = changed;
        return lastRuns;
    }

    // where OutputFiles serves a file of an output folder, relative to the status page
    static String href(Path folder, String name) {
        String path = "files/" + OutputFiles.name(folder) + "/" + name;
        try {
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            return path;
        }
    }
}
