import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The benchmark's image server: serves one corpus set (made by bench/corpus.py) on 127.0.0.1, each image answered
 * LATENCY_MS after its request arrived, then sent as fast as an optional bandwidth cap lets (one cap shared by all
 * connections, in megabits per second; 0 = none). A thread per request, so the server is never what limits a client.
 *
 *   java bench/ImageServer.java SET_DIR [LATENCY_MS=50] [BANDWIDTH_MBPS=0] [PORT=0]
 *
 * GET /urls.txt      one image URL per line
 * GET /gallery.json  {"data": [{"id", "link", "type"}, ...]}, like Imgur's gallery API
 * GET /i/NAME        one image
 * GET /stats         {"served", "bytes", "peak_in_flight", "span", "first_ms"}: span is seconds from the first image
 *                    request's arrival to the last image response's end, the download stage as the server saw it;
 *                    first_ms is the first image request's arrival in epoch milliseconds (for start-up time)
 * POST /reset        zeroes the counters between two timed runs
 *
 * Prints its base URL once listening; runs until killed.
 */
public class ImageServer {

    static final AtomicInteger inFlight = new AtomicInteger();
    static final AtomicInteger peak = new AtomicInteger();
    static final AtomicInteger served = new AtomicInteger();
    static final AtomicLong bytes = new AtomicLong();
    static final AtomicLong first = new AtomicLong();
    static final AtomicLong last = new AtomicLong();
    static final AtomicLong firstEpochMillis = new AtomicLong();
    static long bytesPerSecond;
    static long wireFreeAt;

    public static void main(String[] args) throws Exception {
        Path set = Path.of(args[0]);
        long latency = args.length > 1 ? Long.parseLong(args[1]) : 50;
        bytesPerSecond = args.length > 2 ? (long) (Double.parseDouble(args[2]) * 1e6 / 8) : 0;
        int port = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        List<String> names = Files.readAllLines(set.resolve("MANIFEST")).stream().map(l -> l.split(" ")[2]).toList();
        Map<String, Path> files = names.stream().collect(Collectors.toMap(Function.identity(), set::resolve));

        // without it the JDK's server lets Nagle hold a response's body until the client's delayed ACK (40 ms)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newCachedThreadPool());
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/urls.txt", call -> send(call, "text/plain",
                names.stream().map(n -> base + "/i/" + n + "\n").collect(Collectors.joining())));
        server.createContext("/gallery.json", call -> send(call, "application/json", names.stream()
                .map(n -> "{\"id\":\"" + n.substring(0, n.indexOf('.')) + "\",\"link\":\"" + base + "/i/" + n
                        + "\",\"type\":\"" + type(n) + "\"}")
                .collect(Collectors.joining(",", "{\"data\":[", "],\"success\":true,\"status\":200}"))));
        server.createContext("/stats", call -> send(call, "application/json", stats()));
        server.createContext("/reset", call -> {
            inFlight.set(0);
            peak.set(0);
            served.set(0);
            bytes.set(0);
            first.set(0);
            last.set(0);
            firstEpochMillis.set(0);
            send(call, "application/json", stats());
        });
        server.createContext("/i/", call -> {
            if (first.compareAndSet(0, System.nanoTime())) firstEpochMillis.set(System.currentTimeMillis());
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Path file = files.get(call.getRequestURI().getPath().substring(3));
                if (file == null) {
                    call.sendResponseHeaders(404, -1);
                    call.close();
                    return;
                }
                if (latency > 0) Thread.sleep(latency);
                long size = Files.size(file);
                call.getResponseHeaders().set("Content-Type", type(file.toString()));
                call.sendResponseHeaders(200, size);
                try (InputStream in = Files.newInputStream(file); OutputStream out = call.getResponseBody()) {
                    byte[] chunk = new byte[64 * 1024];
                    for (int n; (n = in.read(chunk)) > 0; ) {
                        waitForWire(n);
                        out.write(chunk, 0, n);
                    }
                }
                served.incrementAndGet();
                bytes.addAndGet(size);
                last.set(System.nanoTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        });
        server.start();
        System.out.println(base);
        System.out.flush();
    }

    // each chunk books the next free slot on one shared wire, then waits for it
    static void waitForWire(int size) throws InterruptedException {
        if (bytesPerSecond == 0) return;
        long now = System.nanoTime();
        long end;
        synchronized (ImageServer.class) {
            end = Math.max(now, wireFreeAt) + size * 1_000_000_000L / bytesPerSecond;
            wireFreeAt = end;
        }
        long wait = end - now;
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }

    static String stats() {
        double span = last.get() == 0 ? 0 : (last.get() - first.get()) / 1e9;
        return String.format("{\"served\":%d,\"bytes\":%d,\"peak_in_flight\":%d,\"span\":%.4f,\"first_ms\":%d}",
                served.get(), bytes.get(), peak.get(), span, firstEpochMillis.get());
    }

    static String type(String name) {
        String n = name.toLowerCase();
        return n.endsWith(".png") ? "image/png" : n.endsWith(".gif") ? "image/gif" : "image/jpeg";
    }

    static void send(HttpExchange call, String type, String body) throws IOException {
        byte[] data = body.getBytes(StandardCharsets.UTF_8);
        call.getResponseHeaders().set("Content-Type", type);
        call.sendResponseHeaders(200, data.length);
        try (OutputStream out = call.getResponseBody()) {
            out.write(data);
        }
    }
}
