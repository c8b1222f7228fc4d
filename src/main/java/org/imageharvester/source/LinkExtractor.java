package org.imageharvester.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Picks the image links out of a listing: a JSON API response (by {@code source.jsonPath}), a plain list of URLs, or an
 * HTML page's {@code <img>}, {@code <source>} and {@code <a>} links to image files, resolved to absolute URLs.
 */
public final class LinkExtractor {

    private static final Set<String> FORMATS = Set.of("json", "lines", "html");
    private static final Pattern IMAGE_FILE =
            Pattern.compile("(?i).*\\.(jpe?g|png|gif|bmp|webp|tiff?)([?#].*)?$");

    private String format = "json";
    private JsonPath jsonPath;
    private int maxLinkLength = 4096;

    /** Sets {@code source.format}: json, lines or html. */
    public void setFormat(String format) {
        if (!FORMATS.contains(format)) throw new IllegalArgumentException(
                "source.format is '" + format + "'; it must be one of json, lines, html");
        this.format = format;
    }

    /** Sets {@code source.jsonPath}, the JSONPath of the links in a json listing. */
    public void setJsonPath(String jsonPath) {
        this.jsonPath = JsonPath.compile(jsonPath);
    }

    /**
     * Sets {@code source.maxLinkLength}: links longer than this many characters are cut to one character more, so the
     * download route refuses them without ever holding a huge one.
     */
    public void setMaxLinkLength(int maxLinkLength) {
        this.maxLinkLength = maxLinkLength;
    }

    /**
     * The links the listing names, in listing order; for {@code lines} they are read as the split asks for them.
     *
     * @param baseUrl where the listing came from, to resolve relative links in HTML
     */
    public Listing links(InputStream listing, String baseUrl) throws IOException {
        if (format.equals("lines")) return new Listing(new LineLinks(listing, maxLinkLength));
        Stream<String> links = format.equals("json") ? fromJson(listing) : fromHtml(listing, baseUrl);
        return new Listing(links.map(link -> link.length() > maxLinkLength ? link.substring(0, maxLinkLength + 1) : link)
                .iterator());
    }

    /**
     * Once the split has taken every link: throws why the listing broke off while it was read, if it did, so the run
     * reports its listing as failed (the links read before were still done).
     */
    public void ended(Listing listing) throws Exception {
        if (listing.getFailure() != null) throw listing.getFailure();
    }

    private Stream<String> fromJson(InputStream listing) throws IOException {
        try (listing) {
            Object found = jsonPath.read(listing);
            Collection<?> links = found instanceof Collection<?> many ? many : List.of(found);
            return links.stream().filter(Objects::nonNull).map(Object::toString);
        }
    }

    private static Stream<String> fromHtml(InputStream listing, String baseUrl) throws IOException {
        Document page;
        try (listing) {
            page = Jsoup.parse(listing, null, baseUrl);
        }
        Stream<String> images = page.select("picture, img:not(picture img)").stream().map(LinkExtractor::largest);
        Stream<String> anchors = page.select("a[href]").stream().map(a -> a.absUrl("href"))
                .filter(href -> IMAGE_FILE.matcher(href).matches());
        return Stream.concat(images, anchors).filter(link -> !link.isEmpty());
    }

    // one image per <img> or <picture>: its largest candidate, src counting as 1x
    private static String largest(Element image) {
        String best = "";
        double bestSize = 0;
        for (Element candidateSet : image.select("[src], [srcset]")) {
            String src = candidateSet.attr("src");
            String candidates = (src.isBlank() ? "" : src + " 1x,") + candidateSet.attr("srcset");
            for (String candidate : candidates.split(",")) {
                String[] parts = candidate.strip().split("\\s+");
                double size = parts.length > 1 ? descriptor(parts[1]) : 1;
                if (!parts[0].isEmpty() && size > bestSize) {
                    bestSize = size;
                    best = org.jsoup.internal.StringUtil.resolve(candidateSet.baseUri(), parts[0]);
                }
            }
        }
        return best;
    }

    private static double descriptor(String size) {
        try {
            return Double.parseDouble(size.substring(0, size.length() - 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return 1;
        }
    }
}
