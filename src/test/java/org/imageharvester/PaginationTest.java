package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.imageharvester.report.HarvestSummary;

/**
 * Listings that span pages, against a local server that pages each way real APIs do: a {@code Link: rel="next"}
 * header (GitHub, Unsplash), a next-page URL or a cursor in the JSON body, numbered pages, an HTML page's
 * {@code rel="next"} link; and pages that loop, fail, or point where the harvester must not go.
 */
class PaginationTest extends HarvesterTestSupport {

    private void images(String... names) throws Exception {
        for (String name : names) {
            server.serve("/i/" + name + ".png", "image/png",
                    TestImages.image("png", 20, 20, name.hashCode() & 0xffffff));
        }
    }

    private String links(String... names) {
        StringBuilder out = new StringBuilder();
        for (String name : names) out.append(server.url("/i/" + name + ".png")).append('\n');
        return out.toString();
    }

    private String json(String next, String... names) {
        StringBuilder out = new StringBuilder("{\"data\":[");
        for (int i = 0; i < names.length; i++) {
            out.append(i == 0 ? "" : ",").append("{\"link\":\"").append(server.url("/i/" + names[i]
                    + ".png")).append("\"}");
        }
        return out.append("],\"paging\":{\"next\":").append(next == null ? "null" : "\"" + next
                + "\"").append("}}").toString();
    }

    private JsonNode source() throws Exception {
        return report().get("sources").get(0);
    }

    @Test
    void follows_link_headers_relative_and_absolute_to_the_last_page() throws Exception {
        images("a", "b", "c", "d");
        server.serve("/l/1.txt", "text/plain", links("a", "b"),
                Map.of("Link", "</l/2.txt>; rel=\"next\", </l/3.txt>; rel=\"last\""))
                .serve("/l/2.txt", "text/plain", links("c"),
                Map.of("Link", "<" + server.url("/l/3.txt") + ">; rel=next"))
                .serve("/l/3.txt", "text/plain", links("d"), Map.of("Link", "</l/1.txt>; rel=\"first\""));
        sources("", "source.url", server.url("/l/1.txt"), "source.format", "lines");

        HarvestSummary summary = harvest();

        assertEquals(4, summary.saved(), summary.toString());
        assertTrue(summary.sourceRead(), summary.toString());
        assertEquals(3, source().get("pages").asInt());
        assertTrue(source().get("note").isNull(), source().toString());
    }

    @Test
    void follows_a_next_page_url_in_the_json_body() throws Exception {
        images("a", "b", "c");
        server.serve("/j/1.json", "application/json", json("/j/2.json", "a", "b"))
                .serve("/j/2.json", "application/json", json(server.url("/j/3.json"), "c"))
                .serve("/j/3.json", "application/json", json(null));
        sources("", "source.url", server.url("/j/1.json"), "source.format", "json", "source.jsonPath", "$.data[*].link",
                "source.nextPath", "$.paging.next");

        HarvestSummary summary = harvest();

        assertEquals(3, summary.saved(), summary.toString());
        assertEquals(3, source().get("pages").asInt());
        assertEquals(1, server.hits("/j/3.json"));
    }

    @Test
    void puts_a_cursor_from_the_json_body_into_the_next_url() throws Exception {
        images("a", "b", "c");
        server.serve("/c", "application/json", json("x 1/2", "a"))
                .serve("/c?after=x+1%2F2", "application/json", json("y", "b"))
                .serve("/c?after=y", "application/json", json("", "c"));
        sources("", "source.url", server.url("/c"), "source.format", "json", "source.jsonPath", "$.data[*].link",
                "source.nextPath", "$.paging.next", "source.nextUrl", server.url("/c?after={cursor}"));

        HarvestSummary summary = harvest();

        assertEquals(3, summary.saved(), summary.toString());
        assertEquals(3, server.hits("/c"), "the first page, then one per cursor; an empty cursor ends it");
    }

