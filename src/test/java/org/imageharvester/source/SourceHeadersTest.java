package org.imageharvester.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.imageharvester.values.SourceHeaders;

class SourceHeadersTest {

    private final Map<String, String> env = Map.of("IMGUR_CLIENT_ID", "abc123");

    @Test
    void takes_variables_from_the_environment() {
        SourceHeaders headers = new SourceHeaders(env::get);
        headers.setSpec("Authorization: Client-ID ${IMGUR_CLIENT_ID} | Accept: application/json");
        assertEquals(Map.of("Authorization", "Client-ID abc123", "Accept", "application/json"), headers.headers());
    }

    @Test
    void fails_at_once_naming_a_variable_that_is_not_set() {
        SourceHeaders headers = new SourceHeaders(env::get);
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> headers.setSpec("Authorization: Bearer ${API_TOKEN}"));
        assertTrue(error.getMessage().contains("API_TOKEN"), error.getMessage());
    }

    @Test
    void rejects_a_header_without_a_name() {
        SourceHeaders headers = new SourceHeaders(env::get);
        assertThrows(IllegalArgumentException.class, () -> headers.setSpec("just a value"));
    }

    @Test
    void takes_no_headers_from_an_empty_setting() {
        SourceHeaders headers = new SourceHeaders(env::get);
        headers.setSpec("");
        assertEquals(Map.of(), headers.headers());
    }
}
