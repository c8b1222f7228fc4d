package org.imageharvester;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** What the runner process tests share: a folder for the runner, a local server, and ways to start and watch it. */
abstract class RunnerProcessSupport {

    @TempDir
    Path work;

    TestServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new TestServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    Map<String, Integer> hits(int count) {
        Map<String, Integer> hits = new TreeMap<>();
        for (int i = 0; i < count; i++) hits.put("/p/" + i + ".png", server.hits("/p/" + i + ".png"));
        return hits;
    }

    void awaitSaved(int images, Process runner) throws IOException {
        await().atMost(60, TimeUnit.SECONDS).pollInterval(20, TimeUnit.MILLISECONDS)
                .until(() -> Runners.savedImages(work.resolve("images")).size() >= images || !runner.isAlive());
        assertTrue(runner.isAlive(), "still harvesting: " + log(runner));
    }

    List<String> parts() throws IOException {
        try (Stream<Path> files = Files.list(work.resolve("images"))) {
            return files.map(f -> f.getFileName().toString()).filter(name -> name.endsWith(".part")).toList();
        }
    }

    Process start(List<String> jvmOptions, String... args) throws IOException {
        return start(jvmOptions, Path.of("").toAbsolutePath(), args);
    }

    Process start(List<String> jvmOptions, Path folder, String... args) throws IOException {
        return Runners.start(work, jvmOptions, folder, args);
    }

    HttpResponse<String> awaitAnswer(Process runner, String url, Predicate<HttpResponse<String>> wanted)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline && runner.isAlive()) {
            try {
                last = get(url);
                if (wanted.test(last)) return last;
            } catch (IOException notYetListening) {
                // the runner is still starting
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such answer from " + url + ": " + (last == null ? "none" : last.statusCode() + " "
                + last.body()) + "\n" + log(runner));
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    int exitCode(Process runner, int seconds) throws Exception {
        if (!runner.waitFor(seconds, TimeUnit.SECONDS)) {
            runner.destroyForcibly();
            throw new AssertionError("runner did not exit within " + seconds + " s: " + log(runner));
        }
        return runner.exitValue();
    }

    String log(Process runner) throws IOException {
        return Files.readString(work.resolve("runner.log"));
    }

    long count(String folder) throws IOException {
        Path dir = work.resolve(folder);
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> files = Files.list(dir)) {
            // (not the pages: the contact sheets and the history page)
            return files.filter(f -> !f.getFileName().toString().startsWith(".")
                    && !f.getFileName().toString().endsWith(".jsonl") && !f.getFileName().toString().endsWith(".html"))
                    .count();
        }
    }
}
