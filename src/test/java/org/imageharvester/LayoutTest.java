package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.imageharvester.download.ImageFileNamer;
import org.imageharvester.report.HarvestSummary;

/**
 * download.layout through the real routes: folders and names from the source, the run's day and each JSON entry's
 * title, every expanded part made safe (a hostile title never leaves download.dir nor makes a dot, a separator or a
 * control character), two links with one title never sharing a file, thumbnails in the same folders, and a changed
 * layout fetching nothing saved before, whose files keep their names.
 */
class LayoutTest extends HarvesterTestSupport {

    private static final String LONG = "Ω".repeat(300);

    @Override
    protected void configure(Properties settings) {
        settings.put("source.format", "json");
        settings.put("source.url", server.url("/gallery.json"));
        settings.put("source.jsonPath", "$.data[*].link");
        settings.put("download.layout", "{source}/{yyyy}/{title}.{ext}");
    }

    private String png(String name) {
        server.serve("/i/" + name + ".png", "image/png", TestImages.image("png", 20, 12, name.hashCode() & 0xffffff));
        return server.url("/i/" + name + ".png");
    }

    private void gallery(String... entries) {
        server.serve("/gallery.json", "application/json", "{\"data\":[" + String.join(",", entries) + "]}");
    }

    private static String entry(String title, String link) {
        return "{" + (title == null ? "" : "\"title\":" + title + ",") + "\"link\":\"" + link + "\"}";
    }

    private List<String> saved(String folder) throws Exception {
        Path root = work.resolve(folder);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString()).sorted().toList();
        }
    }

    @Test
    void lays_out_folders_and_names_from_the_entry_safely_and_never_two_links_on_one_file() throws Exception {
        String year = Integer.toString(ZonedDateTime.now().getYear());
        gallery(entry("\"Sunset at the beach\"", png("a")),
                entry("\"../../etc/passwd\"", png("b")),
                entry("\"Sunset at the beach\"", png("c")),
                entry("\"a\\u0000b\\nc/d\\\\e.f\\u202e" + LONG + "\"", png("d")),
                entry(null, png("e")),
                entry("{\"nested\":\"object\"}", png("f")));

        HarvestSummary summary = harvest();

        assertEquals(6, summary.saved(), summary.toString());
        List<String> images = saved("images");
        String folder = "source/" + year + "/";
        assertTrue(images.contains(folder + "Sunset_at_the_beach.png"), images.toString());
        assertTrue(images.contains(folder + "etc_passwd.png"), images.toString());
        // the second link with that title: its hash before the extension
        assertEquals(1, images.stream().filter(f -> f.matches(folder + "Sunset_at_the_beach-[0-9a-f]{32}\\.png"))
                .count(), images.toString());
        // no control character, separator or dot from the title; capped at 100 bytes (2 a character)
        String hostile = images.stream().filter(f -> f.startsWith(folder + "a_b_c_d_e_f")).findFirst().orElseThrow();
        String stem = Path.of(hostile).getFileName().toString().replace(".png", "");
        assertTrue(stem.getBytes(StandardCharsets.UTF_8).length <= 100, stem);
        assertTrue(stem.matches("a_b_c_d_e_f_Ω+"), stem);
        // no title (and one that is an object, which is not text): '_', and the second of them gets its hash
        assertTrue(images.contains(folder + "_.png"), images.toString());
        assertEquals(1, images.stream().filter(f -> f.matches(folder + "_-[0-9a-f]{32}\\.png")).count(),
                images.toString());
        assertEquals(6, images.size(), images.toString());
        // the thumbnails in the same folders
        List<String> thumbnails = saved("thumbnails").stream().filter(f -> f.contains("_thumbnail")).toList();
        assertEquals(6, thumbnails.size(), thumbnails.toString());
        assertTrue(thumbnails.contains(folder + "Sunset_at_the_beach_thumbnail.png"), thumbnails.toString());
        assertTrue(Files.readString(file("thumbnails", "index.html")).contains("source/" + year
                + "/etc_passwd_thumbnail.png"));

        // another layout: the six saved are not fetched again and keep their names; a new link takes the new layout
        context.getRegistry().lookupByNameAndType("imageFileNamer", ImageFileNamer.class)
                .setLayout("{host}/{name}-{hash}.{ext}");
        gallery(entry("\"Sunset at the beach\"", server.url("/i/a.png")), entry("\"x\"", server.url("/i/b.png")),
                entry("\"new\"", png("g")));
        HarvestSummary again = harvest();

        assertEquals(1, again.saved(), again.toString());
        assertEquals(1, server.bodiesSent("/i/a.png"));
        assertEquals(1, server.bodiesSent("/i/b.png"));
        List<String> after = saved("images");
        assertTrue(after.containsAll(images), after.toString());
        assertEquals(1, after.stream().filter(f -> f.matches("127_0_0_1/g-[0-9a-f]{32}\\.png")).count(),
                after.toString());
    }

    @Test
    void never_writes_through_a_folder_of_the_layout_that_is_a_symbolic_link() throws Exception {
        Path outside = Files.createDirectories(work.resolve("outside"));
        Files.createDirectories(work.resolve("images"));
        Files.createSymbolicLink(work.resolve("images/source"), outside);
        gallery(entry("\"planted\"", png("p")));

        HarvestSummary summary = harvest();

        assertEquals(1, summary.failed(), summary.toString());
        assertTrue(report().get("failures").get(0).get("reason").asText().contains("is a symbolic link"),
                report().toString());
        try (Stream<Path> files = Files.walk(outside)) {
            assertEquals(List.of(outside), files.toList());
        }
    }

    @Test
    void refuses_a_layout_that_could_name_a_file_outside_download_dir_or_without_its_extension() {
        for (String bad : List.of("../{name}.{ext}", "/{name}.{ext}", "{name}", "a//{name}.{ext}", "{name}.jpg",
                "{source}/../{name}.{ext}", ".{name}.{ext}", "{nope!}.{ext}", "a\\b/{name}.{ext}")) {
            assertTrue(ImageFileNamer.layoutProblem(bad) != null, bad);
        }
        assertEquals(null, ImageFileNamer.layoutProblem("{source}/{yyyy}-{MM}/{dd} {title} by {author}.{ext}"));
    }
}
