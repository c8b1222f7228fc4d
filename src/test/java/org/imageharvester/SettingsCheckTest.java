package org.imageharvester;

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

    private static DefaultCamelContext context(Properties overrides) {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("file:application.properties");
        context.getPropertiesComponent().setOverrideProperties(overrides);
        return context;
    }
}
