package org.imageharvester;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.imageharvester.runner.MissedRun;

/** With harvest.runMissed, a run the schedule missed while the runner was down happens once at start-up. */
class MissedRunTest extends HarvesterTestSupport {

    @Override
    protected void configure(Properties settings) {
        settings.put("harvest.runMissed", "true");
        // hourly: the last run, two days ago, missed dozens of them
        settings.put("harvest.cron", "0 0 * * * ?");
        server.serve("/urls.txt", "text/plain", "");
        try {
            Path reports = Files.createDirectories(work.resolve("reports"));
            String twoDaysAgo = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC)
                    .format(Instant.now().minus(Duration.ofDays(2)));
            Files.writeString(reports.resolve("harvest-" + twoDaysAgo + ".json"), "{}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void runs_the_missed_harvest_once_at_start_up() throws Exception {
        await().atMost(20, TimeUnit.SECONDS).until(() -> reports() >= 2);

        assertEquals(2, reports(), "the old report and the catch-up's: " + files("reports"));
        assertEquals(1, server.hits("/urls.txt"));
    }

    private long reports() throws Exception {
        return files("reports").stream().filter(name -> name.endsWith(".json")).count();
    }

    @Test
    void sees_nothing_missed_after_a_recent_run_or_with_no_history() throws Exception {
        MissedRun missed = new MissedRun();
        missed.setReportDir(work.resolve("reports").toString());
        missed.setCron("0 0 * * * ?");
        assertTrue(missed.isDue(), "hourly, last run two days ago");
        missed.setCron("0 0 0 1 1 ? 2099");
        assertEquals(false, missed.isDue(), "nothing was due since two days ago");
        missed.setReportDir(work.resolve("no-reports-yet").toString());
        assertEquals(false, missed.isDue(), "no history: nothing missed");
    }
}
