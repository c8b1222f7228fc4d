package org.imageharvester.download;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

import org.imageharvester.values.Known;
import org.imageharvester.values.Source;

/**
 * Names the file an image URL is saved under: {@code <stem>-<hash>.<ext>}, where the stem is the URL's last path
 * segment made safe and at most {@value #MAX_STEM_BYTES} bytes in UTF-8 (file systems count bytes, not characters), the
 * hash is the first 128 bits of the URL's SHA-256 (so no one can make a URL of theirs land on another URL's file, and
 * the same URL always lands on the same file), and the extension is a known image type's, from the URL or else from
 * the content type ({@code img} when neither names one). A URL saved before keeps the name it was saved under.
 */
public final class ImageFileNamer {

    static final int MAX_STEM_BYTES = 100;
    // 48 bits (names before 2026-12) were within reach of an attacker searching for a URL that lands on another's file
    private static final int HASH_BYTES = 16;
    // compiled once: String.replaceAll compiles its regex on every call, and this runs for every image
    private static final Pattern LEADING = Pattern.compile("^[._]+");
    private static final Pattern DOTS = Pattern.compile("\\.+");
    // names Windows keeps for devices, whatever follows their first dot
    private static final Pattern RESERVED = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");
    private static final Pattern EXTENSION = Pattern.compile("(?i)\\.(jpe?g|png|gif|bmp|webp|tiff?|avif|ico)$");
    // what name() makes, and made before 2026-12 (a 48-bit hash, the extension any image subtype), and nothing else
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._-]+-([0-9a-f]{32}\\."
            + "(jpe?g|png|gif|bmp|webp|tiff?|avif|ico|img)|[0-9a-f]{12}\\.[a-z0-9]{1,20})");
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
     * The file name for an image, keeping the name of the file it was saved under before, if any (the ledger's), so a
     * changed image replaces its file instead of leaving it behind.
     *
     * @param savedFile the file the ledger holds for the URL, or null
     */
    public String name(@ExchangeProperty("imageUrl") String url, @Header("Content-Type") String contentType,
            @ExchangeProperty("known") Known known, @ExchangeProperty("source") Source source) {
        String savedFile = known == null ? null : known.file();
        String name = savedFile != null ? Path.of(savedFile).getFileName().toString() : name(url, contentType);
        // a source with a folder of its own (a plain name: Source allows no other)
        String folder = source == null ? null : source.folder();
        return folder != null ? folder + "/" + name : name;
    }

    /** True when a file name is one this namer makes: a worker's answer naming anything else is refused. */
    public static boolean isName(String fileName) {
        return fileName != null && NAME.matcher(fileName).matches();
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

    // keeps letters and digits of any script, '.', '-' and '_', up to MAX_STEM_BYTES in UTF-8; nothing that could
    // climb out of the folder
    private static String safe(String stem) {
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < stem.length(); i = stem.offsetByCodePoints(i, 1)) {
            int c = stem.codePointAt(i);
            int kept = Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_';
            bytes += kept < 0x80 ? 1 : kept < 0x800 ? 2 : kept < 0x10000 ? 3 : 4;
            if (bytes > MAX_STEM_BYTES) break;
            out.appendCodePoint(kept);
        }
        String name = DOTS.matcher(LEADING.matcher(out).replaceFirst("")).replaceAll(".");
        if (name.isEmpty()) return "image";
        return RESERVED.matcher(name).matches() ? "_" + name : name;
    }

    // only a known image type names the extension: a server's Content-Type is not a file name
    private static String extensionOf(String contentType) {
        if (contentType == null) return "img";
        String type = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return EXTENSIONS.getOrDefault(type, "img");
    }

    private static String hash(String url) {
        byte[] digest = SHA_256.get().digest(url.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, HASH_BYTES);
    }

    // one digest per thread: looking one up by name each time cost more than the hash itself
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    });
}
