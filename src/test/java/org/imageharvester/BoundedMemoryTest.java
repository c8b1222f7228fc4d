package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** A separate runner process within the recommended heap: images and thumbnails larger than it. */
class BoundedMemoryTest extends RunnerProcessSupport {

    @Test
    void streams_an_image_larger_than_its_heap_to_disk() throws Exception {
        long size = 200L * 1024 * 1024;
        server.serveLarge("/huge.png", size).serve("/urls.txt", "text/plain", server.url("/huge.png"));
        // (a whole PNG structure around junk image data: download.keepUndecodable keeps it when its thumbnail finds
        // out)
        Process runner = start(List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-Ddownload.maxBytes=" + 2 * size,
                "-Ddownload.keepUndecodable=true",
                "-Dsource.url=" + server.url("/urls.txt"),
                "-Dsource.format=lines", "-Dsource.headers="), "--once");

        assertEquals(0, exitCode(runner, 120), log(runner));
        try (Stream<Path> images = Files.list(work.resolve("images"))) {
            List<Path> saved = images.toList();
            assertEquals(1, saved.size(), saved.toString());
            assertEquals(size, Files.size(saved.get(0)));
        }
    }

    @Test
    void thumbnails_six_60_mb_jpegs_on_four_threads_within_the_recommended_heap() throws Exception {
        int images = 6;
        long size = 60L << 20;
        byte[] jpeg = TestImages.image("jpg", 2000, 1500, 0x405060);
        // every body is a real JPEG, then padding (its own byte, so no two are the same image); all six end
        // together, so four thumbnails are made at once
        CountDownLatch nearlySent = new CountDownLatch(images);
        StringBuilder listing = new StringBuilder();
        for (int i = 0; i < images; i++) {
            byte padding = (byte) (i + 1);
            server.on("/big/" + i + ".jpg", call -> {
                call.getResponseHeaders().set("Content-Type", "image/jpeg");
                call.sendResponseHeaders(200, size);
                byte[] chunk = new byte[1 << 20];
                try (OutputStream out = call.getResponseBody()) {
                    out.write(jpeg);
                    for (long sent = jpeg.length; sent < size; sent += chunk.length) {
                        Arrays.fill(chunk, padding);
                        if (size - sent <= chunk.length) {
                            nearlySent.countDown();
                            nearlySent.await(60, TimeUnit.SECONDS);
                        }
                        out.write(chunk, 0, (int) Math.min(chunk.length, size - sent));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            listing.append(server.url("/big/" + i + ".jpg")).append('\n');
        }
        server.serve("/urls.txt", "text/plain", listing.toString());
        Process runner = start(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:+ExitOnOutOfMemoryError", "-Dthumbnail.concurrency=4", "-Dthumbnail.width=500",
                "-Dthumbnail.height=500", "-Ddownload.maxBytes=" + 2 * size, "-Dsource.url=" + server.url("/urls.txt"),
                "-Dsource.format=lines", "-Dsource.headers="), "--once");

        assertEquals(0, exitCode(runner, 180), log(runner));
        String log = log(runner);
        assertTrue(log.contains("Harvest finished: 6 listed, 6 saved, 0 skipped, 0 failed, 6 thumbnails"), log);
        assertEquals(1, count("reports"));
        try (Stream<Path> saved = Files.list(work.resolve("images"))) {
            List<Path> files = saved.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
            assertEquals(images, files.size(), files.toString());
            for (Path file : files) assertEquals(size, Files.size(file), file + " is whole");
        }
        try (Stream<Path> thumbnails = Files.list(work.resolve("thumbnails"))) {
            List<Path> made = thumbnails.filter(f -> f.getFileName().toString().endsWith("_thumbnail.jpg")).toList();
            assertEquals(images, made.size(), made.toString());
            for (Path thumbnail : made) assertEquals(500, TestImages.read(thumbnail).getWidth(), thumbnail.toString());
        }
    }
}
