package org.imageharvester.report;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes the contact sheets of the runs no longer on the history page (their JSON reports are kept). */
public final class SheetPruner {

    private static final Logger LOG = LoggerFactory.getLogger(SheetPruner.class);
    private static final Pattern SHEET = Pattern.compile("harvest-\\d{8}-\\d{6}-\\d{3}\\.html");

    private Path thumbnailDir;

    /** Sets {@code thumbnail.dir}, where the runs' contact sheets are. */
    public void setThumbnailDir(String thumbnailDir) {
        this.thumbnailDir = Path.of(thumbnailDir);
    }

    /**
     * Deletes every run's contact sheet but those of the given runs (those on the history page); none when the page
     * could not be written (null). A sheet that cannot be deleted must not cost the run anything: it is only logged.
     */
    public void prune(@ExchangeProperty("onHistoryPage") Set<String> keptRuns) {
        if (keptRuns == null || !Files.isDirectory(thumbnailDir)) return;
        Set<String> kept = new HashSet<>();
        for (String run : keptRuns) kept.add(run + ".html");
        try (DirectoryStream<Path> sheets = Files.newDirectoryStream(thumbnailDir)) {
            for (Path sheet : sheets) {
                String name = sheet.getFileName().toString();
                if (SHEET.matcher(name).matches() && !kept.contains(name)) Files.deleteIfExists(sheet);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete old contact sheets in {}: {}", thumbnailDir.toAbsolutePath(), e.toString());
        }
    }
}
