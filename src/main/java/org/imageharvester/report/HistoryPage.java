package org.imageharvester.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.imageharvester.download.PartFiles;

/**
 * {@code index.html} in the report folder: every run of the last {@code report.keepRuns}, newest first, with its
 * figures (each source's too), a link to its contact sheet and its JSON report, and a chart of saved, failed and
 * bytes per run drawn as SVG (no script). Written at the end of each run from the reports themselves, read as a
 * stream (a report's lists of failures are skipped, not loaded). Only what the runner could have written counts: a
 * planted or broken report is named as left off, and never takes a real run's place on the page.
 */
public final class HistoryPage {

    private static final Pattern REPORT = Pattern.compile("harvest-\\d{8}-\\d{6}-\\d{3}\\.json");
    private static final JsonFactory JSON = new JsonFactory();
    // how many left-off files the page names; a folder full of planted ones must not make the page large
    private static final int LEFT_OFF_NAMED = 10;

    record SourceRow(String name, long listed, long saved, long failed, String error, String note) {
    }

    /** One run on the page, as its report tells it. */
    record Row(String run, String startedAt, long durationMs, boolean sourceRead, String sourceError,
            String stoppedBecause, long listed, long saved, long skipped, long failed, long thumbnails, long bytes,
            List<SourceRow> sources) {

        /** "finished", or why the run failed or stopped. */
        String status() {
            return !sourceRead ? "failed: " + sourceError
                    : stoppedBecause != null ? "stopped: " + stoppedBecause : "finished";
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(HistoryPage.class);

    private Path reportDir;
    private Path thumbnailDir;
    private int keepRuns;

    /** Sets {@code report.dir}: the reports the page lists, and where it is written. */
    public void setReportDir(String reportDir) {
        this.reportDir = Path.of(reportDir);
    }

    /** Sets {@code thumbnail.dir}: where the runs' contact sheets are, linked from the page. */
    public void setThumbnailDir(String thumbnailDir) {
        this.thumbnailDir = Path.of(thumbnailDir);
    }

    /** Sets {@code report.keepRuns}: how many runs the page lists. */
    public void setKeepRuns(int keepRuns) {
        this.keepRuns = keepRuns;
    }

    /**
     * Writes the page for the newest {@code report.keepRuns} readable reports of this runner, and returns the runs on
     * it, {@code justEnded} (the run that has just written its report) among them; null when the page could not be
     * written (it is a view of the reports: that must not cost the run anything, so it is only logged).
     */
    public Set<String> write(@ExchangeProperty("summary") HarvestSummary justEnded) {
        String run = justEnded == null ? null : justEnded.runId();
        try {
            return writePage(run);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not write the history page in {}: {}", reportDir.toAbsolutePath(), e.toString());
            return null;
        }
    }

    /** The newest {@code count} readable reports of this runner, newest first (what the status page lists). */
    List<Row> lastRuns(int count) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String run : runIds(null, new ArrayList<>())) {
            if (rows.size() >= count) break;
            try {
                rows.add(read(reportDir.resolve(run + ".json"), run));
            } catch (IOException | RuntimeException unreadable) {
                // named as left off on the history page
            }
        }
        return rows;
    }

    /** {@code report.dir}, where the runs' reports and the history page are. */
    Path reportDir() {
        return reportDir;
    }

    /** {@code thumbnail.dir}, where the runs' contact sheets are. */
    Path thumbnailDir() {
        return thumbnailDir;
    }

    // the runs of the reports in the folder, newest first: a report whose name is not a run id is skipped; one whose
    // run id names no time, or a time still to come (but justEnded), is put in leftOff
    private List<String> runIds(String justEnded, List<String> leftOff) throws IOException {
        Instant now = Instant.now();
        List<String> runs = new ArrayList<>();
        if (!Files.isDirectory(reportDir)) return runs;
        try (DirectoryStream<Path> reports = Files.newDirectoryStream(reportDir)) {
            for (Path report : reports) {
                String name = report.getFileName().toString();
                if (!REPORT.matcher(name).matches()) continue;
                String run = name.substring(0, name.length() - ".json".length());
                if (run.equals(justEnded) || isRunId(run, now)) runs.add(run);
                else leftOff.add(name + " (not the id of a run gone by)");
            }
        }
        runs.sort(Collections.reverseOrder());
        return runs;
    }

