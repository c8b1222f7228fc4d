package org.imageharvester.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.imageharvester.values.Source;

/** RSS 2.0 and Atom feeds as photo sites and blogs publish them, and feeds written to attack the parser. */
class FeedLinksTest {

    @TempDir
    Path work;

    private final LinkExtractor extractor = new LinkExtractor();

    {
        extractor.setMaxLinkLength(4096);
    }
    private final Source feed = new Source("blog", "https://photos.example/feed", "feed", null, null, null, null, 10, 1,
            0, null, 0);

    private Page page(String xml) throws IOException {
        return extractor.page(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), feed,
                "https://photos.example/blog/feed.xml", null);
    }

    private static List<String> links(Page page) {
        List<String> links = new ArrayList<>();
        page.links().forEachRemaining(link -> links.add(link.url()));
        return links;
    }

    @Test
    void reads_rss_enclosures_media_content_and_the_images_of_each_items_html() throws Exception {
        Page page = page("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"
                     xmlns:content="http://purl.org/rss/1.0/modules/content/">
                  <channel><title>Photos</title><link>https://photos.example/</link>
                    <item><title>one</title><link>https://photos.example/1</link>
                      <enclosure url="https://cdn.example/1.jpg" type="image/jpeg" length="1000"/>
                      <enclosure url="https://cdn.example/1.mp3" type="audio/mpeg" length="1000"/>
                    </item>
                    <item><title>two</title>
                      <media:content url="https://cdn.example/2.png" medium="image"/>
                      <media:content url="https://cdn.example/2.mp4" medium="video"/>
                      <media:group>
                        <media:content url="https://cdn.example/3-small.jpg" type="image/jpeg" width="100" height="75"/>
                        <media:content url="https://cdn.example/3-large.jpg" type="image/jpeg"
                                       width="1600" height="1200"/>
                        <media:content url="https://cdn.example/3-medium.jpg" type="image/jpeg"
                                       width="800" height="600"/>
                      </media:group>
                      <media:group>
                        <media:content url="https://cdn.example/4-large.jpg" type="image/jpeg" width="1600"/>
                        <media:content url="https://cdn.example/4-default.jpg" type="image/jpeg" isDefault="true"/>
                      </media:group>
                    </item>
                    <item><title>three</title>
                      <description>&lt;p&gt;Look: &lt;img src="/img/5.webp" alt="x"&gt;&lt;/p&gt;</description>
                      <content:encoded><![CDATA[<figure><img src="https://cdn.example/6.jpg"></figure>
                        <img src="7.gif">]]></content:encoded>
                    </item>
                  </channel>
                </rss>""");

        assertEquals(List.of("https://cdn.example/1.jpg", "https://cdn.example/2.png",
                "https://cdn.example/3-large.jpg",
                "https://cdn.example/4-default.jpg", "https://photos.example/img/5.webp", "https://cdn.example/6.jpg",
                "https://photos.example/blog/7.gif"), links(page));
        assertNull(page.next());
    }

    @Test
    void reads_atom_enclosures_html_and_xhtml_content_against_xml_base_and_its_next_page() throws Exception {
        Page page = page("""
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"
                      xml:base="https://photos.example/atom/">
                  <title>Photos</title>
                  <link rel="self" href="feed.atom"/>
                  <link rel="next" href="feed.atom?page=2"/>
                  <entry xml:base="2026/12/">
                    <title>one</title>
                    <link rel="alternate" href="one.html"/>
                    <link rel="enclosure" type="image/png" href="one.png"/>
                    <link rel="enclosure" type="application/pdf" href="one.pdf"/>
                    <content type="html">&lt;img src="one-inline.jpg"&gt;</content>
                  </entry>
                  <entry>
                    <title>two</title>
                    <summary type="text">no &lt;img src="not-an-image.jpg"&gt; here: it is text</summary>
                    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
                      <p><img src="/abs/two.jpg"/></p></div></content>
                    <media:content url="two-media.jpg" medium="image"/>
                  </entry>
                </feed>""");

        assertEquals(List.of("https://photos.example/atom/2026/12/one.png",
                "https://photos.example/atom/2026/12/one-inline.jpg", "https://photos.example/abs/two.jpg",
                "https://photos.example/atom/two-media.jpg"), links(page));
        assertEquals("https://photos.example/atom/feed.atom?page=2", page.next());
    }

    @Test
    void refuses_an_entity_bomb_without_expanding_it() {
        StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            bomb.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1)
                    + ";").repeat(10))
                    .append("\">\n");
        }
        bomb.append("]>\n<rss version=\"2.0\"><channel><item><description>&lol9;</description></item></channel></rss>");
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();

        IOException refused = assertThrows(IOException.class, () -> links(page(bomb.toString())));

        assertTrue(refused.getMessage().contains("DTD") || refused.getMessage().contains("entity"),
                refused.getMessage());
        long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertTrue(after - before < 100L << 20, "a billion laughs never expanded: " + (after - before) + " bytes");
    }

    @Test
    void never_reads_an_external_entity() throws Exception {
        Path secret = Files.writeString(work.resolve("secret.txt"), "https://attacker.example/secret.png");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<rss version=\"2.0\"><channel><item><enclosure url=\"&x;\" "
                + "type=\"image/png\"/></item></channel></rss>";

        IOException refused = assertThrows(IOException.class, () -> links(page(xml)));

        assertTrue(!refused.getMessage().contains("attacker.example"), refused.getMessage());
    }

    @Test
    void refuses_xml_that_is_not_a_feed() {
        IOException refused = assertThrows(IOException.class,
                () -> page("<html><body><img src=\"a.jpg\"></body></html>"));
        assertTrue(refused.getMessage().contains("not an RSS or Atom feed"), refused.getMessage());
        IOException broken = assertThrows(IOException.class, () -> page("<rss><channel><item>"));
        assertTrue(broken.getMessage().contains("not a well-formed feed"), broken.getMessage());
    }
}
