package org.imageharvester.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.imageharvester.values.EntryFields;
import org.imageharvester.values.ListedLink;
import org.imageharvester.values.Outcome;
import org.imageharvester.values.Source;

/**
 * A worker reads a job's links and their keys from its body, every line a scheduler writes; a line it cannot read fails
 * its link saying why, and one that names no link is left out.
 */
class JobLinksTest {

    private final JobLinks links = new JobLinks();

    private static JobLinks.Link link(String key, String url) {
        return new JobLinks.Link(key, url, ListedLink.of(url));
    }

    @Test
    void carries_a_links_entry_fields_in_its_line_and_reads_them_back_bounded() throws Exception {
        Map<String, Object> entry = Map.of("title", "Harbour \"1\"\nat dawn", "tags", List.of("sea", "boats"),
                "date", 1764700000);
        String line = links.line("run", Source.ofJob("gallery", null), 4, new ListedLink("https://x.example/a.png",
                entry));
        assertEquals(3, line.split(" ").length, line);
        assertEquals(List.of(new JobLinks.Link("run-gallery-4", "https://x.example/a.png",
                new ListedLink("https://x.example/a.png", entry))), links.read(line));
        // hostile fields: bad names, objects and overlong text are left out or cut
        String hostile = "{\"../x\":\"a\",\"ok\":\"" + "y".repeat(5000) + "\",\"obj\":{\"a\":1}}";
        List<JobLinks.Link> read = links.read("k-1 https://x.example/b.png "
                + URLEncoder.encode(hostile, StandardCharsets.UTF_8));
        assertEquals(1, read.size(), read.toString());
        assertEquals(List.of("ok"), List.copyOf(read.get(0).listed().entry().keySet()));
        assertTrue(((String) read.get(0).listed().entry().get("ok")).length() < 1100);
    }

    @Test
    void fails_the_link_of_a_line_it_cannot_read_saying_why() throws Exception {
        List<JobLinks.Link> read = links.read("k-2 https://x.example/c.png %5B1%5D\n"
                + "k-3 https://x.example/d.png notjson\nk-4 https://x.example/e.png %ZZ\n"
                + "k".repeat(101) + " https://x.example/f.png\nk-6 https://x.example/g.png %7B%7D trailing\n"
                + "k-7 https://x.example/h.png " + "%7B".repeat(EntryFields.MAX_ENCODED / 3 + 1));
        assertEquals(List.of("https://x.example/c.png", "https://x.example/d.png", "https://x.example/e.png",
                "https://x.example/f.png", "https://x.example/g.png", "https://x.example/h.png"),
                read.stream().map(JobLinks.Link::url).toList());
        List<String> reasons = read.stream().map(link -> link.failure().detail()).toList();
        assertEquals("its job's line could not be read: its entry's fields are no JSON object", reasons.get(0));
        assertTrue(reasons.get(1).startsWith("its job's line could not be read: its entry's fields are not JSON: "
                + "Unrecognized token 'notjson'"), reasons.get(1));
        assertTrue(reasons.get(2).startsWith("its job's line could not be read: its entry's fields are not "
                + "URL-encoded: "), reasons.get(2));
        assertEquals("its job's line could not be read: its key is not 1 to 100 letters, digits, _ and -",
                reasons.get(3));
        assertEquals("its job's line could not be read: its entry's fields hold white space", reasons.get(4));
        assertTrue(reasons.get(5).contains("more than a listing's (" + EntryFields.MAX_ENCODED + ")"),
                reasons.get(5));
        for (JobLinks.Link link : read) assertEquals(Outcome.Kind.FAILED, link.failure().kind());
    }

    @Test
    void the_largest_fields_a_listing_keeps_make_a_line_a_worker_reads_back_equal() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20; i++) names.add("f" + i + "_".repeat(40 - ("f" + i).length()));
        EntryFields picked = EntryFields.of(String.join(",", names));
        // a character of each kind that takes the most room as URL-encoded JSON
        for (String character : List.of("\u8a9e", "\ud83d\ude00", "\u0001", "\"", "\\", "a")) {
            Map<String, Object> listed = new LinkedHashMap<>();
            for (String name : names) listed.put(name, Collections.nCopies(150, character.repeat(1500)));
            Map<String, Object> fields = picked.ofJson(listed);
            String line = links.line("run", Source.ofJob("gallery", null), 7, new ListedLink("https://x.example/a.png",
                    fields));

            assertEquals(List.of(new JobLinks.Link("run-gallery-7", "https://x.example/a.png",
                    new ListedLink("https://x.example/a.png", fields))), links.read(line), "kind " + character);
            int encoded = line.length() - "run-gallery-7 https://x.example/a.png ".length();
            assertTrue(encoded <= EntryFields.MAX_ENCODED, encoded + " > " + EntryFields.MAX_ENCODED);
        }
    }

    @Test
    void reads_each_link_after_its_key_in_the_job_s_order() throws Exception {
        assertEquals(List.of(link("20261203-101500-000-source-7", "https://x.example/a.png"),
                link("20261203-101500-000-source-3", "https://x.example/b.png?s=1")),
                links.read("20261203-101500-000-source-7 https://x.example/a.png\n"
                        + "20261203-101500-000-source-3 https://x.example/b.png?s=1"));
    }

    @Test
    void leaves_out_lines_that_name_no_link() throws Exception {
        assertEquals(List.of(link("run-source-2", "https://x.example/c.png")),
                links.read("https://x.example/a.png\n\n \nrun-source-1 \nrun-source-2 https://x.example/c.png"));
        assertEquals(List.of(), links.read(new byte[] {1, 2}));
    }
}
