package org.imageharvester.runner;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.quartz.CronExpression;

import org.imageharvester.download.ImageFileNamer;
import org.imageharvester.report.RunNotice;
import org.imageharvester.source.Sources;
import org.imageharvester.values.EntryFields;

/**
 * Checks the harvester's settings before anything starts: a misspelt {@code harvest.*}, {@code source.*},
 * {@code download.*}, {@code thumbnail.*}, {@code ledger.*}, {@code dedup.*}, {@code report.*}, {@code broker.*},
 * {@code worker.*}, {@code notify.*} or {@code status.*} key (in application.properties or a {@code -D} option), a
 * cron Quartz cannot parse, a number that is not one or is out of range, a scale-out node or an embedded broker without
 * a broker login, each stops start-up with a message that names the key. Every key it knows is in
 * application.properties, with a comment.
 *
 * <p>(Its length is the table of every setting with its check.)
 */
public final class SettingsCheck {

    private static final Set<String> PREFIXES = Set.of("harvest.", "source.", "download.", "thumbnail.", "ledger.",
            "dedup.", "report.", "broker.", "worker.", "notify.", "status.");

    // source.<name>.<key> of a source harvest.sources names
    private static final Pattern SOURCE_KEY = Pattern.compile("source\\.([a-z0-9_-]+)\\.([A-Za-z]+)");

    /** The shortest {@code broker.password} an embedded broker accepts. */
    static final int BROKER_PASSWORD_LENGTH = 12;

    private static final Function<String, String> TEXT = value -> null;
    private static final Function<String, String> FLAG = value ->
            value.equals("true") || value.equals("false") ? null : "must be true or false";
    private static final Function<String, String> POSITIVE = number(1);
    private static final Function<String, String> NOT_NEGATIVE = number(0);
    private static final Function<String, String> CRON = value -> {
        try {
            new CronExpression(value);
            return null;
        } catch (ParseException e) {
            return "is not a Quartz cron (sec min hour day month weekday): " + e.getMessage();
        }
    };

    private static String fieldsProblem(String value) {
        try {
            EntryFields.of(value);
            return null;
        } catch (IllegalArgumentException e) {
            return "is not a list of fields: " + e.getMessage();
        }
    }

