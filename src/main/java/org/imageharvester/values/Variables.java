package org.imageharvester.values;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the {@code ${NAME}} of a setting ({@code source.url}, {@code source.headers}) from the environment; a
 * variable that is not set stops the runner at start-up, not at 2 a.m. What they expand to are secrets, which the
 * output masks.
 */
public final class Variables {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private Variables() {
    }

    /** The value with each {@code ${NAME}} expanded from {@code env}; fails naming the setting and a variable unset. */
    public static String expand(String setting, String value, UnaryOperator<String> env) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String found = env.apply(m.group(1));
            if (found == null || found.isEmpty()) throw new IllegalStateException(setting + " needs environment"
                    + " variable " + m.group(1) + ", which is not set; set it or remove it");
            m.appendReplacement(out, Matcher.quoteReplacement(found));
        }
        return m.appendTail(out).toString();
    }

    /** What each {@code ${NAME}} of the value expands to from {@code env} (those set). */
    public static List<String> expansions(String value, UnaryOperator<String> env) {
        List<String> values = new ArrayList<>();
        Matcher m = VARIABLE.matcher(value);
        while (m.find()) {
            String found = env.apply(m.group(1));
            if (found != null && !found.isEmpty()) values.add(found);
        }
        return values;
    }
}
