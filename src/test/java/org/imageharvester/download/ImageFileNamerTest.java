package org.imageharvester.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.imageharvester.values.Known;
import org.imageharvester.values.ListedLink;
import org.imageharvester.values.Source;

class ImageFileNamerTest {

    private final ImageFileNamer namer = new ImageFileNamer();

    @Test
    void keeps_the_last_segment_and_its_extension() {
        String name = namer.name("https://i.imgur.com/AbC123.JPG?maxwidth=640", "jpg");
        assertTrue(name.matches("AbC123-[0-9a-f]{32}\\.jpg"), name);
    }

    @Test
    void takes_the_extension_from_the_format_of_the_bytes_when_the_url_has_none() {
        assertTrue(namer.name("https://images.unsplash.com/photo-1516117172878-fd2c41f4a759", "jpg")
                .matches("photo-1516117172878-fd2c41f4a759-[0-9a-f]{32}\\.jpg"));
        for (String format : List.of("png", "ico", "jxl", "avif", "heic", "tif")) {
            assertTrue(namer.name("https://example.org/render", format).endsWith("." + format), format);
        }
        assertTrue(namer.name("https://example.org/render", null).endsWith(".img"));
    }

    @Test
    void keeps_an_image_extension_the_url_names_and_makes_names_the_scheduler_accepts() {
        for (String ext : List.of("jxl", "heic", "heif", "ico", "avif")) {
            String name = namer.name("https://example.org/photo." + ext, "jpg");
            assertTrue(name.matches("photo-[0-9a-f]{32}\\." + ext), name);
            assertTrue(ImageFileNamer.isName(name), name);
        }
        assertTrue(ImageFileNamer.isName(namer.name("https://example.org/render", "jxl")));
    }

    @Test
    void looks_for_a_url_saved_before_under_every_extension_its_bytes_may_have_given() {
        List<String> names = namer.possibleNames("https://example.org/render");
        for (String ext : List.of("jpg", "png", "gif", "webp", "tif", "bmp", "ico", "jxl", "avif", "heic", "img")) {
            String name = namer.name("https://example.org/render", ext);
            assertTrue(name.endsWith("." + ext) && names.contains(name), ext + ": " + names);
        }
    }

    @Test
    void gives_two_urls_with_the_same_last_segment_two_names_and_one_url_always_the_same() {
        String a = namer.name("https://a.example/cat.png", "png");
        String b = namer.name("https://b.example/cat.png", "png");
        assertNotEquals(a, b);
        assertEquals(a, namer.name("https://a.example/cat.png", "png"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://x.example/..%2F..%2Fetc%2Fpasswd",
            "https://x.example/a/%2e%2e%2f%2e%2e%2fboot.png",
            "https://x.example/C:%5CWindows%5Cevil.png", "https://x.example/%00nul%0Aline.jpg", "https://x.example/",
            "https://x.example/..", "https://x.example/.hidden.png", "not a url at all/../../x.png"})
    void never_names_a_file_outside_its_folder(String url) {
        String name = namer.name(url, "png");
        Path folder = Path.of("images");
        assertEquals(folder, folder.resolve(name).normalize().getParent(), name);
        assertFalse(name.startsWith("."), name);
        assertTrue(name.chars().allMatch(c -> c >= 0x20 && c != '/' && c != '\\' && c != ':'), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://x.example/CON", "https://x.example/nul.png", "https://x.example/aux.tar.gz.png",
            "https://x.example/LPT1.jpg", "https://x.example/com9"})
    void never_uses_a_name_windows_keeps_for_devices(String url) {
        String name = namer.name(url, "png");
        String beforeFirstDot = name.split("[.-]")[0];
        assertFalse(beforeFirstDot.matches("(?i)con|prn|aux|nul|com[0-9]|lpt[0-9]"), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "猫", "\uD835\uDC00", "é"})
    void bounds_the_name_in_bytes_whatever_the_script(String letter) {
        String name = namer.name("https://x.example/" + letter.repeat(1000) + ".png", "png");
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes <= ImageFileNamer.MAX_STEM_BYTES + 1 + 32 + 5, bytes + " bytes: " + name);
        // a thumbnail's part file (.<stem>_thumbnail.<ext>.part) still fits the usual 255-byte limit
        assertTrue(bytes + "._thumbnail.part".length() < 255, bytes + " bytes");
        assertTrue(name.startsWith(letter), name);
    }

    @Test
    void takes_the_extension_only_from_known_image_formats() {
        String unknown = namer.name("https://x.example/render", "x".repeat(300));
        assertTrue(unknown.matches("render-[0-9a-f]{32}\\.img"), unknown);
        assertTrue(namer.name("https://x.example/render", "svg").endsWith(".img"));
        assertTrue(namer.name("https://x.example/render", "image/png").endsWith(".img"), "a format, not a type");
        assertTrue(namer.name("https://x.example/render", "webp").endsWith(".webp"));
        assertTrue(namer.name("https://x.example/%E7%8C%AB.png", "png").startsWith("猫-"));
    }

