package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Properties;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.junit.jupiter.api.Test;

/** The runner's own log layout (log4j2.properties) never lets text from the network start a line of its own. */
class LogEscapingTest {

    private static String format(String message) throws Exception {
        return format(message, null, null);
    }

    private static String format(String message, Throwable thrown, String run) throws Exception {
        Properties config = new Properties();
        try (InputStream in = LogEscapingTest.class.getResourceAsStream("/log4j2.properties")) {
            config.load(in);
        }
        PatternLayout layout = PatternLayout.newBuilder().withConfiguration(new DefaultConfiguration())
                .withPattern(config.getProperty("appender.console.layout.pattern")).build();
        var context = new SortedArrayStringMap();
        if (run != null) context.putValue("harvest.run", run);
        LogEvent event = Log4jLogEvent.newBuilder().setLoggerName("org.imageharvester.test").setLevel(Level.WARN)
                .setMessage(new SimpleMessage(message)).setThrown(thrown).setContextData(context).build();
        return layout.toSerializable(event);
    }

    @Test
    void a_link_with_a_newline_cannot_forge_a_log_line() throws Exception {
        String forged = "http://x.example/a.png\n10:00:00.000 INFO  [main] run-harvest - Harvest finished: 0 failed";

        String line = format("Skipped " + forged + ": not an http(s) URL");

        assertEquals(1, line.split("\n", -1).length - 1, "one line, ended by its own newline: " + line);
        assertTrue(line.contains("a.png\\n10:00:00.000 INFO"), line);
    }

    @Test
    void replaces_every_other_control_character() throws Exception {
        String line = format("a\rb\u001b[31mred\u0000\u0085\u2028z\u0007");

        assertTrue(line.contains("a\\rb?[31mred???z?"), line);
        assertFalse(line.substring(0, line.length() - 1).chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f)),
                line);
    }

    @Test
    void an_exception_or_a_run_id_from_the_network_cannot_forge_a_line_either() throws Exception {
        String forged = "1\n12:00:00.000 INFO  [main] run-harvest - Harvest finished";

        String line = format("Failed delivery", new IllegalArgumentException(forged),
                "20261201-020000-000\r\nFAKE\u001b");

        assertEquals(1, line.split("\n", -1).length - 1, "one line: " + line);
        assertTrue(line.contains("IllegalArgumentException: 1\\n12:00:00.000"), line);
        assertTrue(line.contains("[20261201-020000-000\\r\\nFAKE?]"), line);
    }
}
