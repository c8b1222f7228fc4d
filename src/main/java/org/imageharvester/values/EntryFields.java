package org.imageharvester.values;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;

/**
 * The fields of a listing's entry a source keeps with each of its links ({@code source.sidecarFields}): names, which a
 * JSON entry's key or a feed item's field of that name gives ({@code title}, {@code author}, {@code tags},
 * {@code date}), or {@code name=JSONPath}, read from the JSON entry the link came from. Every value is network input:
 * texts are cut at {@value #MAX_TEXT} characters and cleaned, lists at {@value #MAX_ITEMS} items, and objects are
 * left out; an entry keeps at most {@value #MAX_BYTES} bytes of text (UTF-8) in all, a field that would go past that
 * is left out and the entry says so ({@value #TRUNCATED}), so a hostile entry costs bounded memory and sidecar bytes
 * for each of its images and always makes valid JSON.
 */
public final class EntryFields {

    /** No fields: a source that keeps none. */
    public static final EntryFields NONE = new EntryFields(List.of());
    private static final int MAX_NAME = 40;
    /** What a field's name may be: it is a JSON key of the sidecar and a field of download.layout. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0," + (MAX_NAME - 1) + "}");
    static final int MAX_TEXT = 1000;
    static final int MAX_ITEMS = 100;
    static final int MAX_BYTES = 16 * 1024;
    /** The key, true, of an entry that left out a field at its byte bound (no field's name begins with _). */
    public static final String TRUNCATED = "_truncated";
    private static final int MAX_FIELDS = 20;
    // a text as kept: MAX_TEXT characters and the note of how long it was ("... (2147483647 characters)")
    private static final int MAX_KEPT = MAX_TEXT + 27;
    // as URL-encoded JSON a byte of text takes at most 9 characters (\u0001 takes 8, each byte of a longer character
    // %XX), a quote, colon, comma or bracket around it 3: a field "name":[...] and each of its items "...",
    private static final int ENCODED_FIELD = 3 * 7 + MAX_ITEMS * 3 * 3;
    /**
     * The most characters the fields {@link #checked} keeps take as URL-encoded JSON, the way a scheduler's job
     * carries them to a worker: a worker reads a job's line of fields up to this long, so it reads every line a
     * scheduler writes (derived from {@link #MAX_BYTES}: about 160,000).
     */
    public static final int MAX_ENCODED = 9 * MAX_BYTES + MAX_FIELDS * ENCODED_FIELD + 3 * (TRUNCATED.length() + 8) + 6;

    private final List<Field> fields;

    private record Field(String name, JsonPath path) {
    }

    private EntryFields(List<Field> fields) {
        this.fields = fields;
    }

    /**
     * The fields of a {@code source.sidecarFields} value: names and {@code name=JSONPath}, separated by commas.
     *
     * @throws IllegalArgumentException naming the part that is neither
     */
    public static EntryFields of(String spec) {
        List<Field> fields = new ArrayList<>();
        for (String part : spec.split(",")) {
            String field = part.strip();
            if (field.isEmpty()) continue;
            int equals = field.indexOf('=');
            String name = equals < 0 ? field : field.substring(0, equals).strip();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("sidecarFields: '" + name + "' is not a field name (a letter, then"
                        + " letters, digits and _, at most 40)");
            }
            JsonPath path = null;
            if (equals >= 0) {
                String jsonPath = field.substring(equals + 1).strip();
                try {
                    path = JsonPath.compile(jsonPath);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("sidecarFields: " + name + " = '" + jsonPath
                            + "' is not a JSONPath: " + e.getMessage(), e);
                }
            }
            fields.add(new Field(name, path));
        }
        if (fields.size() > MAX_FIELDS) throw new IllegalArgumentException("sidecarFields: at most " + MAX_FIELDS
                + " fields, not " + fields.size());
        return fields.isEmpty() ? NONE : new EntryFields(List.copyOf(fields));
    }

    /** True when the source keeps no field. */
    public boolean none() {
        return fields.isEmpty();
    }

    /** The chosen fields of a JSON entry (the object the link was found in), or none when it is not an object. */
    public Map<String, Object> ofJson(Object entry) {
        if (none() || !(entry instanceof Map<?, ?> object)) return Map.of();
        Kept kept = new Kept();
        for (Field field : fields) {
            Object raw;
            try {
                raw = field.path() == null ? object.get(field.name()) : field.path().read(entry);
            } catch (RuntimeException missing) {
                continue; // (a path the entry does not have)
            }
            kept.put(field.name(), bounded(raw, MAX_TEXT));
        }
        return kept.fields();
    }

    /** The chosen fields of a feed item: those asked for by name (a JSONPath means nothing to a feed). */
    public Map<String, Object> ofFeed(Map<String, Object> item) {
        if (none() || item.isEmpty()) return Map.of();
        Kept kept = new Kept();
        for (Field field : fields) {
            if (field.path() == null) kept.put(field.name(), bounded(item.get(field.name()), MAX_TEXT));
        }
        return kept.fields();
    }

    /**
     * Entry fields that came over the network already picked (a scheduler's job): those of a field's name, bounded as
     * a listing's, at most {@value #MAX_FIELDS}. Fields a listing gave come back as they were (a text cut there keeps
     * its note).
     */
    public static Map<String, Object> checked(Map<?, ?> fields) {
        Kept kept = new Kept();
        kept.truncated = Boolean.TRUE.equals(fields.get(TRUNCATED));
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            if (kept.fields.size() == MAX_FIELDS) break;
            if (field.getKey() instanceof String name && NAME.matcher(name).matches()) {
                kept.put(name, bounded(field.getValue(), MAX_KEPT));
            }
        }
        return kept.fields();
    }

    // the fields an entry keeps, within MAX_BYTES of text: one that would go past it is left out, and marked
    private static final class Kept {
        final Map<String, Object> fields = new LinkedHashMap<>();
        int bytes;
        boolean truncated;

        void put(String name, Object value) {
            if (value == null) return;
            int size = name.length() + (value instanceof List<?> items
                    ? items.stream().mapToInt(item -> utf8(item.toString())).sum() : utf8(value.toString()));
            if (bytes + size > MAX_BYTES) {
                truncated = true;
                return;
            }
            bytes += size;
            fields.put(name, value);
        }

        Map<String, Object> fields() {
            if (truncated) fields.put(TRUNCATED, true);
            return fields;
        }

        private static int utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    // a text, a number, a boolean or a list of texts, each text cut at maxText; null for anything else
    private static Object bounded(Object raw, int maxText) {
        if (raw instanceof Collection<?> many) {
            List<String> items = new ArrayList<>();
            for (Object item : many) {
                if (items.size() == MAX_ITEMS) break;
                if (item instanceof Map || item instanceof Collection || item == null) continue;
                items.add(NetworkText.shorten(item.toString(), maxText));
            }
            return items.isEmpty() ? null : List.copyOf(items);
        }
        if (raw instanceof Boolean || raw instanceof Integer || raw instanceof Long) return raw;
        if (raw instanceof Number number) return NetworkText.shorten(number.toString(), maxText);
        if (raw instanceof String text) return text.isBlank() ? null : NetworkText.shorten(text.strip(), maxText);
        return null;
    }
}
