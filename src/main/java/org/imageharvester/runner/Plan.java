package org.imageharvester.runner;

import java.text.ParseException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;

import org.apache.camel.spi.PropertiesComponent;
import org.quartz.CronExpression;

import org.imageharvester.source.Sources;

/**
 * The one line a runner starts with: its role, what it reads, when it harvests (now, once, or when next), and what it
 * decodes thumbnails with.
 */
final class Plan {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    private Plan() {
    }

    /** The line; {@code thumbnails} says what thumbnails are decoded with, or is null when none are made. */
    static String of(PropertiesComponent settings, Sources sources, boolean once, String thumbnails) {
        String role = settings.resolveProperty("harvest.role").orElse("standalone");
        String decoders = thumbnails == null ? "" : "; " + thumbnails;
        if (role.equals("worker")) {
            return "Image harvester ready: a worker, taking download jobs from the broker's queue "
                    + settings.resolveProperty("broker.jobs").orElse("harvest.jobs") + decoders;
        }
        String reading = sources == null ? "" : ", reading " + sources.described();
        // a scheduler's workers make the thumbnails, and say so in theirs
        boolean scheduler = role.equals("scheduler");
        return "Image harvester ready: " + (scheduler ? "a scheduler" : "standalone") + reading + "; "
                + (once ? "harvesting once now" : next(settings.resolveProperty("harvest.cron").orElse("")))
                + (scheduler ? "" : decoders);
    }

    private static String next(String cron) {
        try {
            Date next = new CronExpression(cron).getNextValidTimeAfter(new Date());
            if (next == null) return "harvest.cron = " + cron + " fires no more";
            return "next harvest " + WHEN.format(next.toInstant().atZone(ZoneId.systemDefault())) + " (harvest.cron = "
                    + cron + ")";
        } catch (ParseException e) {
            return "harvest.cron = " + cron + " is not a cron";
        }
    }
}
