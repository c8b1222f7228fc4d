package org.imageharvester.download;

import java.io.IOException;

/**
 * An image body whose bytes break its format: cut short, or corrupt where its structure says what must come. It is an
 * {@link IOException} so the body stream can raise it mid-read, before the file counts as saved; download-errors
 * tries the link once more (a short transfer often comes whole the next time), then fails it with this reason.
 */
public class BrokenImageException extends IOException {

    public BrokenImageException(String reason) {
        super(reason);
    }

    /** The body ended before its format says it may: {@code truncated <format>: <why>}. */
    static BrokenImageException truncated(String format, String why) {
        return new BrokenImageException("truncated " + format + ": " + why);
    }

    /** The bytes break the format: {@code corrupt <format>: <what> (byte <position>)}. */
    static BrokenImageException corrupt(String format, String what, long position) {
        return new BrokenImageException("corrupt " + format + ": " + what + " (byte " + position + ")");
    }
}