    // the newest keepRuns readable reports, and justEnded's, go on the page; one that does not parse as the report of
    // its run is listed as left off and takes no place among the keepRuns
    private Set<String> writePage(String justEnded) throws IOException {
        List<String> leftOff = new ArrayList<>();
        List<String> runs = runIds(justEnded, leftOff);
        List<Row> rows = new ArrayList<>();
        int looked = 0;
        for (String run : runs) {
            if (rows.size() >= keepRuns) break;
            looked++;
            try {
                rows.add(read(reportDir.resolve(run + ".json"), run));
            } catch (IOException | RuntimeException unreadable) {
                // broken, or not the report of its run: it must not push a real run off the page
                leftOff.add(run + ".json (unreadable)");
            }
        }
        int readable = runs.size() - (looked - rows.size());
        Set<String> onPage = new HashSet<>();
        for (Row row : rows) onPage.add(row.run());
        if (justEnded != null) onPage.add(justEnded);
        Path page = reportDir.resolve("index.html");
        Path partial = reportDir.resolve(PartFiles.part("index.html"));
        try (Writer out = PartFiles.writer(partial)) {
            out.write("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    + "<title>Harvests</title>\n<style>\n"
                    + "body{font-family:sans-serif;margin:12px;background:#f4f4f4;color:#222}\n"
                    + "svg{width:100%;max-width:900px;height:auto;background:#fff;border:1px solid #ccc}\n"
                    + ".runs{overflow-x:auto}table{border-collapse:collapse;background:#fff}\n"
                    + "td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:right;white-space:nowrap}\n"
                    + "td:first-child,th:first-child,td.status{text-align:left}\n"
                    + ".failed{color:#b00}.sources{font-size:90%;color:#555;text-align:left;white-space:normal}\n"
                    + ".key span{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px}\n"
                    + "</style></head>\n<body>\n<h1>Harvests</h1>\n");
            out.write("<p id=\"count\">" + rows.size() + (rows.size() == 1 ? " run" : " runs")
                    + (readable > rows.size() ? " (the newest " + rows.size() + " of " + readable
                            + "; report.keepRuns)" : "") + ", newest first.</p>\n");
            leftOff(out, leftOff);
            HistoryChart.write(out, rows);
            out.write("<div class=\"runs\"><table id=\"runs\">\n<tr><th>run</th><th>started</th><th>took</th>"
                    + "<th>listed</th><th>saved</th><th>skipped</th><th>failed</th><th>thumbnails</th><th>MB</th>"
                    + "<th>status</th><th>report</th></tr>\n");
            for (Row row : rows) table(out, row, reportDir, thumbnailDir);
            out.write("</table></div>\n</body></html>\n");
        }
        PartFiles.commit(partial, page);
        return onPage;
    }

    private static void table(Writer out, Row row, Path reportDir, Path thumbnailDir) throws IOException {
        String id = row.run();
        Path sheet = thumbnailDir.resolve(id + ".html");
        boolean hasSheet = Files.isRegularFile(sheet);
        String status = row.status();
        out.write("<tr><td>" + (hasSheet ? "<a href=\"" + ContactSheet.href(reportDir.toAbsolutePath().normalize(),
                sheet.toAbsolutePath().normalize()) + "\">"
                + ContactSheet.html(id) + "</a>" : ContactSheet.html(id)) + "</td><td>"
                + ContactSheet.html(ReadableTime.of(row.startedAt())) + "</td><td>"
                + String.format(Locale.ROOT, "%.1f s", row.durationMs() / 1000.0) + "</td><td>" + row.listed()
                + "</td><td>" + row.saved() + "</td><td>" + row.skipped() + "</td><td" + (row.failed() > 0
                ? " class=\"failed\"" : "") + ">" + row.failed() + "</td><td>" + row.thumbnails() + "</td><td>"
                + String.format(Locale.ROOT, "%.1f", row.bytes() / 1e6) + "</td><td class=\"status"
                + (status.equals("finished") ? "" : " failed") + "\">" + ContactSheet.html(status)
                + "</td><td><a href=\"./"
                + ContactSheet.html(id) + ".json\">JSON</a></td></tr>\n");
        if (row.sources().size() > 1) {
            StringBuilder each = new StringBuilder();
            for (SourceRow source : row.sources()) {
                if (!each.isEmpty()) each.append(" · ");
                each.append(source.name()).append(": ").append(source.error() != null ? "could not read ("
                        + source.error()
                        + "), " : "").append(source.listed()).append(" listed, ").append(source.saved())
                        .append(" saved, ").append(source.failed()).append(" failed")
                        .append(source.note() == null ? "" : " (" + source.note() + ")");
            }
            out.write("<tr><td></td><td colspan=\"10\" class=\"sources\">" + ContactSheet.html(each.toString())
                    + "</td></tr>\n");
        }
    }

