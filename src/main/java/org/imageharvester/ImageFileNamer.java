package org.imageharvester;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Names the file an image URL is saved under: {@code <stem>-<hash>.<ext>}, where the stem is the URL's last path
 * segment made safe, the hash is the first 12 hex digits of the URL's SHA-256 (so two URLs never share a file, and the
 * same URL always lands on the same file), and the extension comes from the URL or else from the content type.
 */
public final class ImageFileNamer {

    private static final int MAX_STEM = 80;
    // names Windows keeps for devices, whatever follows their first dot
    private static final Pattern RESERVED = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");
    private static final Pattern EXTENSION = Pattern.compile("(?i)\\.(jpe?g|png|gif|bmp|webp|tiff?|avif|ico)$");
    private static final Map<String, String> EXTENSIONS = Map.of("image/jpeg", "jpg", "image/pjpeg", "jpg",
            "image/png", "png", "image/gif", "gif", "image/bmp", "bmp", "image/webp", "webp", "image/tiff", "tif",
            "image/avif", "avif", "image/x-icon", "ico", "image/vnd.microsoft.icon", "ico");

    /**
     * The file name for an image.
     *
     * @param contentType the response's Content-Type, used when the URL names no image extension; may be null
     */
    public String name(String url, String contentType) {
        String segment = lastSegment(url);
        var ext = EXTENSION.matcher(segment);
        String stem;
        String extension;
        if (ext.find()) {
            stem = segment.substring(0, ext.start());
            extension = ext.group(1).toLowerCase(Locale.ROOT);
        } else {
            stem = segment;
            extension = extensionOf(contentType);
        }
        return safe(stem) + "-" + hash(url) + "." + extension;
    }

    /**
     * Every name the URL's image may have been saved under: one when the URL names its extension, else one per
     * extension a content type can give.
     */
    public List<String> possibleNames(String url) {
        String segment = lastSegment(url);
        var ext = EXTENSION.matcher(segment);
        if (ext.find()) return List.of(name(url, null));
        String base = safe(segment) + "-" + hash(url) + ".";
        return Stream.concat(EXTENSIONS.values().stream(), Stream.of("img")).distinct().map(e -> base + e).toList();
    }

    private static String lastSegment(String url) {
        String path;
        try {
            path = URI.create(url).getRawPath();
        } catch (IllegalArgumentException e) {
            path = url.replaceFirst("[?#].*$", "");
        }
        path = path == null ? "" : path;
        String raw = path.substring(path.lastIndexOf('/') + 1);
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    // keeps letters and digits of any script, '.', '-' and '_'; nothing that could climb out of the folder
    private static String safe(String stem) {
        StringBuilder out = new StringBuilder();
        stem.codePoints().limit(MAX_STEM).forEach(c -> out.appendCodePoint(
                Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_'));
        String name = out.toString().replaceAll("^[._]+", "").replaceAll("\\.+", ".");
        if (name.isEmpty()) return "image";
        return RESERVED.matcher(name).matches() ? "_" + name : name;
    }

    private static String extensionOf(String contentType) {
        if (contentType == null) return "img";
        String type = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        String known = EXTENSIONS.get(type);
        if (known != null) return known;
        String subtype = type.startsWith("image/") ? type.substring(6).replaceAll("[^a-z0-9]", "") : "";
        return subtype.isEmpty() ? "img" : subtype;
    }

    private static String hash(String url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
