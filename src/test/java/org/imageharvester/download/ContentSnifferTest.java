package org.imageharvester.download;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentSnifferTest {

    private static final String SVG = "an SVG image (refused: SVG can carry script)";

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
        "<!DOCTYPE html><html><head><title>Moved</title>                       | an HTML page",
        "<head><meta charset=utf-8>                                             | an HTML page",
        "<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>       | an HTML page",
        "{\"error\": \"not found\", \"status\": 404}                            | JSON",
        "  [{\"id\": 1}]                                                        | JSON",
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'/>          | " + SVG,
        "<?xml version='1.0' encoding='utf-8'?><svg width='10'/>                | " + SVG,
        "<?xml version='1.0'?><!-- Illustrator --><!DOCTYPE svg PUBLIC '-//W3C//DTD SVG 1.1//EN'> | " + SVG,
        "<?xml version='1.0'?><rss version='2.0'><channel>                      | an XML document",
        "Access denied. Ask the webmaster, café ☕                               | plain text",
        "[error] not found                                                      | plain text",
    })
    void says_what_a_body_that_is_no_image_looks_like(String body, String expected) {
        assertEquals(expected, ContentSniffer.describe(body.strip().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void looks_past_a_byte_order_mark_and_white_space() {
        byte[] page = "\uFEFF\r\n  \t<html lang=en><body>Sorry</body></html>".getBytes(StandardCharsets.UTF_8);
        assertEquals("an HTML page", ContentSniffer.describe(page));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "00 00 00 18 66 74 79 70 69 73 6f 6d, binary data of no known image format (it starts 00 00 00 18 66 74 79 70)",
        "38 42 50 53 00 01, binary data of no known image format (it starts 38 42 50 53 00 01)",
        "c3 28 41 42, binary data of no known image format (it starts c3 28 41 42)",
    })
    void shows_the_first_bytes_of_binary_data(String hex, String expected) {
        assertEquals(expected, ContentSniffer.describe(HexFormat.ofDelimiter(" ").parseHex(hex)));
    }
}
