package org.imageharvester.runner;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import javax.imageio.ImageIO;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.imageharvester.download.PartFiles;
import org.imageharvester.ledger.PrivateFiles;

/**
 * Serves a small Imgur-style gallery on 127.0.0.1 so a harvest can be tried with no internet: a JSON listing of
 * thirty generated photos (JPEG and PNG, one behind an extensionless URL; drawn on the first demo, then read from
 * {@code state/demo}), plus entries a harvest must not keep or cannot get (a GIF, a video, an album, a repeated link
 * and a removed image).
 */
public final class DemoGallery {

    public static final int IMAGES = 30;
    /** The gallery's port, so re-runs see the same URLs (and the ledger answers "unchanged"); 0 picks a free one. */
    static final int PORT = Integer.getInteger("demo.port", 8765);
    static final String EXTENSIONLESS = "photo-1516117172878-fd2c41f4a759";
    // the photos' cache folder under state/demo: change it when render() draws something else
    private static final String CACHE_VERSION = "1";

    private final Map<String, byte[]> images = new LinkedHashMap<>();
    private final HttpServer server;
    private final ExecutorService threads;

    private DemoGallery(Path cache) throws IOException {
        for (int i = 1; i <= IMAGES; i++) {
            boolean png = i % 3 == 0;
            String name = i == IMAGES ? EXTENSIONLESS : String.format("demo-%02d.%s", i, png ? "png" : "jpg");
            images.put(name, cached(cache, name, i, png));
        }
        server = bind();
        // the demo server lives outside Camel, so it has its own small daemon pool
        threads = Executors.newFixedThreadPool(8, task -> {
            Thread thread = new Thread(task, "demo-gallery");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/3/gallery.json", this::listing);
        server.createContext("/i/", this::image);
        server.start();
    }

    // the usual port when it is free, any free one otherwise
    private static HttpServer bind() throws IOException {
        try {
            return HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 64);
        } catch (BindException busy) {
            return HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        }
    }

    /**
     * Starts serving the gallery on 127.0.0.1 (port {@code demo.port}, 8765, when free); its photos are drawn once and
     * kept in {@code state/demo} (drawing them takes seconds, reading them milliseconds).
     */
    public static DemoGallery start() throws IOException {
        return new DemoGallery(Path.of("state", "demo", CACHE_VERSION));
    }

    // the photo from the cache, else drawn now and kept there (a folder that cannot take it costs only the time)
    private static byte[] cached(Path cache, String name, int seed, boolean png) {
        Path file = cache.resolve(name);
        try {
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return Files.readAllBytes(file);
        } catch (IOException unreadable) {
            // drawn again below
        }
        byte[] photo = render(seed, png);
        try {
            // (state/ is the ledger's folder too: made private if the demo makes it first)
            Path part = PrivateFiles.folder(cache).resolve(PartFiles.part(name));
            try (OutputStream out = PartFiles.create(part)) {
                out.write(photo);
            }
            PartFiles.commit(part, file);
        } catch (IOException notKept) {
            // served all the same
        }
        return photo;
    }

    /** The URL of the gallery's JSON listing. */
    public String listingUrl() {
        return base() + "/3/gallery.json";
    }

    /** Points the harvester's source settings at this gallery. */
    public void overrideSource(BiConsumer<String, String> property) {
        property.accept("harvest.sources", "");
        property.accept("source.url", listingUrl());
        property.accept("source.format", "json");
        property.accept("source.headers", "");
        property.accept("download.allowHosts", "127.0.0.1");
    }

    /** Stops serving. */
    public void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void listing(HttpExchange call) throws IOException {
        StringJoiner data = new StringJoiner(",\n");
        int n = 0;
        for (String name : images.keySet()) {
            String type = name.endsWith(".png") ? "image/png" : "image/jpeg";
            data.add(entry("d" + ++n, "Demo photo " + n, type, base() + "/i/" + name));
        }
        data.add(entry("gif1", "An animation (dropped: GIFs are not kept)", "image/gif", base() + "/i/loop.gif"));
        data.add(entry("vid1", "A video (dropped: not an image)", "video/mp4", base() + "/i/clip.mp4"));
        data.add("{\"id\":\"alb1\",\"title\":\"An album (dropped: no type)\",\"is_album\":true,"
                + "\"link\":\"" + base() + "/a/alb1\"}");
        data.add(entry("d1again", "Demo photo 1, listed twice", "image/jpeg", base() + "/i/demo-01.jpg"));
        data.add(entry("gone", "A photo its owner removed", "image/jpeg", base() + "/i/removed.jpg"));
        send(call, 200, "application/json", ("{\"data\":[\n" + data + "\n],\"success\":true,\"status\":200}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String entry(String id, String title, String type, String link) {
        return String.format("{\"id\":\"%s\",\"title\":\"%s\",\"type\":\"%s\",\"is_album\":false,\"link\":\"%s\"}",
                id, title, type, link);
    }

    private void image(HttpExchange call) throws IOException {
        String name = call.getRequestURI().getPath().substring("/i/".length());
        byte[] body = images.get(name);
        if (body == null) {
            send(call, 404, "text/plain", "no such image".getBytes(StandardCharsets.UTF_8));
            return;
        }
        // a validator, as real image hosts send, so a re-run is answered 304 Not Modified
        String etag = "\"" + Integer.toHexString(Arrays.hashCode(body)) + "\"";
        call.getResponseHeaders().set("ETag", etag);
        if (etag.equals(call.getRequestHeaders().getFirst("If-None-Match"))) {
            call.sendResponseHeaders(304, -1);
            call.close();
        } else {
            send(call, 200, name.endsWith(".png") ? "image/png" : "image/jpeg", body);
        }
    }

    private static void send(HttpExchange call, int status, String type, byte[] body) throws IOException {
        call.getResponseHeaders().set("Content-Type", type);
        call.sendResponseHeaders(status, body.length);
        try (OutputStream out = call.getResponseBody()) {
            out.write(body);
        }
    }

    // a sky gradient with a few suns: cheap to draw, varied in size, shape and colour, and compresses like a photo
    private static byte[] render(int seed, boolean png) {
        int width = png ? 480 + 40 * seed : 640 + 60 * seed;
        int height = seed % 4 == 0 ? width * 4 / 3 : width * 2 / 3;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Color top = Color.getHSBColor(seed / (float) IMAGES, 0.6f, 0.9f);
        g.setPaint(new GradientPaint(0, 0, top, width, height, top.darker().darker()));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 5; i++) {
            g.setColor(Color.getHSBColor((seed * 7 + i) / 13f, 0.8f, 1f));
            int r = width / (4 + i);
            g.fillOval((seed * 97 * (i + 1)) % width - r / 2, (seed * 61 * (i + 2)) % height - r / 2, r, r);
        }
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, png ? "png" : "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
