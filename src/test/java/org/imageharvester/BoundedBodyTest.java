package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    private final byte[] png = TestImages.image("png", 64, 64, 0x123456);

    @Test
    void fingerprints_the_bytes_once_as_they_pass_even_after_a_look_at_the_head() throws Exception {
        BoundedBody body = new BoundedBody(new ByteArrayInputStream(png), png.length, 10_000);

        assertArrayEquals(Arrays.copyOf(png, 16), body.head(16));
        assertNull(body.fingerprint(), "no fingerprint before the end");
        assertArrayEquals(png, body.readAllBytes());
        Fingerprint whole = new Fingerprint();
        whole.update(png, 0, png.length);
        assertEquals(whole.value(), body.fingerprint());
    }

    @Test
    void refuses_more_bytes_than_allowed() {
        BoundedBody body = new BoundedBody(new ByteArrayInputStream(png), png.length - 1, 10_000);

        RejectedDownloadException refused = assertThrows(RejectedDownloadException.class, body::readAllBytes);
        assertEquals("too large: more than download.maxBytes (" + (png.length - 1) + " bytes) arrived", refused.getMessage());
    }
}
