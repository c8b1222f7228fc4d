package org.imageharvester.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.apache.camel.spi.PropertiesComponent;

import org.imageharvester.values.EntryFields;
import org.imageharvester.values.Source;
import org.imageharvester.values.SourceHeaders;
import org.imageharvester.values.UrlMask;
import org.imageharvester.values.Variables;

/**
 * The sources one harvest reads, from {@code application.properties}: {@code harvest.sources} names them, and each
 * one's settings are {@code source.<name>.<key>}; a key it leaves out is {@code source.<key>}'s, except its URL,
 * headers and next-page settings, which are its own (one source's credentials never go to another's host). With
 * {@code harvest.sources} empty, the harvest has one source, {@code source.*} itself, named {@value #SINGLE}. A
 * {@code ${NAME}} in a URL comes from the environment (an API key in its path or query), and is shown as {@code ***}.
 */
public final class Sources {

    /** The name of the one source of a harvest without {@code harvest.sources}. */
    public static final String SINGLE = "source";
    /** The keys of one source. */
    public static final Set<String> KEYS = Set.of("url", "format", "jsonPath", "headers", "maxPages", "firstPage",
            "nextPath", "nextUrl", "limit", "folder", "stopAfterKnown", "headerHosts", "sidecarFields");
    // a named source's own: never taken from source.<key>
    private static final Set<String> OWN = Set.of("url", "headers", "headerHosts", "nextPath", "nextUrl");
    private static final Set<String> FORMATS = Set.of("json", "lines", "html", "feed");

    private String names;
    private PropertiesComponent settings;
    private volatile Map<String, Source> sources;

    /** Sets {@code harvest.sources}: the names of the sources, separated by commas; empty for {@code source.*}. */
    public void setNames(String names) {
        this.names = names == null ? "" : names;
    }

    /** Sets the settings the sources' keys are read from (Camel's: application.properties and its overrides). */
    public void setSettings(PropertiesComponent settings) {
        this.settings = settings;
    }

    /** Reads every source's settings; a bad one stops start-up with a message naming its key. */
    public void load() {
        Map<String, Source> loaded = new LinkedHashMap<>();
        List<String> declared = declared(names);
        if (declared.isEmpty()) {
            loaded.put(SINGLE, read(settings, SINGLE, "source."));
        } else {
            for (String name : declared) loaded.put(name, read(settings, name, "source." + name + "."));
        }
        sources = loaded;
    }

    /** The names {@code harvest.sources} declares, checked. */
    public static List<String> declared(String names) {
        List<String> declared = new ArrayList<>();
        for (String name : names.split(",")) {
            String trimmed = name.strip();
            if (trimmed.isEmpty()) continue;
            if (!Source.NAME.matcher(trimmed).matches() || KEYS.contains(trimmed)) {
                throw new IllegalArgumentException("harvest.sources: '" + trimmed + "' is not a source name (lower-case"
                        + " letters, digits, - and _, at most 40, not a source.* key)");
            }
            if (declared.contains(trimmed)) {
                throw new IllegalArgumentException("harvest.sources names " + trimmed + " twice");
            }
            declared.add(trimmed);
        }
        return declared;
    }

    /** Every source, in the order declared. */
    public List<Source> all() {
        if (sources == null) load();
        return List.copyOf(sources.values());
    }

    /** What a harvest reads, for its first line: the one source's URL, or each source's name and URL. */
    public String described() {
        List<Source> all = all();
        if (all.size() == 1) return all.get(0).shownUrl();
        StringBuilder out = new StringBuilder(all.size() + " sources: ");
        for (Source source : all) {
            out.append(source == all.get(0) ? "" : ", ").append(source.name()).append(" (").append(source.shownUrl())
                    .append(')');
        }
        return out.toString();
    }

    /** True when the harvest has more than one source (the report and the progress line name them). */
    public boolean several() {
        return all().size() > 1;
    }

    /** The source of that name, or null (a worker's answer may name anything). */
    public Source named(String name) {
        if (sources == null) load();
        return name == null ? null : sources.get(name);
    }

    /** The source of a worker's job: its name and folder, each kept only when a plain name (a job is network input). */
    public Source ofJob(String name, String folder) {
        return Source.ofJob(name, folder);
    }

    private static Source read(PropertiesComponent properties, String name, String prefix) {
        Setting setting = new Setting(properties, prefix);
        String spec = setting.text("url");
        String url = Variables.expand(prefix + "url", spec, System::getenv);
        if (url.isBlank()) throw new IllegalArgumentException(prefix + "url is not set: the source has no listing");
        String format = setting.text("format");
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException(prefix + "format is '" + format
                    + "'; it must be json, lines, html or feed");
        }
        String jsonPath = setting.text("jsonPath");
        String nextPath = setting.text("nextPath");
        String nextUrl = setting.text("nextUrl");
        if (!nextPath.isEmpty() && !format.equals("json")) {
            throw new IllegalArgumentException(prefix + "nextPath is a JSONPath: it needs format json");
        }
        if (!nextUrl.isEmpty() && !nextUrl.contains("{cursor}")) {
            throw new IllegalArgumentException(prefix + "nextUrl must hold {cursor}, where the cursor goes");
        }
        SourceHeaders headers = new SourceHeaders();
        headers.setSpec(setting.text("headers"));
        boolean folder = Boolean.parseBoolean(setting.text("folder"));
        EntryFields fields;
        try {
            fields = EntryFields.of(setting.text("sidecarFields"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + e.getMessage(), e);
        }
        Source source = new Source(name, url, format, compile(prefix + "jsonPath", jsonPath),
                nextPath.isEmpty() ? null : compile(prefix + "nextPath", nextPath), nextUrl.isEmpty() ? null : nextUrl,
                headers, setting.number("maxPages", 1), setting.number("firstPage", 0),
                setting.number("limit", 0), folder ? name : null, setting.number("stopAfterKnown", 0), fields,
                new UrlMask(Variables.expansions(spec, System::getenv)));
        try {
            headers.limitTo(name, source.firstUrl(), setting.text("headerHosts"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + e.getMessage(), e);
        }
        return source;
    }

    private static JsonPath compile(String key, String path) {
        try {
            return JsonPath.compile(path);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " = '" + path + "' is not a JSONPath: " + e.getMessage(), e);
        }
    }

    // source.<name>.<key>, else (but for a source's own keys) source.<key>, which application.properties sets; a
    // named source's own key it leaves out is empty (no headers, not paged by a next URL)
    private record Setting(PropertiesComponent properties, String prefix) {

        String text(String key) {
            String own = properties.resolveProperty(prefix + key).orElse(null);
            boolean named = !prefix.equals("source.");
            if (own == null && named && OWN.contains(key)) return "";
            if (own == null && named) own = properties.resolveProperty("source." + key).orElse(null);
            if (own == null) throw new IllegalArgumentException("source." + key + " is not set");
            return own.strip();
        }

        int number(String key, int least) {
            String value = text(key);
            try {
                int number = Integer.parseInt(value);
                if (number >= least) return number;
            } catch (NumberFormatException e) {
                // named below
            }
            throw new IllegalArgumentException(prefix + key + " = '" + value + "' must be a whole number of at least "
                    + least);
        }
    }
}
