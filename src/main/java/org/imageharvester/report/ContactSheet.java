package org.imageharvester.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.imageharvester.download.PartFiles;
import org.imageharvester.values.NetworkText;

/**
 * A run's page next to its thumbnails ({@code <run>.html}, and {@code index.html} for the last run): the run's figures,
 * a contact sheet of the thumbnails it made, each linking to its original, and the links that failed with their
 * reasons. Thumbnails are noted on disk as they are made and the page is written from that list at the end, so memory
 * stays flat however large the run.
 */
final class ContactSheet {

    private final Path dir;
    private final Path imageDir;
    private final Path lines;
    private final Path reports;
    // open for the whole run: a line per thumbnail, with no open and close each
    private final Writer list;

    ContactSheet(Path thumbnailDir, Path imageDir, Path reportDir, String runId) throws IOException {
        this.dir = thumbnailDir;
        this.imageDir = imageDir;
        this.lines = Files.createDirectories(reportDir).resolve(runId + ".sheet.tsv");
        this.reports = reportDir.toAbsolutePath().normalize();
        this.list = PartFiles.writer(lines);
    }

    /** Notes one thumbnail of this run, the image it was made of and the source the image came from (or null). */
    synchronized void add(String thumbnail, String image, String source) throws IOException {
        list.write(thumbnail + "\t" + image + (source == null ? "" : "\t" + source) + "\n");
    }

    /** Stops noting thumbnails (a run that broke off never writes its page); the list stays for a look. */
    synchronized void close() throws IOException {
        list.close();
    }

    /**
     * Writes the run's page, {@code <run>.html} (kept: the history page links it), and the same as {@code index.html},
     * the last run's (each under a temporary name, then renamed), and forgets the list.
     */
    synchronized Path write(HarvestSummary summary, ProblemLog problems) throws IOException {
        list.close();
        Path folder = Files.createDirectories(dir).toAbsolutePath().normalize();
        Path images = imageDir.toAbsolutePath().normalize();
        Path page = folder.resolve(summary.runId() + ".html");
        Path partial = folder.resolve(PartFiles.part(summary.runId() + ".html"));
        try (Writer out = PartFiles.writer(partial)) {
            out.write("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>"
                    + html(summary.runId()) + "</title>\n<style>\n"
                    + "body{font-family:sans-serif;margin:16px;background:#f4f4f4;color:#222}\n"
                    + ".sheet{display:flex;flex-wrap:wrap;gap:8px;margin:16px 0}\n"
                    + ".sheet a{display:flex;width:136px;height:136px;align-items:center;justify-content:center;"
                    + "background:#fff;border:1px solid #ccc}\n"
                    + ".sheet img{max-width:128px;max-height:128px}\n"
                    + ".sheet a{position:relative}.from{position:absolute;left:0;bottom:0;font-size:11px;"
                    + "background:#fffd;padding:0 3px}\n"
                    + "table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid "
                    + "#ddd;text-align:left}\n"
                    + "</style></head>\n<body>\n<h1>" + html(summary.runId()) + "</h1>\n");
            out.write("<p id=\"figures\">" + html(summary.toString()) + "</p>\n<p id=\"source\">Source: "
                    + html(summary.source()) + ", started " + html(ReadableTime.of(summary.startedAt())) + "</p>\n");
            if (summary.sources().size() > 1) {
                out.write("<table id=\"sources\">\n<tr><th>source</th><th>pages</th><th>listed</th><th>saved</th>"
                        + "<th>skipped</th><th>failed</th><th>listing</th></tr>\n");
                for (SourceRun.Summary source : summary.sources()) {
                    out.write("<tr><td>" + html(source.name()) + "</td><td>" + source.pages() + "</td><td>"
                            + source.listed() + "</td><td>" + source.saved() + "</td><td>" + source.skipped()
                            + "</td><td>" + source.failed() + "</td><td>" + html(source.error() != null
                                    ? "could not be read: " + source.error() : source.note() != null ? source.note()
                                    : "read") + "</td></tr>\n");
                }
                out.write("</table>\n");
            }
            out.write("<div class=\"sheet\" id=\"thumbnails\">\n");
            boolean someRemoved = summary.nearDropped() > 0;
            try (BufferedReader in = Files.newBufferedReader(lines, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    int tab = line.indexOf('\t');
                    if (tab < 0) continue; // not a line this sheet wrote
                    Path thumbnail = Path.of(line.substring(0, tab)).toAbsolutePath().normalize();
                    int second = line.indexOf('\t', tab + 1);
                    Path image = Path.of(line.substring(tab + 1, second < 0 ? line.length() : second))
                            .toAbsolutePath().normalize();
                    String from = second < 0 ? null : line.substring(second + 1);
                    // only files in their own folders become links (a worker's answer names them); a thumbnail
                    // removed since (its image replaced by a larger near-duplicate) is not shown
                    if (!isIn(thumbnail, folder) || !isIn(image, images)) continue;
                    if (someRemoved && !Files.isRegularFile(thumbnail)) continue;
                    out.write("<a href=\"" + href(folder, image) + "\"><img src=\"" + href(folder, thumbnail)
                            + "\" alt=\"" + html(image.getFileName().toString()) + "\">"
                            + (from == null ? "" : "<span class=\"from\">" + html(from) + "</span>") + "</a>\n");
                }
            }
            out.write("</div>\n");
            writeNearDuplicates(out, summary, problems, folder, images);
            out.write("<h2>Failed (" + summary.failed() + ")</h2>\n<table id=\"failures\">\n"
                    + "<tr><th>source</th><th>link</th><th>HTTP status</th><th>reason</th></tr>\n");
            problems.forEach("failed", problem -> out.write("<tr><td>"
                    + html(problem.has("source") ? problem.get("source").asText() : "") + "</td><td>"
                    + html(problem.get("url").asText()) + "</td><td>"
                    + (problem.has("status") ? problem.get("status").asInt() : "") + "</td><td>"
                    + html(problem.get("reason").asText()) + "</td></tr>\n"));
            out.write("</table>\n");
            writeUndecodable(out, summary, problems);
            writeNoThumbnail(out, summary, problems);
            out.write("<p><a href=\"" + href(folder, reports.resolve("index.html")) + "\">Every run</a></p>\n"
                    + "</body></html>\n");
        }
        Files.deleteIfExists(lines);
        PartFiles.commit(partial, page);
        Path latest = folder.resolve(PartFiles.part("index.html"));
        Files.deleteIfExists(latest);
        Files.copy(page, latest);
        return PartFiles.commit(latest, folder.resolve("index.html"));
    }

