package org.imageharvester.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.jsoup.Jsoup;

import org.imageharvester.values.EntryFields;
import org.imageharvester.values.ListedLink;

/**
 * The image links of an RSS 2.0 or Atom feed page: image enclosures, {@code media:content} (of a {@code media:group},
 * its default or largest), and the {@code <img>} of each entry's HTML ({@code description}, {@code content:encoded},
 * Atom {@code content} and {@code summary}), resolved against the feed's URL and {@code xml:base}; and the page's
 * Atom {@code rel="next"} link (RFC 5005). Hostile XML is refused: a DTD is never read, so there are no external
 * entities and no entity expansion, and the page is within the listing's byte cap.
 */
final class FeedLinks {

    private static final String MEDIA = "http://search.yahoo.com/mrss/";
    // an item's categories kept (a hostile feed may give any number)
    private static final int MAX_TAGS = 100;
    private static final XMLInputFactory XML = XMLInputFactory.newDefaultFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XML.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        XML.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    // each link with its item's fields (none outside an item), the first item naming a link keeping it
    private final Map<String, Map<String, Object>> links = new LinkedHashMap<>();
    private final EntryFields fields;
    // the item (RSS) or entry (Atom) being read: its depth, fields and links
    private int itemDepth = -1;
    private final Map<String, Object> item = new HashMap<>();
    private final List<String> itemLinks = new ArrayList<>();
    private boolean inAuthor;
    private final Deque<String> bases = new ArrayDeque<>();
    private String next;
    private int depth;
    // the media:group being read: its default (or largest) content wins
    private String groupBest;
    private long groupBestSize = -1;
    private boolean groupHasDefault;
    private boolean inGroup;

    private FeedLinks(String feedUrl, EntryFields fields) {
        bases.push(feedUrl);
        this.fields = fields;
    }

