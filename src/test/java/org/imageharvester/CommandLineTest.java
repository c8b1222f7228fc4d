package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.imageharvester.runner.App;

/** What a user types after the launcher is what runs: a setting is set, anything else stops the runner with exit 1. */
class CommandLineTest extends RunnerProcessSupport {

    private Map<String, byte[]> served;

    private Process startWithImages(String... args) throws Exception {
        served = Runners.serveImages(server, 3, 0);
        return start(List.of("-Dsource.url=" + server.url("/urls.txt"), "-Dsource.format=lines", "-Dsource.headers="),
                args);
    }

    private List<String> errors(Process runner) throws Exception {
        return log(runner).lines().filter(line -> line.contains(" ERROR ")).toList();
    }

    @Test
    void a_dash_d_setting_after_once_is_set() throws Exception {
        Path elsewhere = work.resolve("typed-d");

        Process runner = startWithImages("--once", "-Ddownload.dir=" + elsewhere);

        assertEquals(0, exitCode(runner, 60), log(runner));
        assertEquals(served.keySet(), Runners.savedImages(elsewhere).keySet(), log(runner));
        assertEquals(0, count("images"), "nothing in the folder of the JVM's own -Ddownload.dir");
    }

    @Test
    void a_double_dash_setting_is_set() throws Exception {
        Path elsewhere = work.resolve("typed-dash");

        Process runner = startWithImages("--download.dir=" + elsewhere, "--once");

        assertEquals(0, exitCode(runner, 60), log(runner));
        assertEquals(served.keySet(), Runners.savedImages(elsewhere).keySet(), log(runner));
        assertEquals(0, count("images"), "nothing in the folder of the JVM's own -Ddownload.dir");
    }

    @Test
    void an_unknown_argument_stops_it_with_exit_1_and_one_line_naming_it() throws Exception {
        Process runner = startWithImages("--once", "--bogus");

        assertEquals(App.START_FAILED, exitCode(runner, 60), log(runner));
        List<String> errors = errors(runner);
        assertEquals(1, errors.size(), log(runner));
        assertTrue(errors.get(0).endsWith("Harvester could not start: unknown argument --bogus (arguments: --once,"
                + " --demo, --verbose, --create-schema, --help, -Dkey=value, --key=value)"), errors.get(0));
        assertEquals(0, server.hits("/urls.txt"), "no listing read");
        assertEquals(0, count("images"));
        assertEquals(0, count("reports"));
    }

    @Test
    void a_setting_that_names_nothing_stops_it_without_printing_its_value() throws Exception {
        Process runner = startWithImages("--once", "--onse=s3cr3t-typed-0042");

        assertEquals(App.START_FAILED, exitCode(runner, 60), log(runner));
        List<String> errors = errors(runner);
        assertEquals(1, errors.size(), log(runner));
        assertTrue(errors.get(0).contains("Harvester could not start: unknown argument --onse=...: onse names no"
                + " setting"), errors.get(0));
        assertFalse(log(runner).contains("s3cr3t-typed-0042"), log(runner));
        assertEquals(0, server.hits("/urls.txt"), "no listing read");
    }

    @Test
    void a_misspelt_key_typed_as_an_argument_stops_it_naming_the_key() throws Exception {
        Process runner = startWithImages("--once", "-Ddownload.concurency=4");

        assertEquals(App.START_FAILED, exitCode(runner, 60), log(runner));
        List<String> errors = errors(runner);
        assertEquals(1, errors.size(), log(runner));
        assertTrue(errors.get(0).endsWith("Harvester could not start: unknown setting download.concurency"
                + " (did you mean download.concurrency?)"), errors.get(0));
        assertEquals(0, server.hits("/urls.txt"), "no listing read");
        assertEquals(0, count("images"));
    }

    @Test
    void help_prints_the_arguments_and_harvests_nothing() throws Exception {
        Process runner = startWithImages("--help", "--once");

        assertEquals(0, exitCode(runner, 60), log(runner));
        String log = log(runner);
        assertTrue(log.startsWith("Usage: harvester [--once] [--demo] [--verbose] [--create-schema]"
                + " [-Dkey=value | --key=value]..."),
                log);
        assertTrue(log.contains("-Dkey=value      set a key of application.properties"), log);
        assertEquals(0, server.hits("/urls.txt"), "no listing read");
        assertEquals(0, count("reports"));
    }
}
