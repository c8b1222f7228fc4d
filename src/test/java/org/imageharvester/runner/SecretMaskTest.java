package org.imageharvester.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/** The secrets found in the settings, and each masked in a log line as the runner's layout writes it. */
class SecretMaskTest {

    private static String line(LogEvent event) throws Exception {
        Properties config = new Properties();
        try (InputStream in = SecretMaskTest.class.getResourceAsStream("/log4j2.properties")) {
            config.load(in);
        }
        return PatternLayout.newBuilder().withConfiguration(new DefaultConfiguration())
                .withPattern(config.getProperty("appender.console.layout.pattern")).build().toSerializable(event);
    }

    private static LogEvent event(String message, Throwable thrown) {
        return Log4jLogEvent.newBuilder().setLoggerName("org.imageharvester.test").setLevel(Level.WARN)
                .setMessage(new SimpleMessage(message)).setThrown(thrown).build();
    }

    @Test
    void finds_the_password_parts_of_urls_and_the_values_of_password_keys() {
        assertEquals(List.of("ks-4711", "ts-4712"), SecretValues.in("broker.url",
                "tcp://h:61617?sslEnabled=true;keyStorePassword=ks-4711;trustStorePath=/t.p12;"
                        + "trustStorePassword=ts-4712"));
        assertEquals(List.of("pg-4713"), SecretValues.in("ledger.url",
                "jdbc:postgresql://db:5432/harvest?user=harvester&password=pg-4713&ssl=true"));
        assertEquals(List.of("h2-4714"), SecretValues.in("ledger.url",
                "jdbc:h2:tcp://db:9092/harvest;PASSWORD=h2-4714"));
        assertEquals(List.of("info-4715"), SecretValues.in("source.url", "https://reader:info-4715@example.org/a.txt"));
        assertEquals(List.of("pw-4716"), SecretValues.in("broker.password", "pw-4716"));
        assertEquals(List.of(), SecretValues.in("broker.url", "tcp://127.0.0.1:61616?consumerWindowSize=0"));
        assertEquals(List.of(), SecretValues.in("ledger.user", "harvester"), "a user name is no secret");
    }

    @Test
    void finds_what_a_variable_of_a_sources_url_expands_to() {
        // (a variable every test JVM has; its value is what the runner would mask)
        assertEquals(List.of(System.getenv("PATH")),
                SecretValues.in("source.one.url", "https://api.example/v1/${PATH}/photos?page={page}"));
    }

    @Test
    void masks_the_secret_parts_of_a_url_in_any_line_though_no_setting_named_them() throws Exception {
        SecretMask mask = new SecretMask(List.of());

        String line = line(mask.rewrite(event("Could not save https://cdn.example/a.jpg?sig=ab12cd HTTP 403", null)));

        assertTrue(line.endsWith("Could not save https://cdn.example/a.jpg?sig=*** HTTP 403\n"), line);
    }

    @Test
    void masks_each_secret_in_the_message_and_leaves_other_lines_as_they_are() throws Exception {
        SecretMask mask = new SecretMask(List.of("s3cr3t", "s3cr3t-longer"));
        LogEvent plain = event("Harvest finished: 3 saved", null);

        String line = line(mask.rewrite(event("url = tcp://h?keyStorePassword=s3cr3t-longer&trustStorePassword=s3cr3t",
                null)));

        assertTrue(line.endsWith("url = tcp://h?keyStorePassword=***&trustStorePassword=***\n"), line);
        assertSame(plain, mask.rewrite(plain));
    }

    @Test
    void masks_a_secret_in_an_exceptions_message_or_its_cause_keeping_the_line_one_line() throws Exception {
        SecretMask mask = new SecretMask(List.of("s3cr3t-4717"));
        Throwable thrown = new IllegalStateException("cannot open the ledger", new SQLException(
                "Connection refused: jdbc:h2:tcp://db:9092/harvest;PASSWORD=s3cr3t-4717"));

        String line = line(mask.rewrite(event("Harvester could not start", thrown)));

        assertFalse(line.contains("s3cr3t-4717"), line);
        assertTrue(line.contains("Harvester could not start java.lang.IllegalStateException: cannot open the ledger"),
                line);
        assertTrue(line.contains("Caused by: java.sql.SQLException: Connection refused: jdbc:h2:tcp://db:9092/harvest;"
                + "PASSWORD=***"), line);
        assertEquals(1, line.split("\n", -1).length - 1, "one line: " + line);
    }
}
