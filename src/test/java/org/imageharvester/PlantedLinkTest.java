package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import org.imageharvester.download.ImageFileNamer;
import org.imageharvester.download.PartFiles;
import org.imageharvester.report.HarvestSummary;

/** No write follows a symbolic link planted in the download folder: not the part, not the final name, not adoption. */
class PlantedLinkTest extends HarvesterTestSupport {

    @Test
    void never_writes_or_adopts_through_a_planted_link() throws Exception {
        byte[] a = TestImages.image("png", 12, 12, 1);
        byte[] b = TestImages.image("png", 12, 12, 2);
        byte[] c = TestImages.image("png", 12, 12, 3);
        server.serve("/a.png", "image/png", a).serve("/b.png", "image/png", b).serve("/c.png", "image/png", c);
        list("/a.png", "/b.png", "/c.png");
        ImageFileNamer namer = new ImageFileNamer();
        Path images = Files.createDirectories(work.resolve("images"));
        Path outside = Files.writeString(work.resolve("outside.txt"), "keep me");
        // at a's part name, at b's final name, and at c's (which the ledger would otherwise adopt unasked)
        Path aName = images.resolve(namer.name(server.url("/a.png"), "png"));
        Files.createSymbolicLink(images.resolve(PartFiles.part(aName.getFileName().toString())), outside);
        // and a dangling one at d's part name, as if planted while the runner is up (after its start-up sweep)
        byte[] d = TestImages.image("png", 12, 12, 4);
        server.serve("/d.png", "image/png", d);
        list("/a.png", "/b.png", "/c.png", "/d.png");
        Path dName = images.resolve(namer.name(server.url("/d.png"), "png"));
        Path created = work.resolve("created-through-a-link.png");
        Files.createSymbolicLink(images.resolve(namer.name(server.url("/b.png"), "png")), outside);
        Files.createSymbolicLink(images.resolve(namer.name(server.url("/c.png"), "png")), outside);

        Files.createSymbolicLink(images.resolve(PartFiles.part(dName.getFileName().toString())), created);

        HarvestSummary summary = harvest();

        Assertions.assertFalse(Files.exists(created, LinkOption.NOFOLLOW_LINKS),
                "the image was written through the dangling link");
        assertArrayEquals(d, Files.readAllBytes(dName));

        assertEquals("keep me", Files.readString(outside));
        assertArrayEquals(a, Files.readAllBytes(aName));
        assertTrue(!Files.isSymbolicLink(aName));
        assertEquals(2, summary.failed(), "b's and c's final names are links: " + summary);
        for (JsonNode failure : report().get("failures")) {
            assertTrue(failure.get("reason").asText().contains("is a symbolic link"), failure.toString());
        }
        assertEquals(1, server.hits("/c.png"), "c was fetched, not adopted from the link");
        assertEquals(2, summary.saved(), summary.toString());
        assertTrue(summary.stopReason() == null, summary.toString());
    }
}
