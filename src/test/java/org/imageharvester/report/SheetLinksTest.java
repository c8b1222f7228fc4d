package org.imageharvester.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contact sheet links only files in its own folders, by relative paths no browser reads as a scheme, and writes
 * its page and lists without following a link planted in the folder.
 */
class SheetLinksTest {

    @TempDir
    Path work;

    private Path write(String thumbnail, String image) throws Exception {
        Path thumbnails = Files.createDirectories(work.resolve("thumbnails"));
        Path images = Files.createDirectories(work.resolve("images"));
        ContactSheet sheet = new ContactSheet(thumbnails, images, work.resolve("reports"), "harvest-1");
        sheet.add(thumbnail, image, null);
        ProblemLog problems = new ProblemLog(work.resolve("reports"), "harvest-1");
        HarvestSummary summary = new HarvestSummary("harvest-1", Instant.now(), Duration.ZERO, 1, 1, 0, 0, 1, 0, 10,
                null, List.of(new SourceRun.Summary("source", "https://x.example/list", 1, 1, 1, 0, 0, 10,
                        null, null)));
        return sheet.write(summary, problems);
    }

    @Test
    void never_renders_a_link_with_a_scheme() throws Exception {
        String page = Files.readString(write(work.resolve("thumbnails/javascript:alert(1)_thumbnail.png").toString(),
                work.resolve("images/javascript:alert(1).png").toString()));

        Matcher links = Pattern.compile("(?:href|src)=\"([^\"]*)\"").matcher(page);
        int count = 0;
        while (links.find()) {
            count++;
            assertTrue(links.group(1).startsWith("./") || links.group(1).startsWith("../"), links.group(1));
        }
        // the image, its thumbnail, and the history page
        assertEquals(3, count, page);
    }

    @Test
    void links_no_file_outside_its_folders() throws Exception {
        String page = Files.readString(write("/etc/passwd", work.resolve("images/x.png").toString()));

        assertFalse(page.contains("passwd"), page);
        assertFalse(page.contains("<img"), page);
    }

    @Test
    void never_writes_through_a_link_planted_at_its_part_or_page() throws Exception {
        Path outside = Files.writeString(work.resolve("outside.txt"), "keep me");
        Path thumbnails = Files.createDirectories(work.resolve("thumbnails"));
        Files.createSymbolicLink(thumbnails.resolve(".index.html.part"), outside);

        write(thumbnails.resolve("a-0123456789ab_thumbnail.png").toString(), work.resolve("images/a.png").toString());

        assertEquals("keep me", Files.readString(outside));
        assertFalse(Files.isSymbolicLink(thumbnails.resolve("index.html")));
        Files.delete(thumbnails.resolve("index.html"));
        Files.createSymbolicLink(thumbnails.resolve("index.html"), outside);
        assertThrowsRefusal(() -> write(thumbnails.resolve("a_thumbnail.png").toString(),
                work.resolve("images/a.png").toString()));
        assertEquals("keep me", Files.readString(outside));
    }

    private static void assertThrowsRefusal(Executable write) {
        Exception refused = Assertions.assertThrows(IOException.class, write);
        assertTrue(refused.getMessage().contains("is a symbolic link"), refused.getMessage());
    }
}