    /** Every setting the harvester reads, and how its value is checked. */
    static final Map<String, Function<String, String>> KNOWN = Map.ofEntries(
            Map.entry("harvest.once", FLAG), Map.entry("harvest.cron", CRON), Map.entry("harvest.runMissed", FLAG),
            Map.entry("source.url", TEXT), Map.entry("source.jsonPath", TEXT), Map.entry("source.headers", TEXT),
            Map.entry("source.headerHosts", TEXT),
            Map.entry("source.format", value -> Set.of("json", "lines", "html", "feed").contains(value) ? null
                    : "must be json, lines, html or feed"),
            Map.entry("harvest.sources", TEXT), Map.entry("source.concurrency", POSITIVE),
            Map.entry("source.queueSize", POSITIVE),
            Map.entry("source.maxPages", POSITIVE), Map.entry("source.firstPage", NOT_NEGATIVE),
            Map.entry("source.nextPath", TEXT), Map.entry("source.nextUrl", TEXT),
            Map.entry("source.limit", NOT_NEGATIVE),
            Map.entry("source.folder", FLAG), Map.entry("source.stopAfterKnown", NOT_NEGATIVE),
            Map.entry("source.maxLinks", POSITIVE), Map.entry("source.maxBytes", POSITIVE),
            Map.entry("source.maxLinkLength", POSITIVE), Map.entry("source.perHostConnections", POSITIVE),
            Map.entry("harvest.maxDuration", POSITIVE),
            Map.entry("download.dir", TEXT), Map.entry("download.concurrency", POSITIVE),
            Map.entry("download.layout", ImageFileNamer::layoutProblem), Map.entry("download.sidecar", FLAG),
            Map.entry("source.sidecarFields", SettingsCheck::fieldsProblem),
            Map.entry("download.queueSize", POSITIVE), Map.entry("download.perHostConcurrency", POSITIVE),
            Map.entry("download.perHostDelay.enabled", FLAG), Map.entry("download.perHostDelay", NOT_NEGATIVE),
            Map.entry("download.perHostWait", NOT_NEGATIVE), Map.entry("download.maxConnections", POSITIVE),
            Map.entry("download.allowHosts", TEXT), Map.entry("download.connectTimeout", POSITIVE),
            Map.entry("download.responseTimeout", POSITIVE), Map.entry("download.socketTimeout", POSITIVE),
            Map.entry("download.totalTimeout", POSITIVE), Map.entry("download.maxBytes", POSITIVE),
            Map.entry("download.retries", NOT_NEGATIVE), Map.entry("download.retryDelay", NOT_NEGATIVE),
            Map.entry("download.maxRetryDelay", NOT_NEGATIVE), Map.entry("download.maxRetryAfter", NOT_NEGATIVE),
            Map.entry("download.followRedirects", FLAG), Map.entry("download.userAgent", TEXT),
            Map.entry("download.keepUndecodable", FLAG),
            Map.entry("ledger.file", TEXT), Map.entry("ledger.poolSize", POSITIVE),
            Map.entry("dedup.near", value -> Set.of("report", "drop", "off").contains(value) ? null
                    : "must be report, drop or off"),
            Map.entry("dedup.nearDistance", value -> value.matches("[0-9]{1,2}") && Integer.parseInt(value) <= 64
                    ? null : "must be a whole number from 0 to 64"),
            Map.entry("thumbnail.enabled", FLAG), Map.entry("thumbnail.dir", TEXT),
            Map.entry("thumbnail.width", POSITIVE), Map.entry("thumbnail.height", POSITIVE),
            Map.entry("thumbnail.enlarge", FLAG),
            Map.entry("thumbnail.format", TEXT), Map.entry("thumbnail.maxPixels", POSITIVE),
            Map.entry("thumbnail.libjpegTurbo", FLAG), Map.entry("thumbnail.libheif", FLAG),
            Map.entry("thumbnail.concurrency", NOT_NEGATIVE),
            Map.entry("thumbnail.queueSize", POSITIVE), Map.entry("thumbnail.decodeMemory", POSITIVE),
            Map.entry("report.dir", TEXT), Map.entry("report.keepRuns", POSITIVE),
            Map.entry("report.progressInterval", POSITIVE),
            Map.entry("status.refresh", POSITIVE), Map.entry("status.runs", POSITIVE),
            Map.entry("status.hosts", TEXT),
            Map.entry("harvest.role", value -> Set.of("standalone", "scheduler", "worker").contains(value) ? null
                    : "must be standalone, scheduler or worker"),
            Map.entry("harvest.node", TEXT), Map.entry("harvest.clustered", FLAG),
            Map.entry("harvest.resultTimeout", POSITIVE),
            Map.entry("worker.concurrency", POSITIVE), Map.entry("ledger.url", TEXT),
            Map.entry("ledger.user", TEXT), Map.entry("ledger.password", TEXT), Map.entry("ledger.createSchema", FLAG),
            Map.entry("broker.url", TEXT), Map.entry("broker.user", TEXT), Map.entry("broker.password", TEXT),
            Map.entry("broker.jobs", TEXT), Map.entry("broker.answers", TEXT), Map.entry("broker.deadLetters", TEXT),
            Map.entry("broker.maxDeliveries", POSITIVE), Map.entry("broker.embedded", TEXT),
            Map.entry("broker.embeddedDir", TEXT), Map.entry("broker.sendRetries", NOT_NEGATIVE),
            Map.entry("broker.sendRetryDelay", NOT_NEGATIVE), Map.entry("broker.batchSize", POSITIVE),
            Map.entry("broker.batchWait", POSITIVE),
            Map.entry("notify.when", value -> RunNotice.WHEN.containsAll(List.of(value.split("\\s*,\\s*"))) ? null
                    : "must be new, failed, always or never (or several, comma separated)"),
            Map.entry("notify.webhook", value -> value.isEmpty() || value.matches("(?i)https?://\\S+") ? null
                    : "must be an http(s) URL, or empty"),
            Map.entry("notify.webhookHeaders", TEXT), Map.entry("notify.pageUrl", TEXT),
            Map.entry("notify.timeout", POSITIVE), Map.entry("notify.maxReasons", NOT_NEGATIVE),
            Map.entry("notify.mail.to", TEXT), Map.entry("notify.mail.from", TEXT), Map.entry("notify.mail.host", TEXT),
            Map.entry("notify.mail.port", POSITIVE),
            Map.entry("notify.mail.tls", value -> Set.of("smtps", "starttls").contains(value) ? null
                    : "must be smtps or starttls"),
            Map.entry("notify.mail.trustCertificate", TEXT), Map.entry("notify.mail.user", TEXT),
            Map.entry("notify.mail.password", TEXT));

