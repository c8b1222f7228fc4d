package org.imageharvester.report;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes a time as a person reads it on the pages: in the runner's time zone, to the second, with the zone's name
 * ({@code 2026-12-02 19:01:58 UTC}), where reports keep an ISO-8601 instant to the nanosecond.
 */
public final class ReadableTime {

    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT);

    private ReadableTime() {
    }

    /** The time in the runner's zone, to the second; empty for none. */
    public static String of(Instant time) {
        return time == null ? "" : FULL.format(time.atZone(ZoneId.systemDefault()));
    }

    /** An ISO-8601 instant (a report's {@code startedAt}) in the runner's zone; text that is no such time, as it is. */
    public static String of(String iso) {
        Instant time = parse(iso);
        return time == null ? (iso == null ? "" : iso) : of(time);
    }

    /** The month, day, hour and minute in the runner's zone (a chart's label); empty for no such time. */
    static String brief(String iso) {
        Instant time = parse(iso);
        return time == null ? "" : SHORT.format(time.atZone(ZoneId.systemDefault()));
    }

    private static Instant parse(String iso) {
        try {
            return iso == null ? null : Instant.parse(iso);
        } catch (DateTimeException notATime) {
            return null;
        }
    }
}
