package org.imageharvester.report;

import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.ExchangeProperty;

/**
 * Finds the file a GET of the status page's {@code files/<folder>/<name>} asks for in the output folders
 * ({@code report.dir}, {@code thumbnail.dir}, {@code download.dir}, each under its own folder name, so that the
 * contact sheets' relative links to the images and the history page work as they do on disk): only a regular file of
 * a type the pages show, inside its folder once every link is followed, no hidden or temporary file. Anything else is
 * not found: never a path out of the folders.
 */
public final class OutputFiles {

    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "json",
            "application/json", "jpg", "image/jpeg", "jpeg", "image/jpeg", "png", "image/png", "gif", "image/gif",
            "bmp", "image/bmp", "webp", "image/webp");
    private static final String FILES = "/files/";

    private final Map<String, Path> folders = new LinkedHashMap<>();

    /** Sets {@code report.dir}: the reports and the history page. */
    public void setReportDir(String dir) {
        folders.putIfAbsent(name(Path.of(dir)), Path.of(dir));
    }

    /** Sets {@code thumbnail.dir}: the contact sheets and thumbnails. */
    public void setThumbnailDir(String dir) {
        folders.putIfAbsent(name(Path.of(dir)), Path.of(dir));
    }

    /** Sets {@code download.dir}: the images the contact sheets link to. */
    public void setImageDir(String dir) {
        folders.putIfAbsent(name(Path.of(dir)), Path.of(dir));
    }

    /** The name a folder is served under: its own. */
    static String name(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? "" : name.toString();
    }

    /**
     * The file the request's path ({@code .../files/<folder>/<name>}, percent-encoded) names, or null when it names
     * none that may be served.
     */
    public File find(@ExchangeProperty("path") String path) throws IOException {
        int at = path == null ? -1 : path.indexOf(FILES);
        if (at < 0) return null;
        String[] segments = path.substring(at + FILES.length()).split("/", -1);
        if (segments.length < 2) return null;
        Path root = folders.get(decode(segments[0]));
        if (root == null || !Files.isDirectory(root)) return null;
        Path file = root;
        for (int i = 1; i < segments.length; i++) {
            String segment = decode(segments[i]);
            if (segment == null || segment.isEmpty() || segment.startsWith(".")) return null;
            file = file.resolve(segment);
        }
        if (!Files.isRegularFile(file)) return null;
        Path real = file.toRealPath();
        if (!real.startsWith(root.toRealPath()) || type(real.toFile()) == null) return null;
        return real.toFile();
    }

    /** The content type a served file is sent with, by its extension; null for one not served. */
    public String type(File file) {
        String name = file.getName();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    // one path segment, percent-decoded; null for one that is not a plain name (a separator, a control character)
    private static String decode(String segment) {
        String name;
        try {
            name = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return null;
        }
        for (char c : name.toCharArray()) {
            if (c == '/' || c == '\\' || Character.isISOControl(c)) return null;
        }
        return name;
    }
}