    @Test
    void reads_numbered_pages_from_the_first_page_to_the_first_empty_one() throws Exception {
        images("a", "b", "c");
        server.serve("/g/0.json", "application/json", json(null, "a"))
                .serve("/g/1.json", "application/json", json(null, "b", "c"))
                .serve("/g/2.json", "application/json", json(null))
                .serve("/g/3.json", "application/json", json(null, "a"));
        sources("", "source.url", server.url("/g/{page}.json"), "source.format", "json",
                "source.jsonPath", "$.data[*].link", "source.firstPage", "0");

        HarvestSummary summary = harvest();

        assertEquals(3, summary.saved(), summary.toString());
        assertEquals(1, server.hits("/g/2.json"));
        assertEquals(0, server.hits("/g/3.json"), "the empty page ends the listing");
        assertTrue(summary.sourceRead());
    }

    @Test
    void reads_at_most_max_pages_and_says_the_listing_goes_on() throws Exception {
        images("a", "b", "c");
        server.serve("/g/1.json", "application/json", json(null, "a"))
                .serve("/g/2.json", "application/json", json(null, "b"))
                .serve("/g/3.json", "application/json", json(null, "c"));
        sources("", "source.url", server.url("/g/{page}.json"), "source.format", "json",
                "source.jsonPath", "$.data[*].link", "source.maxPages", "2");

        HarvestSummary summary = harvest();

        assertEquals(2, summary.saved(), summary.toString());
        assertEquals(0, server.hits("/g/3.json"));
        assertTrue(source().get("note").asText().contains("source.maxPages (2)"), source().toString());
        assertTrue(summary.toString().contains("source.maxPages (2)"), summary.toString());
    }

    @Test
    void follows_an_html_page_rel_next_link() throws Exception {
        images("a", "b");
        server.serve("/h/1.html", "text/html", "<html><head><link rel=\"next\" href=\"2.html\"></head><body>"
                        + "<img src=\"/i/a.png\"></body></html>")
                .serve("/h/2.html", "text/html", "<html><body><img src=\"../i/b.png\">"
                        + "<a rel=\"prev\" href=\"1.html\">back</a></body></html>");
        sources("", "source.url", server.url("/h/1.html"), "source.format", "html");

        HarvestSummary summary = harvest();

        assertEquals(2, summary.saved(), summary.toString());
        assertEquals(2, source().get("pages").asInt());
    }

    @Test
    void ends_a_listing_whose_page_points_back_to_an_earlier_one() throws Exception {
        images("a", "b");
        server.serve("/l/1.txt", "text/plain", links("a"), Map.of("Link", "</l/2.txt>; rel=\"next\""))
                .serve("/l/2.txt", "text/plain", links("b"), Map.of("Link", "</l/1.txt>; rel=\"next\""));
        sources("", "source.url", server.url("/l/1.txt"), "source.format", "lines");

        HarvestSummary summary = harvest();

        assertEquals(2, summary.saved(), summary.toString());
        assertEquals(1, server.hits("/l/1.txt"));
        assertTrue(summary.sourceRead(), "a loop ends the listing; it is not a failure");
        assertTrue(source().get("note").asText().contains("points back"), source().toString());
    }

    @Test
    void a_failing_middle_page_fails_the_listing_with_its_number_and_keeps_the_links_read_before() throws Exception {
        images("a", "b", "c");
        server.serve("/l/1.txt", "text/plain", links("a", "b"), Map.of("Link", "</l/2.txt>; rel=\"next\""))
                .serve("/l/2.txt", 500, "text/plain", "down".getBytes())
                .serve("/l/3.txt", "text/plain", links("c"));
        sources("", "source.url", server.url("/l/1.txt"), "source.format", "lines", "download.retries", "0");

        HarvestSummary summary = harvest();

        assertEquals(2, summary.saved(), summary.toString());
        assertFalse(summary.sourceRead());
        assertTrue(summary.sourceError().startsWith("page 2 (" + server.url("/l/2.txt") + "): "),
                summary.sourceError());
        assertTrue(summary.sourceError().contains("500"), summary.sourceError());
        assertEquals(2, source().get("pages").asInt());
        assertEquals(0, server.hits("/l/3.txt"));
    }

