package org.imageharvester.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep of parts a crash left: all of them in a runner's own folder, only the stale ones in a shared folder. */
class PartFilesTest {

    @TempDir
    Path work;

    private Path part(String name, long ageMillis) throws Exception {
        Path part = Files.writeString(work.resolve(PartFiles.part(name)), "half");
        Files.setLastModifiedTime(part, FileTime.from(Instant.now().minusMillis(ageMillis)));
        return part;
    }

    @Test
    void a_standalone_runner_sweeps_every_part_of_its_folders_and_its_sources_folders() throws Exception {
        Path old = part("a.png", 600_000);
        Path fresh = part("b.png", 0);
        Files.createDirectories(work.resolve("blog"));
        Path inFolder = part("blog/c.png", 0);
        PartFiles parts = new PartFiles();
        parts.setDir(work.toString());
        parts.setRole("standalone");

        assertEquals(3, parts.sweep());
        assertFalse(Files.exists(old) || Files.exists(fresh) || Files.exists(inFolder));
    }

    @Test
    void a_node_of_a_scale_out_leaves_the_parts_other_nodes_are_writing() throws Exception {
        Path old = part("a.png", 600_000);
        Path fresh = part("b.png", 1_000);
        PartFiles parts = new PartFiles();
        parts.setDir(work.toString());
        parts.setRole("worker");
        parts.setStaleAfter(120_000);

        assertEquals(1, parts.sweep());
        assertFalse(Files.exists(old), "a part untouched for longer than download.totalTimeout is no one's");
        assertTrue(Files.exists(fresh), "a part written a second ago is another node's write in flight");
        assertEquals("blog/.c.png.part", PartFiles.part("blog/c.png"));
    }
}
