package org.imageharvester.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.imageharvester.source.Listing;
import org.imageharvester.values.NetworkText;
import org.imageharvester.values.Source;

/**
 * Writes one harvest's report: its problem log and contact sheet as it runs, its JSON report and summary line at its
 * end.
 */
public final class HarvestReport {

    private static final Logger LOG = LoggerFactory.getLogger(HarvestReport.class);

    private final RunGate gate;
    private final RunTally tally;
    private Path dir;
    private Path thumbnailDir;
    private Path imageDir;
    private boolean contactSheet;
    private volatile ProblemLog problems;
    private volatile ContactSheet sheet;
    private volatile HarvestSummary lastRun;
    private volatile Instant lastSuccessAt;

    /** A report of the runs the gate lets begin, from the figures of the tally. */
    public HarvestReport(RunGate gate, RunTally tally) {
        this.gate = gate;
        this.tally = tally;
    }

    /** Sets {@code report.dir}, the folder of the run reports. */
    public void setDir(String dir) {
        this.dir = Path.of(dir);
    }

    /** Sets {@code thumbnail.dir}, where each run's contact sheet ({@code index.html}) is written. */
    public void setThumbnailDir(String thumbnailDir) {
        this.thumbnailDir = Path.of(thumbnailDir);
    }

    /** Sets {@code download.dir}: only images in it are linked from the contact sheet. */
    public void setImageDir(String imageDir) {
        this.imageDir = Path.of(imageDir);
    }

    /** Sets whether runs write a contact sheet ({@code thumbnail.enabled}: no thumbnails, no sheet). */
    public void setContactSheet(boolean contactSheet) {
        this.contactSheet = contactSheet;
    }

    /** The summary of the last harvest that finished, or null. */
    public HarvestSummary lastRun() {
        return lastRun;
    }

    /** When the last harvest that did not fail as a whole ended, or null. */
    Instant lastSuccessAt() {
        return lastSuccessAt;
    }

    /**
     * Opens the report of the run that has just begun, of the given sources: its problem log, its contact sheet, its
     * counts. When they cannot be written, the run ends at once.
     */
    public void begin(@ExchangeProperty("sources") List<Source> sources) throws IOException {
        try {
            Instant startedAt = gate.runBegan();
            String runId = gate.runId();
            if (problems != null) problems.close(); // the lines of a run that broke off before its end
            problems = new ProblemLog(dir, "harvest-" + runId);
            if (sheet != null) sheet.close(); // the list of a run that broke off before its end
            sheet = contactSheet ? new ContactSheet(thumbnailDir, imageDir, dir, "harvest-" + runId) : null;
            tally.start(startedAt, problems, sheet, sources);
            RunLogContext.set(runId);
        } catch (IOException | RuntimeException e) {
            gate.end();
            throw new IOException("cannot write the run's report in " + dir.toAbsolutePath() + ": " + e, e);
        }
    }

    /** Records that a source's listing could not be read, or broke off (after the pages read before it). */
    public void sourceFailed(@ExchangeProperty("source") Source source, @ExchangeProperty("listing") Listing listing,
            Throwable cause) {
        SourceRun run = tally.sourceRun(source);
        if (run == null) return;
        run.error = source.masked(NetworkText.reason(cause));
        if (listing != null) run.pages = listing.pages();
    }

    /**
     * Records a source whose links are all done: how many pages were read and why its listing ended early, if it did;
     * then throws why the listing broke off while it was read, if it did (the links read before were still done).
     */
    public void sourceDone(@ExchangeProperty("source") Source source, @ExchangeProperty("listing") Listing listing)
            throws Exception {
        SourceRun run = tally.sourceRun(source);
        if (run != null) {
            run.pages = listing.pages();
            run.note = source.masked(listing.note());
            if (run.note != null) LOG.info("Listing of {}: {}", run.name, run.note);
        }
        if (listing.getFailure() != null) throw listing.getFailure();
    }

    /**
     * Writes the run's JSON report and contact sheet and returns its summary; when the report cannot be written, the
     * run ends at once.
     */
    public HarvestSummary write() throws IOException {
        try {
            HarvestSummary summary = tally.summary(problems.runId(), gate.stopReason());
            writeContactSheet(summary);
            problems.writeReport(summary);
            return summary;
        } catch (IOException | RuntimeException e) {
            end();
            throw e;
        }
    }

    /** Ends the run whose report is written: logs its summary line, and returns the summary. */
    public HarvestSummary finish(@ExchangeProperty("summary") HarvestSummary summary) {
        lastRun = summary;
        if (!summary.failedAsAWhole()) lastSuccessAt = Instant.now();
        LOG.info("{}", summary);
        end();
        return summary;
    }

    private void end() {
        RunLogContext.set(null); // the lines from now on are of no run
        gate.end();
    }

    // the page is a view of the run: a folder that cannot take it must not cost the run its report
    private void writeContactSheet(HarvestSummary summary) {
        ContactSheet current = sheet;
        if (current == null) return;
        try {
            current.write(summary, problems);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not write the run's contact sheet in {}: {}", thumbnailDir.toAbsolutePath(), e.toString());
        }
    }
}
