package org.imageharvester.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.PathNotFoundException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import org.imageharvester.values.ListedLink;
import org.imageharvester.values.Source;

/**
 * Picks the image links out of one page of a listing: a JSON API response (by the source's JSONPath), a plain list of
 * URLs, an HTML page's {@code <img>}, {@code <source>} and {@code <a>} links to image files, or a feed's images
 * ({@link FeedLinks}), resolved to absolute URLs; and where the page says the next page is.
 */
public final class LinkExtractor {

    /** A link that names an image file: an HTML anchor's or a feed entry's without a type. */
    static final Pattern IMAGE_FILE = Pattern.compile("(?i).*\\.(jpe?g|png|gif|bmp|webp|tiff?|avif)([?#].*)?$");

    // the paths of what a JSONPath picks, rather than their values (a link's path names its entry)
    private static final Configuration AS_PATHS = Configuration.defaultConfiguration()
            .addOptions(Option.AS_PATH_LIST, Option.SUPPRESS_EXCEPTIONS);

    private int maxLinkLength;

    /**
     * Sets {@code source.maxLinkLength}: links longer than this many characters are cut to one character more, so the
     * download route refuses them without ever holding a huge one.
     */
    public void setMaxLinkLength(int maxLinkLength) {
        this.maxLinkLength = maxLinkLength;
    }

    /**
     * One page's links, in listing order (for {@code lines} read as the split asks for them), and its next page: the
     * JSON next-page URL or cursor (the source's {@code nextPath}), else an HTML or Atom {@code rel="next"} link,
     * else the {@code Link} header's.
     *
     * @param pageUrl where the page came from, to resolve relative links
     * @param linkHeader the response's {@code Link} header, or null
     */
    public Page page(InputStream body, Source source, String pageUrl, Object linkHeader) throws IOException {
        // (a response with several Link headers gives them as a list)
        String header = linkHeader instanceof Collection<?> several
                ? several.stream().map(String::valueOf).collect(Collectors.joining(", "))
                : linkHeader == null ? null : linkHeader.toString();
        String headerNext = NextLink.of(header, pageUrl);
        return switch (source.format()) {
            case "lines" -> new Page(new LineLinks(body, maxLinkLength), headerNext);
            case "json" -> fromJson(body, source, pageUrl, headerNext);
            case "feed" -> capped(FeedLinks.read(body, pageUrl, source.entryFields()), headerNext);
            default -> fromHtml(body, pageUrl, headerNext);
        };
    }

    private Page capped(Page page, String headerNext) {
        Iterator<ListedLink> links = page.links();
        Iterator<ListedLink> cut = new Iterator<>() {
            public boolean hasNext() {
                return links.hasNext();
            }

            public ListedLink next() {
                ListedLink link = links.next();
                return link.url().length() > maxLinkLength
                        ? new ListedLink(link.url().substring(0, maxLinkLength + 1), link.entry()) : link;
            }
        };
        return new Page(cut, page.next() != null ? page.next() : headerNext);
    }

    private Page fromJson(InputStream listing, Source source, String pageUrl, String headerNext) throws IOException {
        DocumentContext json;
        try (listing) {
            json = JsonPath.parse(listing);
        }
        List<ListedLink> links = source.entryFields().none() ? links(json.read(source.jsonPath()))
                : withEntries(json, source);
        String next = headerNext;
        if (source.nextPath() != null) {
            next = null;
            try {
                Object cursor = json.read(source.nextPath());
                if (cursor instanceof Collection<?> many) cursor = many.isEmpty() ? null : many.iterator().next();
                if (cursor != null && !(cursor instanceof Map) && !cursor.toString().isBlank()) {
                    next = source.nextFrom(cursor.toString(), pageUrl);
                }
            } catch (PathNotFoundException | IllegalArgumentException lastPage) {
                // no next page
            }
        }
        return capped(new Page(links.iterator(), null), next);
    }

    private static List<ListedLink> links(Object found) {
        Collection<?> links = found instanceof Collection<?> many ? many : found == null ? List.of() : List.of(found);
        return links.stream().filter(Objects::nonNull).map(link -> ListedLink.of(link.toString())).toList();
    }

    // each link with the chosen fields of the object it was found in (the entry): the paths of what the JSONPath
    // picks, each read and its parent's fields kept
    private static List<ListedLink> withEntries(DocumentContext json, Source source) {
        Object document = json.json();
        List<String> paths = JsonPath.using(AS_PATHS).parse(document).read(source.jsonPath());
        // (none: what the plain read says, an empty page or the error a definite path that is not there gives)
        if (paths == null || paths.isEmpty()) return links(json.read(source.jsonPath()));
        List<ListedLink> links = new ArrayList<>(paths.size());
        for (String path : paths) {
            Object link = JsonPath.read(document, path);
            if (link == null || link instanceof Map || link instanceof Collection) continue;
            int parent = path.lastIndexOf('[');
            Object entry = parent > 1 ? JsonPath.read(document, path.substring(0, parent)) : null;
            links.add(new ListedLink(link.toString(), source.entryFields().ofJson(entry)));
        }
        return links;
    }

    private Page fromHtml(InputStream listing, String baseUrl, String headerNext) throws IOException {
        Document page;
        try (listing) {
            page = Jsoup.parse(listing, null, baseUrl);
        }
        Stream<String> images = page.select("picture, img:not(picture img)").stream().map(LinkExtractor::largest);
        Stream<String> anchors = page.select("a[href]").stream().map(a -> a.absUrl("href"))
                .filter(href -> IMAGE_FILE.matcher(href).matches());
        List<ListedLink> links = Stream.concat(images, anchors).filter(link -> !link.isEmpty()).map(ListedLink::of)
                .toList();
        Element next = page.selectFirst("link[rel~=(?i)^next$][href], a[rel~=(?i)^next$][href]");
        String bodyNext = next == null ? null : next.absUrl("href");
        return capped(new Page(links.iterator(), bodyNext == null || bodyNext.isEmpty() ? null : bodyNext), headerNext);
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
                    best = resolve(candidateSet.baseUri(), parts[0]);
                }
            }
        }
        return best;
    }

    // a candidate's URL against the page's (as jsoup's absUrl resolves an attribute); one that cannot be (data:, a
    // scheme Java does not know) is kept as it is, for the link check to skip with its reason
    private static String resolve(String base, String link) {
        try {
            return base.isEmpty() ? new URL(link).toExternalForm() : new URL(new URL(base), link).toExternalForm();
        } catch (MalformedURLException e) {
            return link;
        }
    }

    private static double descriptor(String size) {
        try {
            return Double.parseDouble(size.substring(0, size.length() - 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return 1;
        }
    }
}
