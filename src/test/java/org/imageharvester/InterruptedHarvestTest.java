package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** A runner process stopped in the middle of a harvest: by kill -9, by SIGTERM. */
class InterruptedHarvestTest extends RunnerProcessSupport {

    @Test
    void completes_exactly_the_missing_images_after_a_kill_9() throws Exception {
        Map<String, byte[]> served = Runners.serveImages(server, 40, 150);
        List<String> options = List.of("-Dsource.url=" + server.url("/urls.txt"), "-Dsource.format=lines",
                "-Dsource.headers=", "-Ddownload.concurrency=4", "-Ddownload.perHostConcurrency=4");
        Process first = start(options, "--once");
        awaitSaved(8, first);

        first.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
        first.waitFor(30, TimeUnit.SECONDS);
        Map<String, byte[]> present = Runners.savedImages(work.resolve("images"));
        assertTrue(present.size() >= 8 && present.size() < served.size(), present.size() + " saved before the kill");
        present.forEach((name, bytes) -> assertArrayEquals(served.get(name), bytes, name + " is complete"));

        Map<String, Integer> hitsBefore = hits(served.size());
        int notModifiedBefore = server.notModified();
        Process second = start(options, "--once");
        assertEquals(0, exitCode(second, 120), log(second));

        assertEquals(served.keySet(), Runners.savedImages(work.resolve("images")).keySet());
        Runners.savedImages(work.resolve("images")).forEach((name, bytes) -> assertArrayEquals(served.get(name), bytes,
                name + " is complete"));
        // each image saved before the kill is at most asked about (304), each missing one fetched once
        int fetched = 0;
        for (Map.Entry<String, Integer> hit : hits(served.size()).entrySet()) {
            fetched += hit.getValue() - hitsBefore.get(hit.getKey());
        }
        assertEquals(served.size() - present.size(), fetched - (server.notModified() - notModifiedBefore),
                "the second run fetched exactly the missing images");
        assertEquals(List.of(), parts());
    }

    @Test
    void stops_on_sigterm_within_the_shutdown_timeout_leaving_no_partial_file() throws Exception {
        Map<String, byte[]> served = Runners.serveImages(server, 40, 400);
        Process runner = start(List.of("-Dsource.url=" + server.url("/urls.txt"), "-Dsource.format=lines",
                "-Dsource.headers=", "-Ddownload.concurrency=4", "-Dcamel.main.shutdown-timeout=3"), "--once");
        awaitSaved(4, runner);

        runner.destroy(); // SIGTERM

        assertTrue(runner.waitFor(30, TimeUnit.SECONDS), "stopped within the shutdown timeout: " + log(runner));
        assertEquals(List.of(), parts());
        Runners.savedImages(work.resolve("images")).forEach((name, bytes) -> assertArrayEquals(served.get(name), bytes,
                name + " is complete"));
    }
}