    /** The feed page's links, each with the chosen fields of its item, and its next page. */
    static Page read(InputStream feed, String feedUrl, EntryFields fields) throws IOException {
        FeedLinks page = new FeedLinks(feedUrl, fields);
        try (feed) {
            XMLStreamReader xml = XML.createXMLStreamReader(feed);
            try {
                page.walk(xml);
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw new IOException("not a well-formed feed: " + e.getMessage().replaceAll("\\s+", " "), e);
        }
        List<ListedLink> found = new ArrayList<>(page.links.size());
        page.links.forEach((url, entry) -> found.add(new ListedLink(url, entry)));
        return new Page(found.iterator(), page.next);
    }

    private void walk(XMLStreamReader xml) throws XMLStreamException, IOException {
        boolean sawRoot = false;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.DTD) {
                throw new IOException("a feed with a DTD is refused (its entities are never expanded)");
            } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new IOException("a feed with an entity reference (&" + xml.getLocalName() + ";) is refused");
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                if (!sawRoot) {
                    sawRoot = true;
                    String root = xml.getLocalName();
                    if (!root.equals("rss") && !root.equals("feed") && !root.equals("RDF")) {
                        throw new IOException("not an RSS or Atom feed: its root element is <" + root + ">");
                    }
                }
                start(xml);
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                end(xml);
            }
        }
    }

    private void start(XMLStreamReader xml) throws XMLStreamException, IOException {
        depth++;
        String base = xml.getAttributeValue(XMLConstants.XML_NS_URI, "base");
        bases.push(base == null ? bases.peek() : NextLink.resolve(base, bases.peek()));
        String name = xml.getLocalName();
        String ns = xml.getNamespaceURI();
        if (itemDepth < 0 && (name.equals("item") && !isAtom(ns) || name.equals("entry") && isAtom(ns))) {
            itemDepth = depth;
            item.clear();
            itemLinks.clear();
        } else if (itemDepth > 0 && !fields.none() && itemField(xml, name, ns)) {
            return; // (its text read, end tag and all)
        }
        if (MEDIA.equals(ns) && name.equals("group")) {
            groupBest = null;
            groupBestSize = -1;
            groupHasDefault = false;
            inGroup = true;
        } else if (MEDIA.equals(ns) && name.equals("content")) {
            mediaContent(xml);
        } else if (name.equals("enclosure") && (ns == null || ns.isEmpty())) {
            String url = attribute(xml, "url");
            if (isImage(attribute(xml, "type"), url)) add(url);
        } else if (name.equals("link") && isAtom(ns)) {
            String rel = attribute(xml, "rel");
            String href = attribute(xml, "href");
            if ("enclosure".equals(rel) && isImage(attribute(xml, "type"), href)) add(href);
            if ("next".equals(rel) && href != null && depth == 2) next = resolve(href);
        } else if (name.equals("img") && "http://www.w3.org/1999/xhtml".equals(ns)) {
            add(attribute(xml, "src")); // an image of Atom's inline xhtml content
        } else if (isHtml(xml, name, ns)) {
            html(xml);
        }
    }

    private void end(XMLStreamReader xml) {
        if (MEDIA.equals(xml.getNamespaceURI()) && xml.getLocalName().equals("group")) {
            if (groupBest != null) keep(groupBest);
            groupBest = null;
            inGroup = false;
        }
        if (depth == itemDepth) {
            Map<String, Object> entry = fields.ofFeed(item);
            itemLinks.forEach(url -> links.putIfAbsent(url, entry));
            itemDepth = -1;
        } else if (inAuthor && depth == itemDepth + 1) {
            inAuthor = false;
        }
        bases.pop();
        depth--;
    }

    private void mediaContent(XMLStreamReader xml) {
        String url = attribute(xml, "url");
        String medium = attribute(xml, "medium");
        boolean image = "image".equals(medium) || (medium == null && isImage(attribute(xml, "type"), url));
        if (!image || url == null || url.isBlank()) return;
        if (!inGroup) {
            add(url);
            return;
        }
        boolean isDefault = "true".equals(attribute(xml, "isDefault"));
        long size = number(attribute(xml, "width")) * Math.max(1, number(attribute(xml, "height")));
        if (isDefault || (!groupHasDefault && size > groupBestSize)) {
            groupBest = resolve(url);
            groupBestSize = size;
            groupHasDefault |= isDefault;
        }
    }

    // description, content:encoded, Atom content and summary: HTML as text (escaped or CDATA), or Atom's inline xhtml
    private static boolean isHtml(XMLStreamReader xml, String name, String ns) {
        if (isAtom(ns)) return (name.equals("content") || name.equals("summary")) && !"text".equals(attribute(xml,
                "type"));
        if (name.equals("encoded")) return ns != null && ns.startsWith("http://purl.org/rss/1.0/modules/content");
        return name.equals("description") && (ns == null || ns.isEmpty());
    }

    private void html(XMLStreamReader xml) throws XMLStreamException, IOException {
        String base = bases.peek();
        // inline xhtml: its <img> elements are read as they come
        if ("xhtml".equals(attribute(xml, "type"))) return;
        String text = xml.getElementText(); // consumes the end tag
        bases.pop();
        depth--;
        Jsoup.parseBodyFragment(text, base).select("img").forEach(img -> {
            String src = img.absUrl("src");
            if (!src.isEmpty()) keep(src);
        });
    }

    // an item's title, author, tags (categories) and date, kept for its links: true when the element was read whole
    private boolean itemField(XMLStreamReader xml, String name, String ns) throws XMLStreamException {
        boolean atom = isAtom(ns);
        boolean rss = ns == null || ns.isEmpty() || ns.equals("http://purl.org/rss/1.0/");
        boolean dc = "http://purl.org/dc/elements/1.1/".equals(ns);
        String field = null;
        if (depth == itemDepth + 1) {
            if (name.equals("title") && (rss || atom) && !"xhtml".equals(attribute(xml, "type"))) field = "title";
            else if (name.equals("author") && atom) inAuthor = true;
            else if (name.equals("author") && rss || name.equals("creator") && dc) field = "author";
            else if (name.equals("category") && atom) tag(attribute(xml, "term"));
            else if (name.equals("category") && rss || name.equals("subject") && dc) field = "tags";
            else if (name.equals("pubDate") && rss || name.equals("date") && dc) field = "date";
            else if ((name.equals("published") || name.equals("updated") && !item.containsKey("date")) && atom) {
                field = "date";
            }
        } else if (inAuthor && depth == itemDepth + 2 && name.equals("name") && atom) {
            field = "author";
        }
        if (field == null) return false;
        String text = xml.getElementText(); // consumes the end tag
        bases.pop();
        depth--;
        if (field.equals("tags")) tag(text);
        else item.putIfAbsent(field, text);
        return true;
    }

    @SuppressWarnings("unchecked")
    private void tag(String tag) {
        if (tag == null || tag.isBlank()) return;
        List<String> tags = (List<String>) item.computeIfAbsent("tags", none -> new ArrayList<String>());
        if (tags.size() < MAX_TAGS) tags.add(tag.strip());
    }

    private void add(String url) {
        if (url != null && !url.isBlank()) keep(resolve(url.strip()));
    }

    // a link of the item being read waits for the item's end (and its fields); one outside any item has none
    private void keep(String url) {
        if (itemDepth > 0) itemLinks.add(url);
        else links.putIfAbsent(url, Map.of());
    }

    private String resolve(String url) {
        return NextLink.resolve(url, bases.peek());
    }

    private static boolean isAtom(String ns) {
        return "http://www.w3.org/2005/Atom".equals(ns);
    }

    private static boolean isImage(String type, String url) {
        if (type != null && !type.isBlank()) return type.strip().toLowerCase(Locale.ROOT).startsWith("image/");
        return url != null && LinkExtractor.IMAGE_FILE.matcher(url).matches();
    }

    private static String attribute(XMLStreamReader xml, String name) {
        return xml.getAttributeValue(null, name);
    }

    private static long number(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
