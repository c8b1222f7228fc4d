package org.imageharvester.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.spi.PropertiesComponent;

import org.imageharvester.values.UrlMask;
import org.imageharvester.values.Variables;

/**
 * Finds the secrets among the runner's settings, for {@link SecretMask}: the value of a key that names one
 * ({@code broker.password}, {@code ledger.password}), the {@code password=}-like parts of a URL setting
 * ({@code broker.url}'s {@code keyStorePassword=...}, a {@code ledger.url}'s {@code ;PASSWORD=...}), the password of a
 * URL's {@code user:password@}, what the {@code ${NAME}} of each source's url and headers (and the webhook's headers)
 * expand to, and the webhook's URL, which often holds its token.
 */
final class SecretValues {

    // a key's last part or a URL parameter's name that names a secret
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(password|passphrase|passwd|pwd|secret|token|api_?key|access_?key|private_?key"
                    + "|webhook).*");
    // name=value parts, as URLs have them: ?a=b&c=d, ;a=b;c=d
    private static final Pattern PARAMETER = Pattern.compile("([A-Za-z0-9_.-]+)=([^;&#\\s]*)");
    private static final Pattern USER_INFO = Pattern.compile("//[^/@\\s:]*:([^/@\\s]+)@");
    // the settings whose ${NAME} are expanded from the environment
    private static final Pattern VARIABLES_KEY =
            Pattern.compile("source\\.([a-z0-9_-]+\\.)?(headers|url)|notify\\.webhookHeaders");

    private SecretValues() {
    }

    /** The secrets of every setting: application.properties, JVM and command-line options, the environment. */
    static Set<String> of(PropertiesComponent properties) {
        Set<String> keys = new TreeSet<>(properties.loadProperties().stringPropertyNames());
        System.getProperties().stringPropertyNames().stream()
                .filter(key -> SettingsCheck.ours(key) || key.startsWith("camel.")).forEach(keys::add);
        Set<String> secrets = new TreeSet<>();
        for (String key : keys) {
            String value;
            try {
                value = properties.resolveProperty(key).orElse("");
            } catch (RuntimeException unresolvable) {
                // (SettingsCheck names it)
                continue;
            }
            secrets.addAll(in(key, value));
        }
        secrets.removeIf(secret -> secret.length() < UrlMask.SHORTEST);
        return secrets;
    }

    /** The secrets in one setting's value. */
    static List<String> in(String key, String value) {
        List<String> secrets = new ArrayList<>();
        if (SECRET_NAME.matcher(key.substring(key.lastIndexOf('.') + 1)).matches()) secrets.add(value.trim());
        if (VARIABLES_KEY.matcher(key).matches()) secrets.addAll(Variables.expansions(value, System::getenv));
        Matcher parameter = PARAMETER.matcher(value);
        while (parameter.find()) {
            if (SECRET_NAME.matcher(parameter.group(1)).matches()) secrets.add(parameter.group(2));
        }
        Matcher userInfo = USER_INFO.matcher(value);
        while (userInfo.find()) secrets.add(userInfo.group(1));
        return secrets;
    }
}
