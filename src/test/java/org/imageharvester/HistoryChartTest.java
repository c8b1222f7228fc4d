package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.imageharvester.report.HistoryPage;
import org.imageharvester.report.RunGate;

/** The history page's times and chart, with one run and with a hundred, as headless Chromium lays them out. */
class HistoryChartTest {

    private static final Pattern RECT = Pattern.compile("<rect class=\"saved\" x=\"([0-9.]+)\" y=\"[0-9.]+\""
            + " width=\"([0-9.]+)\"");
    private static final Pattern LABEL = Pattern.compile("<text class=\"when\" x=\"([0-9.]+)\"[^>]*>([^<]*)</text>");

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(ints = {1, 100})
    void reads_the_same_with_one_run_as_with_a_hundred(int runs) throws Exception {
        Instant first = Instant.parse("2026-11-01T19:01:58.929358111Z");
        for (int i = 0; i < runs; i++) report(first.plus(Duration.ofHours(7 * i)), 10 + i % 7, i % 3, 2_000_000L + i);

        Path page = page(runs);
        String html = Files.readString(page);

        // times as a person reads them: the runner's zone, to the second
        String readable = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT)
                .format(first.atZone(ZoneId.systemDefault()));
        assertTrue(html.contains("<td>" + readable + "</td>"), readable + " in " + html);
        assertFalse(html.contains("929358111"), "no nanoseconds: " + html);
        assertFalse(html.matches("(?s).*\\d{4}-\\d\\d-\\d\\dT\\d\\d:.*"), "no ISO instants: " + html);

        List<double[]> bars = new ArrayList<>();
        for (Matcher bar = RECT.matcher(html); bar.find(); ) {
            bars.add(new double[] {Double.parseDouble(bar.group(1)), Double.parseDouble(bar.group(2))});
        }
        assertEquals(runs, bars.size(), html);
        for (double[] bar : bars) {
            assertTrue(bar[1] <= 600 / 20.0, "a bar is at most a twentieth of the chart: " + bar[1]);
            assertTrue(bar[1] >= 3, "and wide enough to see: " + bar[1]);
        }
        List<Double> labels = new ArrayList<>();
        for (Matcher label = LABEL.matcher(html); label.find(); ) {
            labels.add(Double.parseDouble(label.group(1)));
            assertTrue(label.group(2).matches("\\d\\d-\\d\\d \\d\\d:\\d\\d"), label.group(2));
        }
        assertTrue(!labels.isEmpty() && labels.size() <= 7, "a few time labels: " + labels);
        for (int i = 1; i < labels.size(); i++) {
            assertTrue(Math.abs(labels.get(i) - labels.get(i - 1)) >= 80, "labels never overlap: " + labels);
        }
        Matcher top = Pattern.compile("<text class=\"images\"[^>]*>(\\d+)</text>").matcher(html);
        long most = 0;
        while (top.find()) most = Math.max(most, Long.parseLong(top.group(1)));
        long tallest = runs == 1 ? 10 : 16 + 2;
        assertTrue(most >= tallest && String.valueOf(most).matches("[125]0*"), "a round axis end: " + most);

        String chromium = Chromium.path();
        assumeTrue(chromium != null, "Chromium is not installed (.ci/run installs Debian's chromium)");
        for (String size : List.of("900,700", "390,844")) {
            Path shot = work.resolve("history-" + runs + "-" + size.replace(',', 'x') + ".png");
            Chromium.run(work, "--window-size=" + size, "--screenshot=" + shot, page.toUri().toString());
            int green = ContactSheetTest.pixelsNear(TestImages.read(shot), 0x33aa33);
            assertTrue(green > 100, "the saved bars show at " + size + ": " + green);
        }
    }

    private Path page(int keep) {
        HistoryPage history = new HistoryPage();
        history.setReportDir(work.resolve("reports").toString());
        history.setThumbnailDir(work.resolve("thumbnails").toString());
        history.setKeepRuns(Math.max(keep, 100));
        history.write(null);
        return work.resolve("reports/index.html");
    }

    private void report(Instant started, long saved, long failed, long bytes) throws Exception {
        String run = "harvest-" + RunGate.RUN_ID.format(started);
        Files.createDirectories(work.resolve("reports"));
        Files.writeString(work.resolve("reports/" + run + ".json"), String.format(Locale.ROOT, "{\"run\":\"%s\","
                + "\"source\":\"http://127.0.0.1/urls.txt\",\"startedAt\":\"%s\",\"durationMs\":1234,"
                + "\"sourceRead\":true,\"listed\":%d,\"saved\":%d,\"skipped\":0,\"failed\":%d,\"thumbnails\":%d,"
                + "\"bytes\":%d,\"sources\":[]}", run, started, saved + failed, saved, failed, saved, bytes));
    }
}
