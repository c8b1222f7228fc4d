package org.imageharvester.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void fails_the_read_of_an_image_cut_short_at_its_end_and_of_a_corrupt_one_where_it_breaks() throws Exception {
        BoundedBody cut = BoundedBody.image(new ByteArrayInputStream(Arrays.copyOf(png, png.length - 12)),
                png.length, Deadline.in(10_000, "late"));
        cut.expect("png");

        BrokenImageException truncated = assertThrows(BrokenImageException.class, cut::readAllBytes);

        assertEquals("truncated PNG: no IEND (the data ends after its IDAT chunk)", truncated.getMessage());
        // junk where the first chunk should be, then a megabyte that is never read
        ByteArrayInputStream junk = new ByteArrayInputStream(TestImages.concat(Arrays.copyOf(png, 8),
                new byte[1 << 20]));
        BoundedBody corrupt = BoundedBody.image(junk, 2 << 20, Deadline.in(10_000, "late"));
        corrupt.expect("png");
        byte[] buffer = new byte[4096];

        BrokenImageException broken = assertThrows(BrokenImageException.class, () -> {
            while (corrupt.read(buffer, 0, buffer.length) >= 0) {
                // as a file writer reads
            }
        });

        assertEquals("corrupt PNG: no chunk where one should be (byte 8)", broken.getMessage());
        assertTrue(junk.available() > 1_000_000, "stopped at the first slice: " + junk.available() + " bytes left");
        assertEquals("png", corrupt.format());
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
