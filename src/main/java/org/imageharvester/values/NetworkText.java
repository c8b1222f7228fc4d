package org.imageharvester.values;

/**
 * Makes text that came from the network (links, headers, reasons that quote them) safe to write as data: unpaired
 * UTF-16 surrogates, which no encoder can write, become U+FFFD, and overlong text is cut with a mark saying so. Log
 * lines escape control characters themselves (log4j2.properties).
 */
public final class NetworkText {

    private NetworkText() {
    }

    /** The text with every unpaired surrogate replaced by U+FFFD; null stays null. */
    public static String clean(String text) {
        if (text == null) return null;
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (out != null) out.append(c).append(text.charAt(i + 1));
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) out = new StringBuilder(text.length()).append(text, 0, i);
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** The text cleaned and cut to at most {@code max} characters (plus a note of how long it was). */
    public static String shorten(String text, int max) {
        if (text == null || text.length() <= max) return clean(text);
        int cut = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return clean(text.substring(0, cut)) + "... (" + text.length() + " characters)";
    }

    /**
     * A one-line reason for a failure, from its root cause (Camel's wrappers only say where it happened): our own
     * reasons as they are, anything else with its type, e.g. {@code UnknownHostException: nosuch.invalid}.
     */
    public static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage() == null || root.getMessage().isBlank() ? "" : root.getMessage();
        boolean ours = root.getClass().getPackageName().startsWith("org.imageharvester");
        return ours ? message : root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
