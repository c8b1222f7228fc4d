package org.imageharvester.download;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.imageharvester.values.EntryFields;

/**
 * The folders and name {@code download.layout} gives an image, such as
 * {@code {source}/{yyyy}/{MM}/{title}-{hash}.{ext}}: fixed text (the user's) and fields, each expanded from data (the
 * link, its listing entry, the run) and made safe on its own: letters and digits of any script, {@code -} and
 * {@code _}, at most {@value #MAX_FIELD_BYTES} bytes in UTF-8; nothing from data is a separator, a dot or a control
 * character, so an expanded layout never leaves download.dir.
 */
final class NameLayout {

    static final int MAX_FIELD_BYTES = 100;
    // a folder's or a file's name, expanded, within what every file system takes (255 bytes)
    static final int MAX_PART_BYTES = 240;
    private static final int MAX_FOLDERS = 8;
    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]{0,39})}");
    // the user's own text between fields: no separator but '/', nothing a file system reads as special
    private static final Pattern TEXT = Pattern.compile("[\\p{L}\\p{N} ._-]*");
    private static final Pattern RESERVED = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");
    private static final Set<String> BUILT_IN = Set.of("source", "yyyy", "MM", "dd", "host", "name", "hash", "ext");

    /** One folder or the file name: fixed texts and fields, alternately (texts at even places). */
    private record Part(List<String> pieces) {
    }

    private final List<Part> parts;
    private final boolean hashed;

    private NameLayout(List<Part> parts, boolean hashed) {
        this.parts = parts;
        this.hashed = hashed;
    }

    /**
     * The layout of a {@code download.layout} value.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static NameLayout of(String layout) {
        String spec = layout.strip();
        if (!spec.endsWith(".{ext}")) throw new IllegalArgumentException("download.layout must end with .{ext} (the"
                + " extension of a known image type): '" + spec + "'");
        String[] folders = spec.split("/", -1);
        if (folders.length > MAX_FOLDERS + 1) throw new IllegalArgumentException("download.layout: at most "
                + MAX_FOLDERS + " folders");
        List<Part> parts = new ArrayList<>();
        for (String folder : folders) {
            List<String> pieces = new ArrayList<>();
            Matcher field = FIELD.matcher(folder);
            int at = 0;
            while (field.find()) {
                pieces.add(text(folder.substring(at, field.start()), spec));
                String name = field.group(1);
                if (!BUILT_IN.contains(name) && !EntryFields.NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("download.layout: {" + name + "} is not a field");
                }
                pieces.add(name);
                at = field.end();
            }
            pieces.add(text(folder.substring(at), spec));
            if (pieces.size() == 1 && (pieces.get(0).isBlank() || pieces.get(0).matches("\\.*"))) {
                throw new IllegalArgumentException("download.layout: an empty folder, '.' or '..' in '" + spec + "'");
            }
            if (pieces.get(0).startsWith(".") || pieces.get(0).startsWith(" ")) {
                throw new IllegalArgumentException("download.layout: a folder or name starts with a dot or a space in '"
                        + spec + "'");
            }
            parts.add(new Part(List.copyOf(pieces)));
        }
        return new NameLayout(List.copyOf(parts), spec.contains("{hash}"));
    }

    private static String text(String text, String spec) {
        if (!TEXT.matcher(text).matches()) throw new IllegalArgumentException("download.layout: '" + text
                + "' in '" + spec + "' may hold only letters, digits, spaces, '.', '-' and '_' between its fields");
        return text;
    }

    /** True when the layout holds {@code {hash}}: two links never expand to the same name then. */
    boolean hashed() {
        return hashed;
    }

    /**
     * The relative path for one image, each field's value from {@code values} (null or empty: {@code _}) made safe.
     * The extension is the namer's, already safe.
     */
    String expand(Function<String, String> values) {
        return expand(values, "");
    }

    /**
     * The relative path for one image, with {@code suffix} (fixed text: a link's hash, when the plain name is another
     * link's) before the file name's extension. A folder or file name over {@value #MAX_PART_BYTES} bytes has its
     * fields cut, the longest first, never {@code {hash}}, {@code {ext}}, the suffix or the layout's own text.
     */
    String expand(Function<String, String> values, String suffix) {
        StringBuilder path = new StringBuilder();
        for (int p = 0; p < parts.size(); p++) {
            if (!path.isEmpty()) path.append('/');
            List<String> pieces = parts.get(p).pieces();
            boolean file = p == parts.size() - 1;
            List<String> expanded = new ArrayList<>(pieces.size());
            for (int i = 0; i < pieces.size(); i++) {
                String piece = pieces.get(i);
                // (the file name's last text is the '.' before {ext}: the suffix goes in front of it)
                if (file && i == pieces.size() - 3) piece = piece.substring(0, piece.length() - 1) + suffix + ".";
                expanded.add(i % 2 == 0 ? piece : safe(values.apply(piece)));
            }
            String laidOut = capped(fit(pieces, expanded));
            // names Windows keeps for devices, whatever follows their first dot
            path.append(RESERVED.matcher(laidOut).matches() ? "_" + laidOut : laidOut);
        }
        return path.toString();
    }

    // the expanded pieces joined, within MAX_PART_BYTES: the longest fields cut first, down to each other's length,
    // while one can be (never the hash nor the extension, which keep names unique and typed)
    private static String fit(List<String> pieces, List<String> expanded) {
        int over = -MAX_PART_BYTES;
        for (String value : expanded) over += utf8Length(value);
        while (over > 0) {
            int longest = 1;
            int next = 1;
            int count = 0;
            for (int i = 1; i < expanded.size(); i += 2) {
                if (pieces.get(i).equals("hash") || pieces.get(i).equals("ext")) continue;
                int length = utf8Length(expanded.get(i));
                if (length > longest) {
                    next = longest;
                    longest = length;
                    count = 1;
                } else if (length == longest) {
                    count++;
                } else {
                    next = Math.max(next, length);
                }
            }
            if (longest == 1) break; // the layout's own text is too long: capped() cuts it
            int step = Math.max(1, Math.min(longest - next, (over + count - 1) / count));
            for (int i = 1; i < expanded.size() && over > 0; i += 2) {
                String value = expanded.get(i);
                boolean cuttable = !pieces.get(i).equals("hash") && !pieces.get(i).equals("ext");
                if (!cuttable || utf8Length(value) != longest) continue;
                String cut = cut(value, longest - step);
                over -= utf8Length(value) - utf8Length(cut);
                expanded.set(i, cut);
            }
        }
        return String.join("", expanded);
    }

    // the longest start of the text within that many bytes of UTF-8, never half a character
    private static String cut(String text, int maxBytes) {
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            int c = text.codePointAt(i);
            bytes += utf8(c);
            if (bytes > maxBytes) break;
            out.appendCodePoint(c);
        }
        return out.isEmpty() ? "_" : out.toString();
    }

    // a field's value as data: letters and digits of any script (composed, as macOS compares names), '-' and '_'
    // (anything else one '_'), capped in bytes
    static String safe(String value) {
        if (value == null || value.isBlank()) return "_";
        value = Normalizer.normalize(value, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < value.length(); i = value.offsetByCodePoints(i, 1)) {
            int c = value.codePointAt(i);
            boolean kept = Character.isLetterOrDigit(c) || c == '-' || c == '_';
            if (!kept && (out.isEmpty() || out.charAt(out.length() - 1) == '_')) continue;
            int code = kept ? c : '_';
            bytes += utf8(code);
            if (bytes > MAX_FIELD_BYTES) break;
            out.appendCodePoint(code);
        }
        return out.isEmpty() ? "_" : out.toString();
    }

    // a whole folder or file name within MAX_PART_BYTES, its end (the extension) kept
    private static String capped(String name) {
        if (utf8Length(name) <= MAX_PART_BYTES) return name;
        int dot = name.lastIndexOf('.');
        String end = dot > 0 ? name.substring(dot) : "";
        return cut(name.substring(0, name.length() - end.length()), MAX_PART_BYTES - utf8Length(end)) + end;
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) bytes += utf8(text.codePointAt(i));
        return bytes;
    }

    private static int utf8(int c) {
        return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
}