    @Test
    void refuses_a_next_page_at_an_internal_address_or_outside_the_web() throws Exception {
        images("a", "b");
        // (the test server's 127.0.0.1 is let in; 10.0.0.0/8 is not, nor a file on this machine)
        server.serve("/l/1.txt", "text/plain", links("a"), Map.of("Link", "<http://10.1.2.3/l/2.txt>; rel=\"next\""))
                .serve("/m/1.txt", "text/plain", links("b"), Map.of("Link", "<file:///etc/passwd>; rel=\"next\""));
        sources("one,two", "source.one.url", server.url("/l/1.txt"), "source.two.url", server.url("/m/1.txt"),
                "source.format", "lines");

        HarvestSummary summary = harvest();

        assertEquals(2, summary.saved(), "the links of the first pages are done: " + summary);
        assertFalse(summary.sourceRead());
        JsonNode sources = report().get("sources");
        assertTrue(sources.get(0).get("error").asText().contains("10.1.2.3"), sources.toString());
        assertTrue(sources.get(0).get("error").asText().matches(".*(refused|not allowed|not a global).*"),
                sources.toString());
        assertTrue(sources.get(1).get("error").asText().contains("not an http(s) URL"), sources.toString());
    }

    @Test
    void stops_a_nightly_rerun_after_links_already_in_the_ledger() throws Exception {
        images("n1", "a", "b", "c", "d", "e", "f");
        // newest first, three a page
        server.serve("/g/1.json", "application/json", json(null, "a", "b", "c"))
                .serve("/g/2.json", "application/json", json(null, "d", "e", "f"))
                .serve("/g/3.json", "application/json", json(null));
        sources("", "source.url", server.url("/g/{page}.json"), "source.format", "json",
                "source.jsonPath", "$.data[*].link", "source.stopAfterKnown", "3");
        assertEquals(6, harvest().saved());
        assertEquals(1, server.hits("/g/3.json"));

        // the next night one new image has come: it pushes the others down a place
        server.serve("/g/1.json", "application/json", json(null, "n1", "a", "b"))
                .serve("/g/2.json", "application/json", json(null, "c", "d", "e"))
                .serve("/g/3.json", "application/json", json(null, "f"));
        HarvestSummary second = harvest();

        assertEquals(1, second.saved(), second.toString());
        assertEquals(4, second.listed(), "n1, then a, b, c: three known in a row: " + second);
        assertEquals(2, server.hits("/g/2.json"));
        assertEquals(1, server.hits("/g/3.json"), "page 3 is not read again");
        assertTrue(second.sourceRead(), second.toString());
        assertTrue(second.toString().contains("3 links in a row already in the ledger"), second.toString());
    }

    @Test
    void a_feed_with_an_entity_bomb_fails_its_listing_with_the_reason_and_expands_nothing() throws Exception {
        StringBuilder bomb =
                new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY a \"aaaaaaaaaa\">\n");
        for (int i = 1; i <= 9; i++) {
            bomb.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i == 1 ? "" : i - 1)
                    + ";").repeat(10)).append("\">\n");
        }
        bomb.append("]>\n<rss version=\"2.0\"><channel><item><description>&a9;</description></item></channel></rss>");
        server.serve("/feed.xml", "application/rss+xml", bomb.toString());
        sources("", "source.url", server.url("/feed.xml"), "source.format", "feed");

        HarvestSummary summary = harvest();

        assertFalse(summary.sourceRead());
        assertTrue(summary.sourceError().contains("a feed with a DTD is refused"), summary.sourceError());
    }

    @Test
    void without_pagination_settings_a_single_page_listing_reads_as_before() throws Exception {
        images("a");
        server.serve("/urls.txt", "text/plain", links("a"));
        HarvestSummary summary = harvest();
        assertEquals(1, summary.saved(), summary.toString());
        assertNull(summary.sourceError());
        assertEquals(1, source().get("pages").asInt());
    }
}
