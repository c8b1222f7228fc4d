package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The secret parts of source URLs and image links (a key from the environment in the path, {@code api_key=}, user
 * info, a signed CDN link's signature) are fetched with, and written as {@code ***} in the log, the reports, the
 * sidecars, the pages, the status page's JSON and the webhook's notice of a real runner. (User info is never sent:
 * HttpClient 5 refuses a URL with it, so that source fails, and its reason is written too.)
 */
class SecretUrlsTest extends RunnerProcessSupport {

    private static final List<String> SECRETS = List.of("s3cr3t-path-4801", "s3cr3t-apikey-4802", "s3cr3t-sig-4803",
            "s3cr3t-cred-4804", "s3cr3t-sig-4805", "s3cr3t-userinfo-4807",
            "s3cr3t-token-4808");

    // every file under the runner's folder but its private state (the ledger keeps the links it asks again)
    private List<String> filesHolding(List<String> secrets) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(work.resolve("state")))
                    .toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    if (text.contains(secret)) found.add(work.relativize(file) + ": " + secret);
                }
            }
        }
        return found;
    }

    private static List<String> holding(String text, List<String> secrets) {
        return secrets.stream().filter(text::contains).toList();
    }

    @Test
    void fetches_with_the_secret_parts_of_urls_and_writes_serves_and_sends_them_as_stars() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> notices = new CopyOnWriteArrayList<>();
        server.on("/hook", call -> {
            notices.add(new String(call.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            call.sendResponseHeaders(204, -1);
            call.close();
        });
        server.serve("/p/0.png", "image/png", TestImages.image("png", 64, 48, 0x102030));
        server.serve("/p/1.png", "image/png", TestImages.image("png", 64, 48, 0x405060));
        // the links that fail come first: they are answered while the images are held
        server.serve("/k/s3cr3t-path-4801/urls.txt", "text/plain", String.join("\n",
                server.url("/gone.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=s3cr3t-cred-4804"
                        + "&X-Amz-Signature=s3cr3t-sig-4803"),
                server.url("/p/0.png"), server.url("/p/1.png?se=2030-01-01&sig=s3cr3t-sig-4805")));
        server.serve("/two.txt", 500, "text/plain", "down".getBytes(StandardCharsets.UTF_8));
        server.holdImagesAfter(0, null);

        Process runner = Runners.start(work, "runner.log", Map.of("HARVEST_TEST_PATH_KEY", "s3cr3t-path-4801"),
                List.of("-Dharvest.sources=one, two",
                        "-Dsource.one.url=" + server.url("/k/${HARVEST_TEST_PATH_KEY}/urls.txt")
                                + "?api_key=s3cr3t-apikey-4802",
                        "-Dsource.one.format=lines",
                        "-Dsource.two.url=" + server.url("/two.txt?Token=s3cr3t-token-4808")
                                .replace("://", "://reader:s3cr3t-userinfo-4807@"),
                        "-Dsource.two.format=lines", "-Dsource.headers=", "-Ddownload.sidecar=true",
                        "-Dnotify.webhook=" + server.url("/hook"), "-Dnotify.when=always",
                        "-Dcamel.management.enabled=true", "-Dcamel.management.port=" + port),
                Path.of("").toAbsolutePath(), "--once");
        String status;
        try {
            status = awaitAnswer(runner, "http://127.0.0.1:" + port + "/observe/status.json",
                    r -> r.statusCode() == 200 && r.body().contains("gone.png")).body();
        } finally {
            server.release();
        }

        assertEquals(2, exitCode(runner, 60), log(runner));
        String log = log(runner);
        assertEquals(1, server.hits("/k/s3cr3t-path-4801/urls.txt"), "fetched with the real URL: " + log);
        assertEquals(2, Runners.savedImages(work.resolve("images")).keySet().stream().filter(n -> n.endsWith(".png"))
                .count(), log);
        assertTrue(status.contains("/k/***/urls.txt?api_key=***"), status);
        assertTrue(status.contains("X-Amz-Signature=***"), status);
        assertEquals(List.of(), holding(status, SECRETS), status);
        assertEquals(1, notices.size(), log);
        assertTrue(notices.get(0).contains("://***@127.0.0.1"), notices.get(0));
        assertEquals(List.of(), holding(notices.get(0), SECRETS), notices.get(0));
        assertEquals(List.of(), filesHolding(SECRETS), log);
    }
}
