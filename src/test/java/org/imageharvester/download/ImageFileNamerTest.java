package org.imageharvester.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.imageharvester.values.Known;
import org.imageharvester.values.Source;

class ImageFileNamerTest {

    private final ImageFileNamer namer = new ImageFileNamer();

    @Test
    void keeps_the_last_segment_and_its_extension() {
        String name = namer.name("https://i.imgur.com/AbC123.JPG?maxwidth=640", "image/jpeg");
        assertTrue(name.matches("AbC123-[0-9a-f]{32}\\.jpg"), name);
    }

    @Test
    void takes_the_extension_from_the_content_type_when_the_url_has_none() {
        assertTrue(namer.name("https://images.unsplash.com/photo-1516117172878-fd2c41f4a759", "image/jpeg; charset=x")
                .matches("photo-1516117172878-fd2c41f4a759-[0-9a-f]{32}\\.jpg"));
        assertTrue(namer.name("https://example.org/render", "image/png").endsWith(".png"));
        assertTrue(namer.name("https://example.org/render", null).endsWith(".img"));
    }

    @Test
    void gives_two_urls_with_the_same_last_segment_two_names_and_one_url_always_the_same() {
        String a = namer.name("https://a.example/cat.png", "image/png");
        String b = namer.name("https://b.example/cat.png", "image/png");
        assertNotEquals(a, b);
        assertEquals(a, namer.name("https://a.example/cat.png", "image/png"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://x.example/..%2F..%2Fetc%2Fpasswd",
            "https://x.example/a/%2e%2e%2f%2e%2e%2fboot.png",
            "https://x.example/C:%5CWindows%5Cevil.png", "https://x.example/%00nul%0Aline.jpg", "https://x.example/",
            "https://x.example/..", "https://x.example/.hidden.png", "not a url at all/../../x.png"})
    void never_names_a_file_outside_its_folder(String url) {
        String name = namer.name(url, "image/png");
        Path folder = Path.of("images");
        assertEquals(folder, folder.resolve(name).normalize().getParent(), name);
        assertFalse(name.startsWith("."), name);
        assertTrue(name.chars().allMatch(c -> c >= 0x20 && c != '/' && c != '\\' && c != ':'), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://x.example/CON", "https://x.example/nul.png", "https://x.example/aux.tar.gz.png",
            "https://x.example/LPT1.jpg", "https://x.example/com9"})
    void never_uses_a_name_windows_keeps_for_devices(String url) {
        String name = namer.name(url, "image/png");
        String beforeFirstDot = name.split("[.-]")[0];
        assertFalse(beforeFirstDot.matches("(?i)con|prn|aux|nul|com[0-9]|lpt[0-9]"), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "猫", "\uD835\uDC00", "é"})
    void bounds_the_name_in_bytes_whatever_the_script(String letter) {
        String name = namer.name("https://x.example/" + letter.repeat(1000) + ".png", "image/png");
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes <= ImageFileNamer.MAX_STEM_BYTES + 1 + 32 + 5, bytes + " bytes: " + name);
        // a thumbnail's part file (.<stem>_thumbnail.<ext>.part) still fits the usual 255-byte limit
        assertTrue(bytes + "._thumbnail.part".length() < 255, bytes + " bytes");
        assertTrue(name.startsWith(letter), name);
    }

    @Test
    void takes_the_extension_only_from_known_image_types() {
        String unknown = namer.name("https://x.example/render", "image/" + "x".repeat(300));
        assertTrue(unknown.matches("render-[0-9a-f]{32}\\.img"), unknown);
        assertTrue(namer.name("https://x.example/render", "image/svg+xml").endsWith(".img"));
        assertTrue(namer.name("https://x.example/render", "image/webp").endsWith(".webp"));
        assertTrue(namer.name("https://x.example/%E7%8C%AB.png", "image/png").startsWith("猫-"));
    }

    @Test
    void keeps_the_name_a_url_was_saved_under_before() {
        assertEquals("cat-0123456789ab.png", namer.name("https://x.example/cat.png", "image/png",
                new Known(Path.of("images", "cat-0123456789ab.png").toString(), "\"v1\"", null), null, null, null));
        assertEquals(namer.name("https://x.example/cat.png", "image/png"),
                namer.name("https://x.example/cat.png", "image/png", null, null, null, null));
    }

    @Test
    void puts_the_image_of_a_source_with_a_folder_into_it_and_never_a_folder_from_a_job_that_is_not_a_plain_name() {
        String plain = namer.name("https://x.example/cat.png", "image/png");
        assertEquals("blog/" + plain, namer.name("https://x.example/cat.png", "image/png", null,
                Source.ofJob("blog", "blog"), null, null));
        for (String hostile : new String[] {"..", "../etc", "a/b", "/tmp", "Blog", ""}) {
            assertEquals(plain, namer.name("https://x.example/cat.png", "image/png", null,
                    Source.ofJob("blog", hostile), null, null), hostile);
        }
    }
}
