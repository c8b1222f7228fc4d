package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live route reload in a real runner process: the route files of a copy of {@code routes/} are edited while it harvests
 * every second, and the local image server counts how many requests of each harvest were in flight at once.
 */
class RouteReloadTest {

    private static final String DOWNLOAD_POOL = "\"{{download.concurrency:16}}\"";
    private static final String THUMBNAIL_POOL = "\"{{thumbnail.concurrency:0}}\"";

    @TempDir
    Path work;

    private Path app;
    private TestServer server;
    private Process runner;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> peak = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        server = new TestServer();
        app = Files.createDirectories(work.resolve("app"));
        Files.copy(Path.of("application.properties"), app.resolve("application.properties"));
        Files.createDirectories(app.resolve("routes"));
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            for (Path file : routes.toList()) Files.copy(file, app.resolve("routes").resolve(file.getFileName()));
        }
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (runner != null) {
            runner.destroy();
            runner.waitFor(30, TimeUnit.SECONDS);
        }
        server.close();
    }

    @Test
    void applies_edited_pool_sizes_to_the_next_harvest_and_lets_the_running_one_finish() throws Exception {
        edit("harvest.camel.yaml", DOWNLOAD_POOL, "\"{{download.concurrency:3}}\"");
        edit("thumbnail.camel.yaml", THUMBNAIL_POOL, "\"{{thumbnail.concurrency:1}}\"");
        serveImages("/a/", 30, 300);
        start();
        await(() -> server.hits("/a/") > 0, "the first harvest started");

        edit("harvest.camel.yaml", "\"{{download.concurrency:3}}\"", "\"{{download.concurrency:9}}\"");
        edit("thumbnail.camel.yaml", "\"{{thumbnail.concurrency:1}}\"", "\"{{thumbnail.concurrency:4}}\"");
        serveImages("/b/", 36, 300);
        await(() -> log().contains("Harvest finished: 36 listed, 36 saved"), "a harvest with the edited routes");

        String log = log();
        int changed = log.indexOf("Route file harvest.camel.yaml changed: applying it once the running harvest "
                + "finishes");
        int first = log.indexOf("Harvest finished: 30 listed, 30 saved, 0 skipped, 0 failed, 30 thumbnails");
        int reloaded = log.indexOf("Routes reloaded: ");
        int second = log.indexOf("Harvest finished: 36 listed, 36 saved, 0 skipped, 0 failed, 36 thumbnails");
        assertTrue(changed >= 0 && changed < first && first < reloaded && reloaded < second,
                "edit seen during the first harvest, which finished whole, then the reload, then the next harvest: "
                + log);
        assertEquals(3, peak("/a/"), "the running harvest kept its 3 download threads");
        assertEquals(9, peak("/b/"), "the next harvest had 9");
        // the old pools are gone, not merely unused: only the new ones' threads are alive
        String threads = threadDump();
        assertEquals(4, count(threads, "\"Camel thumbnailPool #"), threads);
        // (and the one thread of sourcePool, which reads the listing: source.concurrency = 1)
        assertEquals(9 + 1, count(threads, " - Split\""), threads);
    }

    @Test
    void keeps_the_previous_routes_running_when_an_edit_is_broken() throws Exception {
        edit("harvest.camel.yaml", DOWNLOAD_POOL, "\"{{download.concurrency:3}}\"");
        serveImages("/a/", 12, 100);
        start();
        await(() -> log().contains("Harvest finished: 12 listed, 12 saved"), "the first harvest");

        // an unknown pool
        edit("harvest.camel.yaml", "executorService: downloadPool", "executorService: downloadPol");
        await(() -> log().contains("Could not apply the edited route files, the previous routes keep running:"
                + " route read-source: ExecutorServiceRef downloadPol not found"), "the unknown pool reported");
        serveImages("/b/", 12, 100);
        await(() -> server.hits("/b/") >= 12
                && log().contains("Harvest finished: 12 listed, 12 saved, 0 skipped, 0 failed,"
                + " 12 thumbnails"), "a harvest on the previous routes");

        // invalid YAML in one file, a good edit in another: all or nothing
        edit("harvest.camel.yaml", "executorService: downloadPol", "executorService: downloadPool");
        edit("harvest.camel.yaml", "\"{{download.concurrency:3}}\"", "\"{{download.concurrency:6}}\"");
        Files.writeString(app.resolve("routes/thumbnail.camel.yaml"), "- route: [\n", StandardOpenOption.APPEND);
        await(() -> log().lines().anyMatch(line -> line.contains("Could not apply the edited route files, the previous"
                + " routes keep running: while parsing a flow node in file:")
                && line.contains("thumbnail.camel.yaml, line")),
                "the YAML error, with its file and line");
        serveImages("/c/", 12, 100);
        await(() -> server.hits("/c/") >= 12 && log().contains("Harvest finished: 12 listed, 12 saved"), "harvest /c/");

        String fixed = Files.readString(app.resolve("routes/thumbnail.camel.yaml")).replace("- route: [\n", "");
        Files.writeString(app.resolve("routes/thumbnail.camel.yaml"), fixed);
        await(() -> log().contains("Routes reloaded: "), "the fixed files applied");
        serveImages("/d/", 18, 100);
        await(() -> server.hits("/d/") >= 18 && log().contains("Harvest finished: 18 listed, 18 saved"), "harvest /d/");

        // the runner's state is not reloaded: it says so
        Files.writeString(app.resolve("routes/state.camel.yaml"), "# edited\n", StandardOpenOption.APPEND);
        await(() -> log().contains("state.camel.yaml changed: it holds no routes, only the runner's state (report,"
                + " ledger, broker); the change takes effect at the next start"), "the state file left alone");

        assertEquals(3, peak("/b/"), "after the unknown pool, the previous routes harvested, with their 3 threads");
        assertEquals(3, peak("/c/"), "after the YAML error too: nothing of the failed edit took effect");
        assertEquals(6, peak("/d/"), "once fixed, the edit applies");
        assertTrue(runner.isAlive());
    }

    private void start() throws IOException {
        runner = Runners.start(work, List.of("-Dcamel.main.routes-reload-enabled=true", "-Dharvest.cron=*/1 * * * * ?",
                "-Dsource.url=" + server.url("/urls.txt"), "-Dsource.format=lines", "-Dsource.headers=",
                "-Ddownload.perHostConcurrency=64", "-Dsource.concurrency=1"), app);
    }

    private void edit(String routeFile, String from, String to) throws IOException {
        Path file = app.resolve("routes").resolve(routeFile);
        String text = Files.readString(file);
        assertTrue(text.contains(from), routeFile + " holds " + from);
        Files.writeString(file, text.replace(from, to));
    }

    // distinct PNGs under the prefix, each answered after delayMillis, listed at /urls.txt; in-flight peak per prefix
    private void serveImages(String prefix, int count, long delayMillis) {
        AtomicInteger now = inFlight.computeIfAbsent(prefix, p -> new AtomicInteger());
        AtomicInteger most = peak.computeIfAbsent(prefix, p -> new AtomicInteger());
        server.on(prefix, call -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                Thread.sleep(delayMillis);
                String path = call.getRequestURI().getPath();
                byte[] png = TestImages.image("png", 64, 48, path.hashCode() & 0xffffff);
                call.getResponseHeaders().set("Content-Type", "image/png");
                call.sendResponseHeaders(200, png.length);
                try (OutputStream out = call.getResponseBody()) {
                    out.write(png);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                now.decrementAndGet();
            }
        });
        StringBuilder listing = new StringBuilder();
        for (int i = 0; i < count; i++) listing.append(server.url(prefix + i + ".png")).append('\n');
        server.serve("/urls.txt", "text/plain", listing.toString());
    }

    private int peak(String prefix) {
        return peak.get(prefix).get();
    }

    private void await(BooleanSupplier condition, String what) {
        try {
            Awaitility.await(what).atMost(60, TimeUnit.SECONDS).until(() -> condition.getAsBoolean()
                    || !runner.isAlive());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + what + ": " + log());
        }
        if (!condition.getAsBoolean()) throw new AssertionError("no " + what + " (the runner ended): " + log());
    }

    private String log() {
        try {
            return Files.readString(work.resolve("runner.log"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String threadDump() throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(runner.pid()), "Thread.print").redirectErrorStream(true).start();
        String dump = new String(jcmd.getInputStream().readAllBytes());
        assertEquals(0, jcmd.waitFor());
        return dump;
    }

    private static long count(String text, String what) {
        return text.lines().filter(line -> line.contains(what)).count();
    }
}
