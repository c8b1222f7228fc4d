package org.imageharvester.runner;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;

import org.quartz.CronExpression;

import org.imageharvester.report.RunGate;

/**
 * Tells whether the schedule missed a harvest while the runner was down: the last run (the newest report in
 * {@code report.dir}) started before a time {@code harvest.cron} should have fired. With no report at all, nothing
 * was missed.
 */
public final class MissedRun {

    private String cron;
    private Path reportDir;

    public void setCron(String cron) {
        this.cron = cron;
    }

    public void setReportDir(String reportDir) {
        this.reportDir = Path.of(reportDir);
    }

    /** True when a scheduled harvest should have started since the last one did. */
    public boolean isDue() throws IOException, ParseException {
        Instant last = lastRun();
        if (last == null) return false;
        Date next = new CronExpression(cron).getNextValidTimeAfter(Date.from(last));
        return next != null && next.toInstant().isBefore(Instant.now());
    }

    private Instant lastRun() throws IOException {
        if (!Files.isDirectory(reportDir)) return null;
        Instant last = null;
        try (DirectoryStream<Path> reports = Files.newDirectoryStream(reportDir, "harvest-*.json")) {
            for (Path report : reports) {
                String name = report.getFileName().toString();
                try {
                    Instant started = Instant.from(RunGate.RUN_ID.parse(name.substring(8, name.length() - 5)));
                    if (last == null || started.isAfter(last)) last = started;
                } catch (DateTimeParseException | StringIndexOutOfBoundsException notOurs) {
                    // a file someone else put there
                }
            }
        }
        return last;
    }
}
