package org.imageharvester;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A real HTTP server on 127.0.0.1 and a free port for route tests: serves what a test puts at a path, counts
 * requests, and can hold each request until a given number are in flight at once, or a client's requests until told.
 */
public final class TestServer implements AutoCloseable {

    private record Response(int status, String type, byte[] body, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Response> responses = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Map<String, Headers> requestHeaders = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> times = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger notModified = new AtomicInteger();
    // whole bodies sent, by path: a request still in flight (a hit, not yet answered) is none
    private final Map<String, AtomicInteger> bodies = new ConcurrentHashMap<>();
    private volatile int holdUntilInFlight;
    private volatile long delayMillis;
    // image requests of one client (by User-Agent; null: any) past the first few wait until released
    private volatile String holdAgent;
    private volatile int holdAfter = Integer.MAX_VALUE;
    private final AtomicInteger agentRequests = new AtomicInteger();
    private final AtomicInteger held = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    // the paths whose whole body went to each User-Agent
    private final Map<String, Set<String>> bodiesByAgent = new ConcurrentHashMap<>();

    private final String scheme;
    private final String address;

    public TestServer() throws IOException {
        this("127.0.0.1", 0, null);
    }

    /** A server on another loopback address (127.0.0.2: another host) and port (0: a free one), https with tls. */
    TestServer(String address, int port, SSLContext tls) throws IOException {
        this.address = address;
        scheme = tls == null ? "http" : "https";
        if (tls == null) {
            server = HttpServer.create(new InetSocketAddress(address, port), 200);
        } else {
            HttpsServer https = HttpsServer.create(new InetSocketAddress(address, port), 200);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return scheme + "://" + address + ":" + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    public TestServer serve(String path, String type, byte[] body) {
        return serve(path, 200, type, body);
    }

    public TestServer serve(String path, int status, String type, byte[] body) {
        responses.put(path, new Response(status, type, body, Map.of()));
        return this;
    }

    /**
     * Serves a body with response headers of its own (e.g. {@code Link}). The path may hold a query: a request with
     * that exact query gets this answer.
     */
    public TestServer serve(String path, String type, String body, Map<String, String> headers) {
        responses.put(path, new Response(200, type, body.getBytes(StandardCharsets.UTF_8), headers));
        return this;
    }

    public TestServer serve(String path, String type, String body) {
        return serve(path, type, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Serves a PNG of {@code size} bytes, whose structure is whole (IHDR, IDAT chunks with their CRCs, IEND) and whose
     * image data is junk, generated while it is sent: the server never holds it, so a client that held it would show
     * it.
     */
    TestServer serveLarge(String path, long size) {
        server.createContext(path, call -> {
            call.getResponseHeaders().set("Content-Type", "image/png");
            call.sendResponseHeaders(200, size);
            byte[] head = TestImages.pngHead(); // its signature and IHDR, then the header of an IDAT chunk
            byte[] data = new byte[2 * 64 * 1024];
            CRC32 crc = new CRC32();
            try (OutputStream out = call.getResponseBody()) {
                out.write(head, 0, head.length - 8);
                long left = size - (head.length - 8) - 12; // IEND's 12 bytes at the end
                for (int i = 0; left > 0; i++) {
                    // 64 KiB of data in each chunk; the last takes up to twice that, so that no 1 to 11 bytes remain
                    int n = (int) (left - 12 <= data.length ? left - 12 : data.length / 2);
                    Arrays.fill(data, 0, n, (byte) i);
                    crc.reset();
                    crc.update(new byte[] {'I', 'D', 'A', 'T'});
                    crc.update(data, 0, n);
                    out.write(ByteBuffer.allocate(8).putInt(n).put(new byte[] {'I', 'D', 'A', 'T'}).array());
                    out.write(data, 0, n);
                    out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
                    left -= n + 12;
                }
                out.write(TestImages.pngChunk("IEND", new byte[0]));
            }
        });
        return this;
    }

    /** Each image request waits until this many are in flight (or 5 s pass), so the peak shows the real limit. */
    void holdUntilInFlight(int requests) {
        holdUntilInFlight = requests;
    }

    /** How many requests were answered 304 Not Modified. */
    int notModified() {
        return notModified.get();
    }

    int peakInFlight() {
        return peak.get();
    }

    /** How many times the whole body of this path was sent (a 304 or a request still being answered is not). */
    public int bodiesSent(String path) {
        return bodies.getOrDefault(path, new AtomicInteger()).get();
    }

    /** How many requests of this path came in. */
    public int hits(String path) {
        return hits.getOrDefault(path, new AtomicInteger()).get();
    }

    /** Answers requests for the path with a handler of the test's own: a server that misbehaves on purpose. */
    TestServer on(String path, HttpHandler handler) {
        server.createContext(path, call -> {
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            requestHeaders.put(path, call.getRequestHeaders());
            times.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
            handler.handle(call);
        });
        return this;
    }

    /** When each request for a path served by {@link #on} arrived, in nanoseconds. */
    List<Long> times(String path) {
        return times.getOrDefault(path, List.of());
    }

    /** The headers of the last request for the path, or null when there was none. */
    Headers requestHeaders(String path) {
        return requestHeaders.get(path);
    }

    private void handle(HttpExchange call) throws IOException {
        String path = call.getRequestURI().getRawPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        requestHeaders.put(path, call.getRequestHeaders());
        int now = inFlight.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
        try {
            String query = call.getRequestURI().getRawQuery();
            Response response = query == null ? null : responses.get(path + "?" + query);
            if (response == null) response = responses.get(path);
            if (response == null) response = new Response(404, "text/plain",
                    "not found".getBytes(StandardCharsets.UTF_8),
                    Map.of());
            response.headers().forEach(call.getResponseHeaders()::add);
            if (holdUntilInFlight > 0 && response.type().startsWith("image/")) hold();
            String agent = call.getRequestHeaders().getFirst("User-Agent");
            if (response.type().startsWith("image/") && (holdAgent == null || holdAgent.equals(agent))
                    && agentRequests.incrementAndGet() > holdAfter) {
                waitForRelease();
            }
            if (delayMillis > 0 && response.type().startsWith("image/")) pause(delayMillis);
            call.getResponseHeaders().set("Content-Type", response.type());
            if (response.status() == 200) {
                // like most servers: a validator on every response, and 304 when the client already has these bytes
                String etag = "\"" + Integer.toHexString(Arrays.hashCode(response.body())) + "\"";
                call.getResponseHeaders().set("ETag", etag);
                if (etag.equals(call.getRequestHeaders().getFirst("If-None-Match"))) {
                    notModified.incrementAndGet();
                    call.sendResponseHeaders(304, -1);
                    call.close();
                    return;
                }
            }
            call.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = call.getResponseBody()) {
                out.write(response.body());
            }
            if (response.status() == 200) bodies.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (response.status() == 200 && agent != null) {
                bodiesByAgent.computeIfAbsent(agent, a -> ConcurrentHashMap.newKeySet()).add(path);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * The image requests of the client with this User-Agent (null: of every client) after its first {@code answered}
     * are held, unanswered, until {@link #release()}: a client caught mid-way, at a point the test knows.
     */
    void holdImagesAfter(int answered, String userAgent) {
        holdAgent = userAgent;
        holdAfter = answered;
    }

    /** How many image requests are being held now. */
    int held() {
        return held.get();
    }

    /** Answers the requests held, and every later one at once. */
    void release() {
        holdAfter = Integer.MAX_VALUE;
        release.countDown();
    }

    /** The paths whose whole body this User-Agent was sent (so far: a copy). */
    Set<String> bodiesSentTo(String userAgent) {
        return Set.copyOf(bodiesByAgent.getOrDefault(userAgent, Set.of()));
    }

    private void waitForRelease() {
        held.incrementAndGet();
        try {
            release.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            held.decrementAndGet();
        }
    }

    /** Each image response starts this long after its request: a slow server. */
    void delayImages(long millis) {
        delayMillis = millis;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // waits for the wave of requests to fill up, then a little longer so a request over the limit would be counted
    private void hold() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        try {
            while (inFlight.get() < holdUntilInFlight && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
