package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.imageharvester.report.HarvestSummary;

/** An HTML page: its img src and srcset, picture sources and links to image files, resolved against the page. */
class HtmlSourceTest extends HarvesterTestSupport {

    @Override
    protected void configure(Properties settings) {
        settings.put("source.format", "html");
        settings.put("source.url", server.url("/blog/post.html"));
    }

    @Test
    void harvests_the_images_a_page_shows_and_links_to() throws Exception {
        for (String path : new String[] {"/blog/img/relative.png", "/abs.jpg", "/w/big.jpg", "/w/small.jpg",
                "/pic/wide.png", "/files/linked.jpeg"}) {
            server.serve(path, path.endsWith("png") ? "image/png" : "image/jpeg",
                    TestImages.image(path.endsWith("png") ? "png" : "jpg", 64, 48, path.hashCode()));
        }
        server.serve("/blog/post.html", "text/html", """
                <html><body>
                  <img src="img/relative.png" alt="relative to the page">
                  <img src="%s">
                  <img src="/w/small.jpg" srcset="/w/small.jpg 480w, /w/big.jpg 1600w, /w/mid.jpg 800w">
                  <picture><source srcset="/pic/wide.png 2x, /pic/narrow.png 1x"><img src="/pic/narrow.png"></picture>
                  <a href="/files/linked.jpeg">full size</a>
                  <a href="/about.html">not an image</a>
                  <img src="data:image/png;base64,iVBORw0KGgo=">
                </body></html>
                """.formatted(server.url("/abs.jpg")));

        HarvestSummary summary = harvest();

        assertEquals(6, summary.listed(), summary.toString());
        assertEquals(5, summary.saved(), summary.toString());
        assertEquals(1, summary.skipped(), "the data: URI; " + summary);
        assertEquals(1, server.hits("/blog/img/relative.png"));
        assertEquals(1, server.hits("/w/big.jpg"), "the largest srcset candidate");
        assertEquals(0, server.hits("/w/small.jpg") + server.hits("/w/mid.jpg"), "smaller candidates are left");
        assertEquals(1, server.hits("/pic/wide.png"), "the largest source of the picture");
        assertEquals(0, server.hits("/pic/narrow.png"));
        assertEquals(1, server.hits("/files/linked.jpeg"));
        assertEquals(0, server.hits("/about.html"));
        assertEquals(5, files("images").size());
    }
}
