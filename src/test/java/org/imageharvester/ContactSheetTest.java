package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.imageharvester.report.HarvestSummary;
import org.imageharvester.report.HistoryPage;

/** index.html next to the thumbnails, looked at in a real headless Chromium (Debian's package; .ci/run installs it). */
class ContactSheetTest extends HarvesterTestSupport {

    private static final int RED = 0xe01010;
    private static final int GREEN = 0x10c010;
    private static final int BLUE = 0x1010e0;

    @Test
    void shows_this_runs_thumbnails_linking_to_the_originals_with_the_figures_and_failures() throws Exception {
        server.serve("/red.jpg", "image/jpeg", TestImages.image("jpg", 400, 300, RED))
                .serve("/green.png", "image/png", TestImages.image("png", 300, 400, GREEN))
                .serve("/blue.jpg", "image/jpeg", TestImages.image("jpg", 500, 250, BLUE))
                .serve("/gone.jpg", 404, "text/plain", "no".getBytes());
        list("/red.jpg", "/green.png", "/blue.jpg", "/gone.jpg");

        harvest();

        Path page = file("thumbnails", "index.html");
        String html = Files.readString(page);
        for (String image : files("images")) {
            String stem = image.substring(0, image.lastIndexOf('.'));
            assertTrue(html.contains("<a href=\"../images/" + image + "\"><img src=\"./" + stem + "_thumbnail"), html);
        }
        String chromium = chromium();
        assumeTrue(chromium != null, "Chromium is not installed (.ci/run installs Debian's chromium)");

        String dom = run(chromium, "--dump-dom", page.toUri().toString());
        assertTrue(dom.contains("Harvest finished: 4 listed, 3 saved, 0 skipped, 1 failed, 3 thumbnails"), dom);
        assertTrue(dom.contains("<td>" + server.url("/gone.jpg") + "</td><td>404</td><td>HTTP 404</td>"), dom);

        Path shot = work.resolve("sheet.png");
        run(chromium, "--window-size=900,700", "--screenshot=" + shot, page.toUri().toString());
        BufferedImage seen = TestImages.read(shot);
        // each thumbnail shows as a block of its colour, all three in the first row of the sheet
        for (int colour : new int[] {RED, GREEN, BLUE}) {
            assertTrue(pixelsNear(seen, colour) > 3000, "the " + Integer.toHexString(colour)
                    + " thumbnail is on the page");
        }
        assertEquals(0, pixelsNear(seen, 0xf0f000), "no colour that is not on the page");
    }

    @Test
    void a_sheet_that_cannot_be_written_does_not_cost_the_run_its_report() throws Exception {
        server.serve("/red.jpg", "image/jpeg", TestImages.image("jpg", 400, 300, RED));
        list("/red.jpg");
        Files.createDirectories(work.resolve("thumbnails/index.html/taken")); // index.html is a folder with content

        HarvestSummary summary = harvest();

        assertEquals(List.of(1L, 1L), List.of(summary.saved(), summary.thumbnails()), summary.toString());
        assertEquals(1, files("reports").stream().filter(name -> name.endsWith(".json")).count(),
                files("reports").toString());
    }

    @Test
    void lists_every_run_newest_first_with_its_sheet_report_and_a_chart_that_fits_a_phone() throws Exception {
        server.serve("/red.jpg", "image/jpeg", TestImages.image("jpg", 400, 300, RED))
                .serve("/green.png", "image/png", TestImages.image("png", 300, 400, GREEN));
        list("/red.jpg");
        harvest();
        list("/red.jpg", "/green.png", "/gone.jpg");
        harvest();
        server.serve("/urls.txt", 500, "text/plain", "down".getBytes());
        harvest();

        Path page = file("reports", "index.html");
        String html = Files.readString(page);
        List<String> runs = files("reports").stream().filter(f -> f.endsWith(".json")).sorted().toList();
        assertEquals(3, runs.size(), runs.toString());
        String newest = runs.get(2).replace(".json", "");
        String oldest = runs.get(0).replace(".json", "");
        String table = html.substring(html.indexOf("<table id=\"runs\">"));
        assertTrue(table.indexOf(newest) < table.indexOf(oldest), "newest first: " + html);
        // each run's contact sheet is its own file, linked from the page; the failed run's listing made none to link
        for (String run : List.of(oldest, runs.get(1).replace(".json", ""))) {
            assertTrue(Files.isRegularFile(file("thumbnails", run + ".html")), run);
            assertTrue(html.contains("<a href=\"../thumbnails/" + run + ".html\">" + run + "</a>"), html);
            assertTrue(html.contains("<a href=\"./" + run + ".json\">JSON</a>"), html);
        }
        assertTrue(html.contains("failed: HTTP 500"), html);
        assertFalse(html.contains("<script"), "no script");

        String chromium = chromium();
        assumeTrue(chromium != null, "Chromium is not installed (.ci/run installs Debian's chromium)");
        String dom = run(chromium, "--dump-dom", page.toUri().toString());
        assertEquals(3 + 1, dom.split("<tr>", -1).length - 1, "a header row and three runs: " + dom);
        assertEquals(6, dom.split("<rect ", -1).length - 1, "a saved and a failed bar per run: " + dom);
        Path shot = work.resolve("history.png");
        run(chromium, "--window-size=390,844", "--screenshot=" + shot, page.toUri().toString());
        BufferedImage seen = TestImages.read(shot);
        assertEquals(390, seen.getWidth());
        assertTrue(pixelsNear(seen, 0x33aa33) > 500, "the chart's saved bars are on a phone-sized screen");
        assertTrue(pixelsNear(seen, 0x2244cc) > 50, "and its bytes line");

        // bounded: report.keepRuns runs on the page; the older runs' sheets go, their JSON stays
        context.getRegistry().lookupByNameAndType("historyPage", HistoryPage.class).setKeepRuns(2);
        list("/red.jpg");
        harvest();
        String kept = Files.readString(page);
        assertTrue(kept.contains("the newest 2 of 4"), kept);
        assertTrue(!kept.contains(oldest) && !Files.exists(file("thumbnails", oldest + ".html")), kept);
        assertTrue(Files.exists(file("reports", oldest + ".json")));
    }

    static int pixelsNear(BufferedImage image, int colour) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int d = 0;
                for (int shift : new int[] {16, 8, 0}) d = Math.max(d,
                        Math.abs((rgb >> shift & 0xFF) - (colour >> shift & 0xFF)));
                if (d < 40) count++;
            }
        }
        return count;
    }

    private static String chromium() {
        for (String candidate : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome"}) {
            if (Files.isExecutable(Path.of(candidate))) return candidate;
        }
        return null;
    }

    // the flags a sandboxed, offline machine needs; a fresh profile each time
    private String run(String chromium, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + Files.createTempDirectory(work,
                "chromium")));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(work, "chromium", ".out");
        Process browser = new ProcessBuilder(command).redirectErrorStream(false).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(browser.waitFor(90, TimeUnit.SECONDS), "Chromium finished");
        assertEquals(0, browser.exitValue(), "Chromium's exit code");
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
