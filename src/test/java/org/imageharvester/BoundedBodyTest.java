package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    private final byte[] png = TestImages.image("png", 64, 64, 0x123456);

    @Test
    void hashes_the_bytes_once_as_they_pass_even_after_a_look_at_the_head() throws Exception {
        BoundedBody body = new BoundedBody(new ByteArrayInputStream(png), png.length, 10_000);

        assertArrayEquals(Arrays.copyOf(png, 16), body.head(16));
        assertNull(body.sha256(), "no hash before the end");
        assertArrayEquals(png, body.readAllBytes());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png)), body.sha256());
    }

    @Test
    void refuses_more_bytes_than_allowed() {
        BoundedBody body = new BoundedBody(new ByteArrayInputStream(png), png.length - 1, 10_000);

        RejectedDownloadException refused = assertThrows(RejectedDownloadException.class, body::readAllBytes);
        assertEquals("too large: more than download.maxBytes (" + (png.length - 1) + " bytes) arrived", refused.getMessage());
    }
}
