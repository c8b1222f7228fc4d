package org.imageharvester.download;

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
        StringBuilder path = new StringBuilder();
        for (Part part : parts) {
            if (!path.isEmpty()) path.append('/');
            StringBuilder name = new StringBuilder();
            List<String> pieces = part.pieces();
            for (int i = 0; i < pieces.size(); i++) {
                String piece = pieces.get(i);
                name.append(i % 2 == 0 ? piece : safe(values.apply(piece)));
            }
            String laidOut = capped(name.toString());
            // names Windows keeps for devices, whatever follows their first dot
            path.append(RESERVED.matcher(laidOut).matches() ? "_" + laidOut : laidOut);
        }
        return path.toString();
    }

    // a field's value as data: letters and digits of any script, '-' and '_' (anything else one '_'), capped in bytes
    static String safe(String value) {
        if (value == null || value.isBlank()) return "_";
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
        StringBuilder out = new StringBuilder();
        int kept = utf8Length(end);
        for (int i = 0; i < name.length() - end.length(); i = name.offsetByCodePoints(i, 1)) {
            int c = name.codePointAt(i);
            kept += utf8(c);
            if (kept > MAX_PART_BYTES) break;
            out.appendCodePoint(c);
        }
        return out + end;
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
