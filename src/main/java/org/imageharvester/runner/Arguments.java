package org.imageharvester.runner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the runner's command line: its flags ({@code --once}, {@code --demo}, {@code --verbose},
 * {@code --create-schema}, {@code --help}) and settings given as {@code -Dkey=value} or {@code --key=value}, anywhere
 * among them. Anything else is refused: a typo must not start a runner that does something other than what was typed.
 */
final class Arguments {

    /** What the runner accepts, as the one line that refuses an unknown argument names it. */
    static final String ACCEPTED = "--once, --demo, --verbose, --create-schema, --help, -Dkey=value, --key=value";

    /** What {@code --help} prints. */
    static final String USAGE = String.join("\n",
            "Usage: harvester [--once] [--demo] [--verbose] [--create-schema] [-Dkey=value | --key=value]...",
            "  --once           harvest now and exit (0 done, 1 not started, 2 a source unreadable, 3 broken off)",
            "  --demo           serve the bundled demo gallery on 127.0.0.1 and harvest from it",
            "  --verbose        log Camel's start-up summaries too (every setting, secrets masked)",
            "  --create-schema  make the tables of the shared database of ledger.url (its owner's login) and exit",
            "  --help           print this and exit",
            "  -Dkey=value      set a key of application.properties (or Camel's camel.*) for this run; --key=value too",
            "Without --once the runner stays up and harvests on harvest.cron.");

    private static final Set<String> FLAGS = Set.of("--once", "--demo", "--verbose", "--create-schema", "--help");

    private final Set<String> flags = new TreeSet<>();
    private final Map<String, String> settings = new LinkedHashMap<>();

    private Arguments() {
    }

    /** Reads the arguments; throws, naming the first one it does not know, when one is neither a flag nor a setting. */
    static Arguments of(List<String> args) {
        Arguments read = new Arguments();
        for (String arg : args) {
            if (FLAGS.contains(arg)) {
                read.flags.add(arg);
                continue;
            }
            String setting = arg.startsWith("-D") ? arg.substring(2) : arg.startsWith("--") ? arg.substring(2) : "";
            int equals = setting.indexOf('=');
            if (equals < 1) throw unknown(arg, arg, "");
            String key = setting.substring(0, equals);
            // anything else would be set and never read (a JVM option such as -Dlog4j.* goes before -jar: JAVA_OPTS)
            if (!SettingsCheck.ours(key) && !key.startsWith("camel.")) {
                throw unknown(arg.substring(0, arg.indexOf('=')) + "=...", key, " names no setting");
            }
            // the last of a key wins, as with java -D
            read.settings.put(key, setting.substring(equals + 1));
        }
        return read;
    }

    // (the value is left out: it may be a password)
    private static IllegalArgumentException unknown(String shown, String key, String why) {
        return new IllegalArgumentException("unknown argument " + shown + (why.isEmpty() ? "" : ": " + key + why)
                + " (arguments: " + ACCEPTED + ")");
    }

    /** True when the flag, e.g. {@code --once}, was given. */
    boolean has(String flag) {
        return flags.contains(flag);
    }

    /** The settings given, key to value, in the order given: they are set as JVM system properties are. */
    Map<String, String> settings() {
        return settings;
    }
}
