package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.imageharvester.runner.App;

/** What a runner prints: a few lines around the harvest's own, one line for a failure, no secret ever. */
class QuietRunnerTest extends RunnerProcessSupport {

    private static List<String> lines(String log) {
        return log.lines().filter(line -> !line.isBlank()).toList();
    }

    @Test
    void the_demo_says_what_it_will_do_in_a_few_lines_then_harvests_then_ends_in_two() throws Exception {
        Process runner = start(List.of(), "--once", "--demo");

        assertEquals(0, exitCode(runner, 120), log(runner));
        List<String> lines = lines(log(runner));
        int started = indexOf(lines, "Harvest started");
        int finished = indexOf(lines, "Harvest finished");
        assertTrue(started >= 0 && finished > started, String.join("\n", lines));
        assertTrue(started <= 5, "at most 5 lines before Harvest started:\n" + String.join("\n",
                lines.subList(0, started)));
        assertTrue(lines.size() - 1 - finished <= 2, "at most 2 lines after Harvest finished:\n"
                + String.join("\n", lines.subList(finished, lines.size())));
        assertTrue(lines.stream().anyMatch(line ->
                line.contains("Image harvester ready: standalone, reading http://127.0.0.1:")
                && line.contains("; harvesting once now")), String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(line -> line.contains("dylib")), "no library of another system named");
        assertTrue(lines.stream().filter(line -> line.contains("libjpeg-turbo")).count() <= 1, "said once at most");
    }

    @Test
    void the_ready_line_says_in_it_what_thumbnails_are_decoded_with_and_what_is_kept_without() throws Exception {
        server.serve("/urls.txt", "text/plain", "");
        Process runner = start(List.of("-Dsource.url=" + server.url("/urls.txt"), "-Dsource.format=lines",
                "-Dsource.headers=", "-Dthumbnail.libheif=false"), "--once");

        assertEquals(0, exitCode(runner, 60), log(runner));
        List<String> lines = lines(log(runner));
        List<String> ready = lines.stream().filter(line -> line.contains("Image harvester ready: ")).toList();
        assertEquals(1, ready.size(), String.join("\n", lines));
        // (libjpeg-turbo and libwebp named where the machine has them)
        assertTrue(ready.get(0).matches(".*; harvesting once now; thumbnails: (JPEG with libjpeg-turbo, )?(WebP with"
                + " libwebp, )?(JPEG and )?other formats with ImageIO( \\(install libturbojpeg0 for JPEGs several"
                + " times faster\\))?; AVIF and HEIF images are kept without a thumbnail \\(thumbnail.libheif ="
                + " false\\)"), ready.get(0));
        assertEquals(1, lines.stream().filter(line -> line.contains("ImageIO")).count(), "one line, not several");
    }

    @Test
    void verbose_brings_back_camels_summaries_and_no_line_ever_shows_a_sources_headers() throws Exception {
        server.serve("/urls.txt", "text/plain", "");
        Process runner = start(List.of("-Dsource.url=" + server.url("/urls.txt"), "-Dsource.format=lines",
                "-Dsource.headers=X-Api-Key: header-secret-4711 | Accept: text/plain", "-Dharvest.sources=one",
                "-Dsource.one.url=" + server.url("/urls.txt"), "-Dsource.one.format=lines",
                "-Dsource.one.headers=Authorization: Bearer source-secret-0815"), "--once", "--verbose");

        assertEquals(0, exitCode(runner, 60), log(runner));
        String log = log(runner);
        assertTrue(log.contains("Auto-configuration summary") || log.contains("Property-placeholders summary"), log);
        assertTrue(log.contains("Routes startup"), log);
        assertFalse(log.contains("header-secret-4711"), log);
        assertFalse(log.contains("source-secret-0815"), log);
        assertEquals("Bearer source-secret-0815", server.requestHeaders("/urls.txt").getFirst("Authorization"),
                "the header is sent all the same");
    }

    @Test
    void a_start_up_failure_is_one_line_naming_what_to_fix() throws Exception {
        Process runner = start(List.of("-Ddownload.concurency=4"), "--once");

        assertEquals(App.START_FAILED, exitCode(runner, 60));
        List<String> errors = lines(log(runner)).stream().filter(line -> line.contains(" ERROR ")).toList();
        assertEquals(1, errors.size(), log(runner));
        assertTrue(errors.get(0).endsWith("Harvester could not start: unknown setting download.concurency"
                + " (did you mean download.concurrency?)"), errors.get(0));
    }

    @Test
    void a_key_missing_from_application_properties_is_named() throws Exception {
        Path folder = Files.createDirectories(work.resolve("app"));
        copy(Path.of("routes"), folder.resolve("routes"));
        String settings = Files.readString(Path.of("application.properties"));
        Files.writeString(folder.resolve("application.properties"), settings.lines()
                .filter(line -> !line.startsWith("download.userAgent")).collect(Collectors.joining("\n")));
        Process runner = start(List.of("-Dsource.headers="), folder, "--once");

        assertEquals(App.START_FAILED, exitCode(runner, 60));
        String error = lines(log(runner)).stream().filter(line -> line.contains(" ERROR ")).findFirst().orElse("");
        assertTrue(error.contains("Harvester could not start: ") && error.contains("download.userAgent"), log(runner));
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i;
        return -1;
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) Files.createDirectories(target);
                else Files.copy(file, target);
            }
        }
    }
}
