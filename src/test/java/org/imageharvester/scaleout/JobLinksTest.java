package org.imageharvester.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.imageharvester.values.ListedLink;
import org.imageharvester.values.Source;

/** A worker reads a job's links and their keys from its body, and leaves out what is neither. */
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
        // hostile fields: bad names, objects and overlong text are left out or cut; a third part that is no JSON
        // object leaves the line out
        String hostile = "{\"../x\":\"a\",\"ok\":\"" + "y".repeat(5000) + "\",\"obj\":{\"a\":1}}";
        List<JobLinks.Link> read = links.read("k-1 https://x.example/b.png "
                + URLEncoder.encode(hostile, StandardCharsets.UTF_8) + "\nk-2 https://x.example/c.png %5B1%5D\n"
                + "k-3 https://x.example/d.png notjson");
        assertEquals(1, read.size(), read.toString());
        assertEquals(List.of("ok"), List.copyOf(read.get(0).listed().entry().keySet()));
        assertTrue(((String) read.get(0).listed().entry().get("ok")).length() < 1100);
    }

    @Test
    void reads_each_link_after_its_key_in_the_job_s_order() throws Exception {
        assertEquals(List.of(link("20261203-101500-000-source-7", "https://x.example/a.png"),
                link("20261203-101500-000-source-3", "https://x.example/b.png?s=1")),
                links.read("20261203-101500-000-source-7 https://x.example/a.png\n"
                        + "20261203-101500-000-source-3 https://x.example/b.png?s=1"));
    }

    @Test
    void leaves_out_lines_that_are_no_key_and_link() throws Exception {
        String tooLong = "k".repeat(101);
        assertEquals(List.of(link("run-source-2", "https://x.example/c.png")),
                links.read("https://x.example/a.png\n" + tooLong + " https://x.example/b.png\n\n"
                        + "run/../x-1 https://x.example/d.png\nrun-source-1 https://x.example/e f.png\n"
                        + "run-source-2 https://x.example/c.png"));
        assertEquals(List.of(), links.read(new byte[] {1, 2}));
    }
}