    @Test
    void keeps_the_name_a_url_was_saved_under_before() {
        assertEquals("cat-0123456789ab.png", namer.name("https://x.example/cat.png", "png",
                new Known(Path.of("images", "cat-0123456789ab.png").toString(), "\"v1\"", null), null, null, null));
        assertEquals(namer.name("https://x.example/cat.png", "png"),
                namer.name("https://x.example/cat.png", "png", null, null, null, null));
    }

    @Test
    void puts_the_image_of_a_source_with_a_folder_into_it_and_never_a_folder_from_a_job_that_is_not_a_plain_name() {
        String plain = namer.name("https://x.example/cat.png", "png");
        assertEquals("blog/" + plain, namer.name("https://x.example/cat.png", "png", null,
                Source.ofJob("blog", "blog"), null, null));
        for (String hostile : new String[] {"..", "../etc", "a/b", "/tmp", "Blog", ""}) {
            assertEquals(plain, namer.name("https://x.example/cat.png", "png", null,
                    Source.ofJob("blog", hostile), null, null), hostile);
        }
    }

    // a namer of download.layout in download.dir, as the route's bean is
    private ImageFileNamer laidOut(String layout, Path downloadDir) {
        ImageFileNamer laidOut = new ImageFileNamer();
        laidOut.setLayout(layout);
        laidOut.setDownloadDir(downloadDir.toString());
        return laidOut;
    }

    private static String name(ImageFileNamer namer, String url, String source, Map<String, Object> entry) {
        return namer.name(url, "jpg", null, source == null ? null : Source.ofJob(source, source),
                new ListedLink(url, entry), Instant.parse("2026-12-07T10:00:00Z"));
    }

    @Test
    void sees_the_whole_path_a_source_folder_included_when_a_name_without_hash_is_taken(@TempDir Path dir)
            throws Exception {
        Files.createDirectories(dir.resolve("b"));
        Files.write(dir.resolve("b/Sunset.jpg"), new byte[] {1}); // another link's, saved by an earlier run
        ImageFileNamer namer = laidOut("{title}.{ext}", dir);

        String name = name(namer, "https://evil.example/x.jpg", "b", Map.of("title", "Sunset"));

        assertTrue(name.matches("b/Sunset-[0-9a-f]{32}\\.jpg"), name);
        assertEquals("a/Sunset.jpg", name(namer, "https://a.example/y.jpg", "a", Map.of("title", "Sunset")));
    }

    @Test
    void compares_names_as_case_insensitive_file_systems_do(@TempDir Path dir) {
        ImageFileNamer namer = laidOut("{title}.{ext}", dir);

        String first = name(namer, "https://a.example/1.jpg", null, Map.of("title", "Sunset"));
        String upper = name(namer, "https://a.example/2.jpg", null, Map.of("title", "SUNSET"));
        String composed = name(namer, "https://a.example/3.jpg", null, Map.of("title", "\u00c5ngstr\u00f6m"));
        String decomposed = name(namer, "https://a.example/4.jpg", null, Map.of("title", "A\u030angstro\u0308m"));
        String sharp = name(namer, "https://a.example/5.jpg", null, Map.of("title", "Stra\u00dfe"));
        String doubled = name(namer, "https://a.example/6.jpg", null, Map.of("title", "STRASSE"));

        assertEquals("Sunset.jpg", first);
        assertTrue(upper.matches("SUNSET-[0-9a-f]{32}\\.jpg"), upper);
        assertEquals("\u00c5ngstr\u00f6m.jpg", composed);
        assertTrue(decomposed.matches("\u00c5ngstr\u00f6m-[0-9a-f]{32}\\.jpg"), decomposed);
        assertEquals("Stra\u00dfe.jpg", sharp);
        assertTrue(doubled.matches("STRASSE-[0-9a-f]{32}\\.jpg"), doubled);
    }

    @Test
    void keeps_the_hash_and_the_extension_when_the_byte_cap_shortens_a_layout(@TempDir Path dir) {
        Map<String, Object> entry = Map.of("title", "t".repeat(300), "author", "\u00e9".repeat(300), "tags",
                List.of("g".repeat(300)));
        String url = "https://a.example/long.jpg";

        String hashed = name(laidOut("{title} {author} {tags}-{hash}.{ext}", dir), url, null, entry);
        ImageFileNamer plain = laidOut("{title} {author} {tags}.{ext}", dir);
        name(plain, "https://a.example/other.jpg", null, entry);
        String taken = name(plain, url, null, entry);

        String hash = namer.name(url, null).replaceAll(".*-([0-9a-f]{32})\\..*", "$1");
        for (String name : List.of(hashed, taken)) {
            assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= 240, name.length() + ": " + name);
            assertTrue(name.endsWith("-" + hash + ".jpg"), name);
            assertTrue(name.startsWith("ttt"), name);
        }
    }
}