    // each near-duplicate beside the earlier image it resembles: their thumbnails side by side (a removed one's gone)
    private static void writeNearDuplicates(Writer out, HarvestSummary summary, ProblemLog problems, Path folder,
            Path images) throws IOException {
        if (summary.nearDuplicates() == 0) return;
        out.write("<h2>Near-duplicates (" + summary.nearDuplicates() + ")</h2>\n<table id=\"near\">\n"
                + "<tr><th>this image</th><th>resembles</th><th>link</th><th>bits apart</th></tr>\n");
        problems.forEach(List.of("near-duplicate", "near-dropped", "near-replaced"), near -> out.write("<tr><td>"
                + thumbnail(near, "thumbnail", "file", folder, images, near.path("removed").asBoolean()
                        ? "removed" : "") + "</td><td>"
                + thumbnail(near, "resemblesThumbnail", "resembles", folder, images, "") + "</td><td>"
                + html(near.path("url").asText()) + "<br>resembles " + html(near.path("resemblesUrl").asText())
                + "</td><td>" + near.path("distance").asInt() + "</td></tr>\n"));
        out.write("</table>\n");
    }

    // an image's thumbnail linked to it, when both are files of their own folders; else the file's name, or a note
    private static String thumbnail(JsonNode near, String thumbnailField, String imageField, Path folder, Path images,
            String note) {
        String name = html(name(near.path(imageField).asText()));
        if (!note.isEmpty()) return name + " (" + note + ")";
        if (!near.hasNonNull(thumbnailField)) return name;
        Path image;
        Path thumbnail;
        try {
            image = Path.of(near.path(imageField).asText()).toAbsolutePath().normalize();
            thumbnail = Path.of(near.get(thumbnailField).asText()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return name;
        }
        if (!isIn(thumbnail, folder) || !isIn(image, images)) return name;
        return "<a href=\"" + href(folder, image) + "\"><img src=\"" + href(folder, thumbnail) + "\" alt=\"" + name
                + "\"></a>";
    }

    // saved images that did not decode, under their links
    private static void writeUndecodable(Writer out, HarvestSummary summary, ProblemLog problems) throws IOException {
        if (summary.undecodable() == 0) return;
        out.write("<h2>Did not decode (" + summary.undecodable() + ")</h2>\n<table id=\"undecodable\">\n"
                + "<tr><th>link</th><th>file</th><th>reason</th></tr>\n");
        problems.forEach(List.of("undecodable", "undecodable-removed"), bad -> out.write("<tr><td>"
                + html(bad.path("url").asText()) + "</td><td>"
                + html(name(bad.path("file").asText()) + (bad.path("removed").asBoolean()
                        ? " (removed)" : " (kept)")) + "</td><td>" + html(bad.path("reason").asText())
                + "</td></tr>\n"));
        out.write("</table>\n");
    }

    // saved images of a format with no decoder here, kept, under their links
    private static void writeNoThumbnail(Writer out, HarvestSummary summary, ProblemLog problems) throws IOException {
        if (summary.noThumbnail() == 0) return;
        out.write("<h2>Kept without a thumbnail (" + summary.noThumbnail() + ")</h2>\n<table id=\"no-thumbnail\">\n"
                + "<tr><th>link</th><th>file</th><th>why</th></tr>\n");
        problems.forEach("no-thumbnail", kept -> out.write("<tr><td>" + html(kept.path("url").asText()) + "</td><td>"
                + html(name(kept.path("file").asText())) + "</td><td>" + html(kept.path("reason").asText())
                + "</td></tr>\n"));
        out.write("</table>\n");
    }

    // a file's own name (the text itself when it is no path)
    private static String name(String file) {
        try {
            Path name = Path.of(file).getFileName();
            return name == null ? file : name.toString();
        } catch (InvalidPathException e) {
            return file;
        }
    }

    private static boolean isIn(Path file, Path folder) {
        return file.startsWith(folder) && !file.equals(folder);
    }

    // a relative link from the page's folder, each segment percent-encoded as a URI path needs, and never one that a
    // browser could read as a scheme (a file named javascript:...)
    static String href(Path from, Path to) {
        String relative = from.relativize(to).toString().replace('\\', '/');
        if (!relative.startsWith("../")) relative = "./" + relative;
        try {
            return html(new URI(null, null, relative, null).toASCIIString());
        } catch (URISyntaxException e) {
            return html(relative);
        }
    }

    static String html(String text) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder(text.length());
        for (char c : NetworkText.clean(text).toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(Character.isISOControl(c) && c != '\n' && c != '\t' ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
