package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ImageFileNamerTest {

    private final ImageFileNamer namer = new ImageFileNamer();

    @Test
    void keeps_the_last_segment_and_its_extension() {
        String name = namer.name("https://i.imgur.com/AbC123.JPG?maxwidth=640", "image/jpeg");
        assertTrue(name.matches("AbC123-[0-9a-f]{12}\\.jpg"), name);
    }

    @Test
    void takes_the_extension_from_the_content_type_when_the_url_has_none() {
        assertTrue(namer.name("https://images.unsplash.com/photo-1516117172878-fd2c41f4a759", "image/jpeg; charset=x")
                .matches("photo-1516117172878-fd2c41f4a759-[0-9a-f]{12}\\.jpg"));
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
    @ValueSource(strings = {"https://x.example/..%2F..%2Fetc%2Fpasswd", "https://x.example/a/%2e%2e%2f%2e%2e%2fboot.png",
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

    @Test
    void bounds_the_length_and_keeps_letters_of_any_script() {
        String long_ = namer.name("https://x.example/" + "a".repeat(1000) + ".png", "image/png");
        assertTrue(long_.length() <= 100, long_.length() + " characters");
        assertTrue(namer.name("https://x.example/%E7%8C%AB.png", "image/png").startsWith("猫-"));
    }
}
