package org.imageharvester.download;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.camel.ExchangeProperty;

import org.imageharvester.values.Known;
import org.imageharvester.values.LinkDigest;
import org.imageharvester.values.ListedLink;
import org.imageharvester.values.Source;

/**
 * Names the file an image URL is saved under: {@code <stem>-<hash>.<ext>}, where the stem is the URL's last path
 * segment made safe and at most {@value #MAX_STEM_BYTES} bytes in UTF-8 (file systems count bytes, not characters), the
 * hash is the first 128 bits of the URL's SHA-256 (so no one can make a URL of theirs land on another URL's file, and
 * the same URL always lands on the same file), and the extension is a known image type's, from the URL or else the
 * format its bytes are ({@link ImageSignature}: whatever the Content-Type said). A URL saved before keeps the name it
 * was saved under.
 */
public final class ImageFileNamer {

    static final int MAX_STEM_BYTES = 100;
    /** download.layout's default: the stem, the hash and the extension, directly in download.dir. */
    public static final String DEFAULT_LAYOUT = "{name}-{hash}.{ext}";
    // names of a layout without {hash} being saved now, so two links of a run never take one name
    private static final int MAX_CLAIMS = 100_000;
    private final Map<String, String> claims = new ConcurrentHashMap<>();
    private NameLayout layout;
    private Path downloadDir;
    // 48 bits (names before 2026-12) were within reach of an attacker searching for a URL that lands on another's file
    private static final int HASH_BYTES = 16;
    // compiled once: String.replaceAll compiles its regex on every call, and this runs for every image
    private static final Pattern LEADING = Pattern.compile("^[._]+");
    private static final Pattern DOTS = Pattern.compile("\\.+");
    // names Windows keeps for devices, whatever follows their first dot
    private static final Pattern RESERVED = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");
    private static final Pattern EXTENSION = Pattern.compile("(?i)\\.(jpe?g|png|gif|bmp|webp|tiff?|avif|heic|heif|ico"
            + "|jxl)$");
    // what name() makes, and made before 2026-12 (a 48-bit hash, the extension any image subtype), and nothing else
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._-]+-([0-9a-f]{32}\\."
            + "(jpe?g|png|gif|bmp|webp|tiff?|avif|heic|heif|ico|jxl|img)|[0-9a-f]{12}\\.[a-z0-9]{1,20})");
    // what download.layout makes: the user's text (letters, digits, spaces, '.', '-', '_') and fields made safe
    private static final Pattern FOLDER = Pattern.compile("[\\p{L}\\p{N}_-][\\p{L}\\p{N} ._-]{0,239}");
    private static final Pattern LAID_OUT = Pattern.compile("[\\p{L}\\p{N}_-][\\p{L}\\p{N} ._-]{0,230}\\."
            + "(jpe?g|png|gif|bmp|webp|tiff?|avif|heic|heif|ico|jxl|img)");
    /** The most folders download.layout may put an image in. */
    public static final int MAX_FOLDERS = 9;

    /**
     * The file name for an image.
     *
     * @param format the format its bytes are (jpg, png...: {@link ImageSignature}), the extension when the URL names
     *     none; null or another: {@code img}
     */
    public String name(String url, String format) {
        String segment = lastSegment(url);
        var ext = EXTENSION.matcher(segment);
        String stem;
        String extension;
        if (ext.find()) {
            stem = segment.substring(0, ext.start());
            extension = ext.group(1).toLowerCase(Locale.ROOT);
        } else {
            stem = segment;
            extension = extensionOf(format);
        }
        return safe(stem) + "-" + hash(url) + "." + extension;
    }

    /**
     * The file name for an image, keeping the name of the file it was saved under before, if any (the ledger's), so a
     * changed image replaces its file instead of leaving it behind.
     *
     * @param savedFile the file the ledger holds for the URL, or null
     */
    public String name(@ExchangeProperty("imageUrl") String url, @ExchangeProperty("imageFormat") String format,
            @ExchangeProperty("known") Known known, @ExchangeProperty("source") Source source,
            @ExchangeProperty("listedLink") ListedLink link, @ExchangeProperty("runBegan") Instant runBegan) {
        // saved before: the same file, under whatever layout it was saved; never the file of a link it was a copy of
        if (known != null && known.ownsFile()) return relative(known.file());
        // a source with a folder of its own (a plain name: Source allows no other)
        String folder = source == null || source.folder() == null ? "" : source.folder() + "/";
        if (layout == null) return folder + name(url, format);
        return laidOut(url, format, source, link, runBegan, folder);
    }

    /**
     * Sets {@code download.layout}: the folders and name of a new image, its fields expanded as data; the default,
     * {@value #DEFAULT_LAYOUT}, is the names of before layouts.
     */
    public void setLayout(String layout) {
        this.layout = layout == null || layout.strip().equals(DEFAULT_LAYOUT) ? null : NameLayout.of(layout);
    }

    /** What is wrong with a {@code download.layout} value, or null when nothing is (the settings check asks). */
    public static String layoutProblem(String layout) {
        try {
            NameLayout.of(layout);
            return null;
        } catch (IllegalArgumentException e) {
            return "is not a layout: " + e.getMessage();
        }
    }

    /** Sets {@code download.dir}: a name of a layout without {@code {hash}} taken there gets the hash. */
    public void setDownloadDir(String downloadDir) {
        this.downloadDir = Path.of(downloadDir).toAbsolutePath().normalize();
    }

    // the layout's path; one another link has (on disk, or being saved now) gets the link's hash before its extension
    private String laidOut(String url, String format, Source source, ListedLink link, Instant runBegan,
            String folder) {
        String extension = extension(url, format);
        ZonedDateTime day = (runBegan == null ? Instant.now() : runBegan).atZone(ZoneId.systemDefault());
        Function<String, String> values = field -> switch (field) {
            case "source" -> source == null ? null : source.name();
            case "yyyy" -> String.format("%04d", day.getYear());
            case "MM" -> String.format("%02d", day.getMonthValue());
            case "dd" -> String.format("%02d", day.getDayOfMonth());
            case "host" -> host(url);
            case "name" -> stem(url);
            case "hash" -> hash(url);
            case "ext" -> extension;
            default -> entryField(link, field);
        };
        String path = folder + layout.expand(values);
        if (layout.hashed()) return path;
        if (claims.size() > MAX_CLAIMS) claims.clear(); // (names saved by then are on disk, where they are seen)
        // the whole path, compared as case-insensitive file systems compare names (macOS, Windows, SMB): Sunset and
        // SUNSET are one file there; on disk, the file system itself answers
        String claimant = claims.putIfAbsent(folded(path), url);
        boolean taken = claimant != null ? !claimant.equals(url)
                : downloadDir != null && downloadDir.resolve(path).toFile().exists();
        return taken ? folder + layout.expand(values, "-" + hash(url)) : path;
    }

    // a name as a case-insensitive file system sees it: composed, and case folded (ß and SS, Å and Å are one)
    static String folded(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    private static String entryField(ListedLink link, String field) {
        Object value = link == null ? null : link.entry().get(field);
        if (value instanceof List<?> items) return items.isEmpty() ? null : String.valueOf(items.get(0));
        return value == null ? null : value.toString();
    }

    private static String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String stem(String url) {
        String segment = lastSegment(url);
        var ext = EXTENSION.matcher(segment);
        return ext.find() ? segment.substring(0, ext.start()) : segment;
    }

    private static String extension(String url, String format) {
        var ext = EXTENSION.matcher(lastSegment(url));
        return ext.find() ? ext.group(1).toLowerCase(Locale.ROOT) : extensionOf(format);
    }

    // a saved file's name relative to download.dir (the ledger holds it with the folder in front)
    private String relative(String savedFile) {
        Path saved = Path.of(savedFile).toAbsolutePath().normalize();
        if (downloadDir != null && saved.startsWith(downloadDir) && !saved.equals(downloadDir)) {
            return downloadDir.relativize(saved).toString().replace('\\', '/');
        }
        return saved.getFileName().toString();
    }

    /**
     * True when a file name is one this namer makes, under any layout: a worker's answer naming anything else is
     * refused.
     */
    public static boolean isName(String fileName) {
        return fileName != null && (NAME.matcher(fileName).matches() || LAID_OUT.matcher(fileName).matches());
    }

    /** True when a folder's name is one a source's folder or download.layout may make. */
    public static boolean isFolder(String folder) {
        return folder != null && FOLDER.matcher(folder).matches();
    }

    /**
     * Every name the URL's image may have been saved under: one when the URL names its extension, else one per
     * image format (and per extension a content type gave, before the bytes named it).
     */
    public List<String> possibleNames(String url) {
        String segment = lastSegment(url);
        var ext = EXTENSION.matcher(segment);
        if (ext.find()) return List.of(name(url, null));
        String base = safe(segment) + "-" + hash(url) + ".";
        return Stream.concat(ImageSignature.FORMATS.stream(), Stream.of("img")).map(e -> base + e).toList();
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

    // only a known image format names the extension
    private static String extensionOf(String format) {
        return format != null && ImageSignature.FORMATS.contains(format) ? format : "img";
    }

    private static String hash(String url) {
        return HexFormat.of().formatHex(LinkDigest.of(url), 0, HASH_BYTES);
    }
}
