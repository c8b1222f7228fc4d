package org.imageharvester.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsCheckTest {

    @Test
    void passes_the_shipped_settings() {
        // (but for the Imgur header, which needs IMGUR_CLIENT_ID from the environment)
        SettingsCheck.check(context(properties("source.headers", "")));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SettingsCheck.check(context(properties("source.headers",
                "X-Key: ${HARVEST_TEST_UNSET_VARIABLE}"))));
        assertTrue(refused.getMessage().contains("HARVEST_TEST_UNSET_VARIABLE, which is not set"),
                refused.getMessage());
    }

    @Test
    void checks_each_sources_keys_as_its_source_dot_key_and_knows_no_others() {
        Properties sources = properties("harvest.sources", "imgur, blog", "source.imgur.url",
                "https://api.example/{page}",
                "source.imgur.maxPages", "none", "source.blog.url", "https://blog.example/feed", "source.blog.format",
                "rss",
                "source.blog.urll", "x", "source.wiki.url", "https://wiki.example/", "source.headers", "");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SettingsCheck.check(context(sources)));

        String message = refused.getMessage();
        assertTrue(message.startsWith("source.blog.format = 'rss' must be json, lines, html or feed;"), message);
        assertTrue(message.contains("; unknown setting source.blog.urll"), message);
        assertTrue(message.contains("; source.imgur.maxPages = 'none' is not a whole number"), message);
        assertTrue(message.contains("; unknown setting source.wiki.url"), "wiki is not a declared source: " + message);
        assertThrows(IllegalArgumentException.class, () -> SettingsCheck.check(context(properties("harvest.sources",
                "../x", "source.headers", ""))));
        SettingsCheck.check(context(properties("harvest.sources", "imgur, blog", "source.imgur.url",
                "https://api.example/{page}", "source.blog.url", "https://blog.example/feed", "source.blog.format",
                "feed",
                "source.blog.folder", "true", "source.headers", "")));
    }

    @Test
    void knows_every_key_of_application_properties_and_no_other() throws IOException {
        Set<String> documented = new TreeSet<>();
        // keys, commented out ones too (#download.concurrency = 16): each has its comment above it
        Matcher key = Pattern.compile("(?m)^#?([a-z]+\\.[A-Za-z.]+) =")
                .matcher(Files.readString(Path.of("application.properties")));
        while (key.find()) {
            if (!key.group(1).startsWith("camel.")) documented.add(key.group(1));
        }
        assertEquals(documented, new TreeSet<>(SettingsCheck.KNOWN.keySet()));
    }

    @Test
    void names_each_bad_key_and_value() {
        Properties bad = new Properties();
        bad.put("thumbnail.widht", "64");
        bad.put("download.retries", "-1");
        bad.put("source.format", "xml");
        bad.put("harvest.runMissed", "yes");
        bad.put("report.directory", "out");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SettingsCheck.check(context(bad)));

        assertEquals("download.retries = '-1' must be at least 0; harvest.runMissed = 'yes' must be true or false;"
                + " unknown setting report.directory (the settings are listed in application.properties);"
                + " source.format = 'xml' must be json, lines, html or feed;"
                + " unknown setting thumbnail.widht (did you mean thumbnail.width?)", refused.getMessage());
    }

    @Test
    void checks_the_pool_keys_the_route_files_hold_when_they_are_set_as_options() {
        // (application.properties sets none of them: their defaults live in the route files)
        SettingsCheck.check(context(properties("source.headers", "", "source.concurrency", "2",
                "download.concurrency", "3", "thumbnail.concurrency", "0", "worker.concurrency", "4")));
        System.setProperty("download.queueSize", "0");
        try {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> SettingsCheck.check(
                    context(properties("source.headers", "", "thumbnail.queueSize", "many"))));

            assertEquals("download.queueSize = '0' must be at least 1; thumbnail.queueSize = 'many' is not a whole"
                    + " number", refused.getMessage());
        } finally {
            System.clearProperty("download.queueSize");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scheduler", "worker"})
    void refuses_a_scale_out_node_without_a_broker_login(String role) {
        Properties noPassword = properties("harvest.role", role, "broker.user", "harvester");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SettingsCheck.check(context(noPassword)));

        assertEquals("harvest.role = " + role + " needs broker.user and broker.password"
                + " (BROKER_USER / BROKER_PASSWORD in the environment)", refused.getMessage());
    }

    @Test
    void refuses_an_embedded_broker_without_a_login_or_with_a_short_password() {
        IllegalArgumentException noLogin = assertThrows(IllegalArgumentException.class,
                () -> SettingsCheck.check(context(properties("broker.embedded", "tcp://127.0.0.1:61616"))));
        IllegalArgumentException shortPassword = assertThrows(IllegalArgumentException.class,
                () -> SettingsCheck.check(context(properties("broker.embedded", "tcp://127.0.0.1:61616",
                        "broker.user", "harvester", "broker.password", "elevenchars"))));

        assertEquals("broker.embedded needs broker.user and broker.password"
                + " (BROKER_USER / BROKER_PASSWORD in the environment)", noLogin.getMessage());
        assertEquals("broker.password is shorter than 12 characters: broker.embedded needs a longer one",
                shortPassword.getMessage());
    }

    @Test
    void passes_a_worker_with_its_broker_embedded_and_a_login() {
        SettingsCheck.check(context(properties("harvest.role", "worker", "broker.embedded", "tcp://127.0.0.1:61616",
                "broker.user", "harvester", "broker.password", "twelve-chars")));
    }

    private static Properties properties(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) properties.put(keysAndValues[i], keysAndValues[i + 1]);
        return properties;
    }

    private static DefaultCamelContext context(Properties overrides) {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("file:application.properties");
        context.getPropertiesComponent().setOverrideProperties(overrides);
        return context;
    }
}
