import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import com.sun.net.httpserver.HttpServer;

/**
 * Benchmark image server: renders COUNT distinct WIDTHxHEIGHT JPEGs into CACHE once, then serves them on 127.0.0.1
 * with a plain URL list at /urls.txt, answering each image LATENCY_MS after its request (default 0). Prints the
 * list's URL; GET /stats tells requests served and the most in flight at once. Runs until killed.
 *
 * Usage: java bench/BenchGallery.java COUNT WIDTH HEIGHT CACHE [LATENCY_MS]
 */
public class BenchGallery {

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        int width = Integer.parseInt(args[1]);
        int height = Integer.parseInt(args[2]);
        Path cache = Files.createDirectories(Path.of(args[3], count + "x" + width + "x" + height));
        long latency = args.length > 4 ? Long.parseLong(args[4]) : 0;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger served = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            Path file = cache.resolve("bench-" + i + ".jpg");
            if (!Files.exists(file)) ImageIO.write(render(i, width, height), "jpg", file.toFile());
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newCachedThreadPool());
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        StringBuilder urls = new StringBuilder();
        for (int i = 0; i < count; i++) urls.append(base).append("/i/bench-").append(i).append(".jpg\n");
        byte[] listing = urls.toString().getBytes();
        server.createContext("/urls.txt", call -> send(call, "text/plain", listing));
        server.createContext("/i/", call -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                if (latency > 0) Thread.sleep(latency);
                Path file = cache.resolve(Path.of(call.getRequestURI().getPath()).getFileName().toString());
                send(call, "image/jpeg", Files.readAllBytes(file));
                served.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        });
        server.createContext("/stats", call -> send(call, "text/plain",
                ("served " + served.get() + " peak-in-flight " + peak.get() + "\n").getBytes()));
        server.start();
        System.out.println(base + "/urls.txt");
        System.out.flush();
    }

    private static void send(com.sun.net.httpserver.HttpExchange call, String type, byte[] body) throws IOException {
        call.getResponseHeaders().set("Content-Type", type);
        call.sendResponseHeaders(200, body.length);
        try (OutputStream out = call.getResponseBody()) {
            out.write(body);
        }
    }

    private static BufferedImage render(int seed, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        Color from = Color.getHSBColor((seed % 97) / 97f, 0.7f, 0.9f);
        g.setPaint(new GradientPaint(0, 0, from, width, height, from.darker()));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 12; i++) {
            g.setColor(Color.getHSBColor((seed * 13 + i) / 31f, 0.8f, 1f));
            g.fillOval((seed * 37 + i * 101) % width, (seed * 53 + i * 67) % height, width / 6, height / 6);
        }
        g.dispose();
        return image;
    }
}
