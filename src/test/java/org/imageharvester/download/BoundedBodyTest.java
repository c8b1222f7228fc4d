package org.imageharvester.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.imageharvester.TestImages;
import org.imageharvester.values.Deadline;

class BoundedBodyTest {

    private final byte[] png = TestImages.image("png", 64, 64, 0x123456);

    @Test
    void fingerprints_the_bytes_once_as_they_pass_even_after_a_look_at_the_head() throws Exception {
        BoundedBody body = BoundedBody.image(new ByteArrayInputStream(png), png.length, Deadline.in(10_000, "late"));

        assertArrayEquals(Arrays.copyOf(png, 16), body.head(16));
        assertNull(body.fingerprint(), "no fingerprint before the end");
        assertArrayEquals(png, body.readAllBytes());
        Fingerprint whole = new Fingerprint();
        whole.update(png, 0, png.length);
        assertEquals(whole.value(), body.fingerprint());
    }

    @Test
    void refuses_more_bytes_than_allowed() {
        BoundedBody body = BoundedBody.image(new ByteArrayInputStream(png), png.length - 1,
                Deadline.in(10_000, "late"));

        RejectedDownloadException refused = assertThrows(RejectedDownloadException.class, body::readAllBytes);
        assertEquals("too large: more than download.maxBytes (" + (png.length - 1) + " bytes) arrived",
                refused.getMessage());
    }

    @Test
    void refuses_a_body_whose_deadline_has_passed() {
        BoundedBody body = BoundedBody.image(new ByteArrayInputStream(png), png.length,
                new Deadline(0, "too slow: late"));

        RejectedDownloadException refused = assertThrows(RejectedDownloadException.class, body::readAllBytes);
        assertEquals("too slow: late", refused.getMessage());
    }

    @Test
    void bounds_a_listing_by_the_time_spent_waiting_for_its_bytes_not_by_the_clock() throws Exception {
        // a server that sends a byte every 30 ms: 20 bytes take about 600 ms of waiting
        InputStream drip = new InputStream() {
            private int left = 20;

            @Override
            public int read() {
                return left-- > 0 ? pause('a') : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int c = read();
                if (c < 0) return -1;
                b[off] = (byte) c;
                return 1;
            }

            private int pause(int c) {
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return c;
            }
        };
        BoundedBody listing = BoundedBody.listing(drip, 1000, 200);

        RejectedDownloadException refused = assertThrows(RejectedDownloadException.class, listing::readAllBytes);
        assertEquals("too slow: the listing's bytes took longer than download.totalTimeout (200 ms) to arrive",
                refused.getMessage());
        // time the reader spends elsewhere (downloading the links it read) does not count
        BoundedBody patient = BoundedBody.listing(new ByteArrayInputStream(new byte[10]), 1000, 200);
        for (int i = 0; i < 10; i++) {
            assertEquals(0, patient.read());
            Thread.sleep(30);
        }
        assertEquals(-1, patient.read());
    }

    @Test
    void names_the_listing_cap_when_a_listing_is_too_large() {
        BoundedBody listing = BoundedBody.listing(new ByteArrayInputStream(new byte[100]), 99, 10_000);

        RejectedDownloadException refused = assertThrows(RejectedDownloadException.class, listing::readAllBytes);
        assertEquals("too large: more than source.maxBytes (99 bytes) arrived", refused.getMessage());
    }
}
