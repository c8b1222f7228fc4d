package org.imageharvester.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        SettingsCheck.check(context(new Properties()));
    }

    @Test
    void knows_every_key_of_application_properties_and_no_other() throws IOException {
        Set<String> documented = new TreeSet<>();
        // keys, commented out ones too (#download.concurrency = 16): each has its comment above it
        Matcher key = Pattern.compile("(?m)^#?([a-z]+\\.[A-Za-z.]+) =").matcher(Files.readString(Path.of("application.properties")));
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

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> SettingsCheck.check(context(bad)));

        assertEquals("download.retries = '-1' must be at least 0; harvest.runMissed = 'yes' must be true or false;"
                + " unknown setting report.directory (the settings are listed in application.properties);"
                + " source.format = 'xml' must be json, lines or html;"
                + " unknown setting thumbnail.widht (did you mean thumbnail.width?)", refused.getMessage());
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
