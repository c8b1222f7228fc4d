package org.imageharvester.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A worker reads a job's links and their keys from its body, and leaves out what is neither. */
class JobLinksTest {

    private final JobLinks links = new JobLinks();

    @Test
    void reads_each_link_after_its_key_in_the_job_s_order() throws Exception {
        assertEquals(List.of(new JobLinks.Link("20261203-101500-000-source-7", "https://x.example/a.png"),
                new JobLinks.Link("20261203-101500-000-source-3", "https://x.example/b.png?s=1")),
                links.read("20261203-101500-000-source-7 https://x.example/a.png\n"
                        + "20261203-101500-000-source-3 https://x.example/b.png?s=1"));
    }

    @Test
    void leaves_out_lines_that_are_no_key_and_link() throws Exception {
        String tooLong = "k".repeat(101);
        assertEquals(List.of(new JobLinks.Link("run-source-2", "https://x.example/c.png")),
                links.read("https://x.example/a.png\n" + tooLong + " https://x.example/b.png\n\n"
                        + "run/../x-1 https://x.example/d.png\nrun-source-1 https://x.example/e f.png\n"
                        + "run-source-2 https://x.example/c.png"));
        assertEquals(List.of(), links.read(new byte[] {1, 2}));
    }
}