    // the report files not listed, by name (a name that matched REPORT, so nothing to escape but escaped all the same)
    private static void leftOff(Writer out, List<String> files) throws IOException {
        if (files.isEmpty()) return;
        Collections.sort(files);
        List<String> named = files.subList(0, Math.min(LEFT_OFF_NAMED, files.size()));
        out.write("<p id=\"left-off\" class=\"failed\">Left off, " + files.size()
                + (files.size() == 1 ? " file" : " files") + " not written by this runner or unreadable: "
                + ContactSheet.html(String.join(", ", named))
                + (files.size() > named.size() ? ", and " + (files.size() - named.size()) + " more" : "") + "</p>\n");
    }

    // a run id is the time its run began as RunGate.RUN_ID writes it; one that names no such time (a 30th of
    // February, a 25th hour) or a time still to come was planted: it would sort first and push the real runs out
    private static boolean isRunId(String run, Instant now) {
        String time = run.substring("harvest-".length());
        Instant began = RunGate.began(time);
        return began != null && !began.isAfter(now) && RunGate.RUN_ID.format(began).equals(time);
    }

    private static Row read(Path report, String ofRun) throws IOException {
        String run = null;
        String startedAt = null;
        String sourceError = null;
        String stopped = null;
        boolean sourceRead = true;
        long[] counts = new long[7]; // durationMs listed saved skipped failed thumbnails bytes
        List<String> countNames = List.of("durationMs", "listed", "saved", "skipped", "failed", "thumbnails", "bytes");
        List<SourceRow> sources = new ArrayList<>();
        try (JsonParser json = JSON.createParser(report.toFile())) {
            if (json.nextToken() != JsonToken.START_OBJECT) throw new IOException("not a report");
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "run" -> run = json.getValueAsString();
                    case "startedAt" -> startedAt = json.getValueAsString();
                    case "sourceRead" -> sourceRead = json.getValueAsBoolean();
                    case "sourceError" -> sourceError = json.getValueAsString();
                    case "stoppedBecause" -> stopped = json.getValueAsString();
                    case "sources" -> readSources(json, sources);
                    default -> {
                        int at = countNames.indexOf(field);
                        if (at >= 0 && value.isNumeric()) counts[at] = json.getLongValue();
                        else json.skipChildren(); // the lists of failures, skips and thumbnail errors
                    }
                }
            }
        }
        if (!ofRun.equals(run)) throw new IOException("not the report of " + ofRun);
        return new Row(ofRun, startedAt, counts[0], sourceRead, sourceError, stopped, counts[1], counts[2], counts[3],
                counts[4], counts[5], counts[6], sources);
    }

    private static void readSources(JsonParser json, List<SourceRow> sources) throws IOException {
        if (json.currentToken() != JsonToken.START_ARRAY) {
            json.skipChildren();
            return;
        }
        while (json.nextToken() == JsonToken.START_OBJECT) {
            String name = "";
            String error = null;
            String note = null;
            long listed = 0;
            long saved = 0;
            long failed = 0;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case "name" -> name = json.getValueAsString();
                    case "error" -> error = json.getValueAsString();
                    case "note" -> note = json.getValueAsString();
                    case "listed" -> listed = json.getValueAsLong();
                    case "saved" -> saved = json.getValueAsLong();
                    case "failed" -> failed = json.getValueAsLong();
                    default -> json.skipChildren();
                }
            }
            sources.add(new SourceRow(name, listed, saved, failed, error, note));
        }
    }
}