    private SettingsCheck() {
    }

    /** Throws, naming every bad key, when a setting is unknown or its value is wrong. */
    public static void check(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        Set<String> keys = new TreeSet<>();
        Properties loaded = properties.loadProperties(SettingsCheck::ours);
        loaded.stringPropertyNames().forEach(keys::add);
        System.getProperties().stringPropertyNames().stream().filter(SettingsCheck::ours).forEach(keys::add);
        List<String> problems = new ArrayList<>();
        List<String> declared = List.of();
        try {
            declared = Sources.declared(value(properties, "harvest.sources"));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        for (String key : keys) {
            Function<String, String> rule = KNOWN.get(key);
            Matcher own = SOURCE_KEY.matcher(key);
            if (rule == null && own.matches() && declared.contains(own.group(1))
                    && Sources.KEYS.contains(own.group(2))) {
                rule = KNOWN.get("source." + own.group(2));
            }
            if (rule == null) {
                problems.add("unknown setting " + key + nearest(key));
                continue;
            }
            String value = properties.resolveProperty(key).orElse("").trim();
            String problem = rule.apply(value);
            if (problem != null) problems.add(key + " = '" + value + "' " + problem);
        }
        problems.addAll(brokerLogin(properties));
        problems.addAll(mailSettings(properties));
        // each source's settings together (a worker reads no listing; without even a source.url, started where there
        // is no application.properties, the runner says so once it finds no routes)
        boolean anySource = !declared.isEmpty() || !value(properties, "source.url").isEmpty();
        if (problems.isEmpty() && anySource && !value(properties, "harvest.role").equals("worker")) {
            try {
                Sources sources = new Sources();
                sources.setNames(value(properties, "harvest.sources"));
                sources.setSettings(properties);
                sources.load();
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
    }

    // without a login, whoever reaches the broker could take jobs, forge answers and send jobs of their own
    private static List<String> brokerLogin(PropertiesComponent properties) {
        String role = value(properties, "harvest.role");
        boolean embedded = !value(properties, "broker.embedded").isEmpty();
        List<String> needing = new ArrayList<>();
        if (role.equals("scheduler") || role.equals("worker")) needing.add("harvest.role = " + role);
        if (embedded) needing.add("broker.embedded");
        if (needing.isEmpty()) return List.of();
        String password = value(properties, "broker.password");
        if (value(properties, "broker.user").isEmpty() || password.isEmpty()) {
            return List.of(String.join(" and ", needing) + (needing.size() > 1 ? " need" : " needs")
                    + " broker.user and broker.password (BROKER_USER / BROKER_PASSWORD in the environment)");
        }
        if (embedded && password.length() < BROKER_PASSWORD_LENGTH) {
            return List.of("broker.password is shorter than " + BROKER_PASSWORD_LENGTH
                    + " characters: broker.embedded needs a longer one");
        }
        return List.of();
    }

    // a mail with no server or sender would fail at the end of every run; a login without its password too
    private static List<String> mailSettings(PropertiesComponent properties) {
        List<String> problems = new ArrayList<>();
        if (!value(properties, "notify.mail.to").isEmpty()) {
            for (String key : List.of("notify.mail.host", "notify.mail.from")) {
                if (value(properties, key).isEmpty()) problems.add("notify.mail.to needs " + key);
            }
        }
        if (!value(properties, "notify.mail.user").isEmpty() && value(properties, "notify.mail.password").isEmpty()) {
            problems.add("notify.mail.user needs notify.mail.password (NOTIFY_MAIL_PASSWORD in the environment)");
        }
        return problems;
    }

    private static String value(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).orElse("").trim();
    }

    /** True for a key of the harvester's own ({@code harvest.*}, {@code source.*}...), which this check knows. */
    static boolean ours(String key) {
        return PREFIXES.stream().anyMatch(key::startsWith);
    }

    private static Function<String, String> number(long least) {
        return value -> {
            try {
                return Long.parseLong(value) >= least ? null : "must be at least " + least;
            } catch (NumberFormatException e) {
                return "is not a whole number";
            }
        };
    }

    // a known key at most two edits away: the one that was meant
    private static String nearest(String key) {
        return KNOWN.keySet().stream().filter(known -> distance(known, key) <= 2).sorted().findFirst()
                .map(known -> " (did you mean " + known + "?)")
                .orElse(" (the settings are listed in application.properties)");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
