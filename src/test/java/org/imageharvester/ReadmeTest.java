package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The README's Quick start, checked against a real demo run: its commands, and the lines it says the demo prints. */
class ReadmeTest extends RunnerProcessSupport {

    // a log line: time, level, thread, the run's id when there is one, the logger; then the message
    private static final Pattern LINE =
            Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\w+\\s+\\[[^\\]]*\\] (?:\\[[^\\]]*\\] )?\\S+ - (.*)$");

    private static String quickStart() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Quick start");
        return readme.substring(start, readme.indexOf("\n## ", start + 1));
    }

    // what varies from run to run: the demo gallery's port when 8765 is taken, a run's seconds; from machine to
    // machine: the libraries thumbnails are decoded with (QuietRunnerTest checks that clause)
    private static String steady(String line) {
        return line.replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT").replaceAll(" in \\d+\\.\\d s$", " in N s")
                .replaceAll("; thumbnails: .*$", "; thumbnails: ...");
    }

    private List<String> messages(Process runner) throws Exception {
        return log(runner).lines().map(LINE::matcher).filter(Matcher::matches).map(m -> m.group(1))
                .map(ReadmeTest::steady)
                .toList();
    }

    @Test
    void the_quick_start_gives_the_two_commands_and_the_lines_a_real_demo_run_prints() throws Exception {
        String quickStart = quickStart();
        assertTrue(quickStart.contains("```\nmvn -B -DskipTests package && ./harvester --once --demo\nmvn -B "
                + "verify\n```"),
                quickStart);
        String block = quickStart.substring(quickStart.indexOf("The demo prints"));
        block = block.substring(block.indexOf("```\n") + 4, block.indexOf("\n```", block.indexOf("```\n") + 4));
        List<String> expected = block.lines().map(ReadmeTest::steady).toList();

        Process first = start(List.of(), "--once", "--demo");
        assertEquals(0, exitCode(first, 120), log(first));
        assertEquals(expected, messages(first));

        Matcher again = Pattern.compile("the run ends\\s+`([^`]+)`").matcher(quickStart);
        assertTrue(again.find(), quickStart);
        Process second = start(List.of(), "--once", "--demo");
        assertEquals(0, exitCode(second, 120), log(second));
        assertTrue(messages(second).contains(steady(again.group(1).replaceAll("\\s+", " "))), log(second));
    }
}
