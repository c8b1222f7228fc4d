package org.imageharvester;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real headless Chromium (Debian's package; .ci/run installs it): a page's DOM or a screenshot from one run of it,
 * or a page kept open whose live document a test asks questions of (the DevTools protocol, over the JDK's WebSocket).
 */
final class Chromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process browser;
    private final WebSocket page;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();

    /** The browser's path, or null when it is not installed. */
    static String path() {
        for (String candidate : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome"}) {
            if (Files.isExecutable(Path.of(candidate))) return candidate;
        }
        return null;
    }

    /** Runs the browser once with these arguments (--dump-dom, --screenshot=...) and returns what it printed. */
    static String run(Path work, String... args) throws Exception {
        List<String> command = command(work);
        command.addAll(List.of(args));
        Path output = Files.createTempFile(work, "chromium", ".out");
        Process browser = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(browser.waitFor(90, TimeUnit.SECONDS), "Chromium finished");
        assertEquals(0, browser.exitValue(), "Chromium's exit code");
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    // the flags a sandboxed, offline machine needs; a fresh profile each time
    private static List<String> command(Path work) throws IOException {
        return new ArrayList<>(List.of(path(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--user-data-dir=" + Files.createTempDirectory(work, "chromium")));
    }

    /** Opens the url in a window of this size (CSS pixels, 500 wide at least), open until {@link #close()}. */
    Chromium(Path work, String url, int width, int height) throws Exception {
        List<String> command = command(work);
        Path profile = Path.of(command.get(command.size() - 1).substring("--user-data-dir=".length()));
        command.addAll(List.of("--remote-debugging-port=0", "--window-size=" + width + "," + height, url));
        browser = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // the browser writes the port it chose into its profile
        Path port = profile.resolve("DevToolsActivePort");
        await().atMost(30, TimeUnit.SECONDS).pollInterval(20, TimeUnit.MILLISECONDS)
                .until(() -> Files.isRegularFile(port) && Files.readString(port).contains("\n"));
        String base = "http://127.0.0.1:" + Files.readString(port).lines().findFirst().orElseThrow();
        HttpClient http = HttpClient.newHttpClient();
        String socket = null;
        for (JsonNode target : JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/json/list"))
                .build(), HttpResponse.BodyHandlers.ofString()).body())) {
            if (target.path("type").asText().equals("page")) socket = target.path("webSocketDebuggerUrl").asText();
        }
        page = http.newWebSocketBuilder().buildAsync(URI.create(socket), new Answers()).get(30, TimeUnit.SECONDS);
    }

    /**
     * Makes the page a phone's screen of this size in CSS pixels (a touch screen that honours the page's viewport),
     * and loads it again. (A headless window is never narrower than 500 pixels.)
     */
    void phone(int width, int height) throws Exception {
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 2,
                "mobile", true));
        call("Page.reload", Map.of());
    }

    /** The value of a JavaScript expression in the page's document as it is now (numbers, strings, booleans). */
    JsonNode evaluate(String expression) throws Exception {
        return call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true)).path("result")
                .path("value");
    }

    private JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answers.put(id, answer);
        page.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true)
                .get(10, TimeUnit.SECONDS);
        return answer.get(30, TimeUnit.SECONDS).path("result");
    }

    @Override
    public void close() throws Exception {
        page.abort();
        browser.destroy();
        if (!browser.waitFor(10, TimeUnit.SECONDS)) browser.destroyForcibly();
    }

    private final class Answers implements WebSocket.Listener {

        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence part, boolean last) {
            text.append(part);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(text.toString());
                    CompletableFuture<JsonNode> waiting = answers.remove(message.path("id").asInt(-1));
                    if (waiting != null) waiting.complete(message);
                } catch (IOException notJson) {
                    // events and answers are JSON; anything else is not an answer
                }
                text.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }
}
