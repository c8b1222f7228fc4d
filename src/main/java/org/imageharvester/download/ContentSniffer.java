package org.imageharvester.download;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Says what a body that is no image looks like from its first bytes, for a person reading why it was refused: an HTML
 * page, JSON, an SVG image, another XML document, plain text, or binary data.
 */
final class ContentSniffer {

    /** The first bytes it looks at: enough to see an SVG's root element behind an XML prolog and a comment. */
    static final int HEAD = 512;

    private ContentSniffer() {
    }

    /** What the bytes are, as the end of a sentence: "an HTML page", "JSON", "plain text"... */
    static String describe(byte[] head) {
        int start = head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB
                && (head[2] & 0xff) == 0xBF ? 3 : 0; // a UTF-8 byte order mark
        while (start < head.length && isSpace(head[start])) start++;
        // (bytes over 0x7F become one character each: enough to find tags, never more characters than bytes)
        String text = new String(head, start, head.length - start, StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
        boolean html = text.startsWith("<!doctype html") || text.startsWith("<html");
        if (!html && (text.startsWith("<svg") || text.startsWith("<?xml") || text.startsWith("<!--"))
                && (text.contains("<svg") || text.contains("<!doctype svg"))) {
            return "an SVG image (refused: SVG can carry script)";
        }
        if (text.startsWith("<?xml") && !text.contains("<html")) return "an XML document";
        if (text.startsWith("<")) return "an HTML page";
        if (isJson(text)) return "JSON";
        if (isText(head)) return "plain text";
        int shown = Math.min(head.length, 8);
        return "binary data of no known image format (it starts " + HexFormat.ofDelimiter(" ").formatHex(head, 0, shown)
                + ")";
    }

    private static boolean isJson(String text) {
        if (text.isEmpty() || text.charAt(0) != '{' && text.charAt(0) != '[') return false;
        int next = 1;
        while (next < text.length() && isSpace((byte) text.charAt(next))) next++;
        if (next == text.length()) return true;
        char c = text.charAt(next);
        return text.charAt(0) == '{' ? c == '"' || c == '}' : "{[\"-]tfn".indexOf(c) >= 0 || Character.isDigit(c);
    }

    // printable ASCII and white space, or well-formed UTF-8 (a character cut off by the end of the head allowed)
    private static boolean isText(byte[] head) {
        for (int i = 0; i < head.length; i++) {
            int b = head[i] & 0xff;
            if (b < 0x80) {
                if (b < 0x20 && !isSpace(head[i]) || b == 0x7F) return false;
                continue;
            }
            int more = b >= 0xF5 ? -1 : b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC2 ? 1 : -1;
            if (more < 0) return false;
            for (int k = 1; k <= more && i + k < head.length; k++) {
                if ((head[i + k] & 0xC0) != 0x80) return false;
            }
            i += more;
        }
        return true;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f';
    }
}
