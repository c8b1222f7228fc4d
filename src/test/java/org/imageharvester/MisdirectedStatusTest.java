package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A real runner's status port asked with forged {@code Host} headers over a raw socket (the JDK's HttpClient will not
 * send one): a page on another name that came to resolve to loopback (DNS rebinding) reads nothing.
 */
class MisdirectedStatusTest extends RunnerProcessSupport {

    @Test
    void refuses_a_host_that_is_not_its_own_and_serves_its_address_localhost_and_the_listed_names() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        server.serve("/urls.txt", "text/plain", "");
        Files.createDirectories(work.resolve("reports"));
        Files.writeString(work.resolve("reports/secret.json"), "{\"secret\":\"the output folders\"}");
        Process runner = start(List.of("-Dcamel.management.enabled=true", "-Dcamel.management.port=" + port,
                "-Dstatus.hosts=harvester.lan, Status.Example", "-Dsource.url=" + server.url("/urls.txt"),
                "-Dsource.format=lines", "-Dsource.headers="));
        try {
            awaitAnswer(runner, "http://127.0.0.1:" + port + "/observe/status.json", r -> r.statusCode() == 200);
            for (String path : List.of("/observe/status", "/observe/status.json",
                    "/observe/files/reports/secret.json")) {
                // what a browser sends for a page whose name came to resolve to loopback
                for (String host : List.of("evil.example:" + port, "evil.example", "127.0.0.1.evil.example:" + port,
                        "harvester.lan.evil.example", "10.1.2.3:" + port)) {
                    String answer = ask(port, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
                    assertTrue(answer.startsWith("HTTP/1.1 421 "), host + " " + path + ": " + answer);
                    assertTrue(answer.contains("Misdirected request"), answer);
                    assertNothingOfThePage(host + " " + path, answer);
                }
                // malformed (Vert.x answers 400 itself) or missing
                for (String host : List.of("localhost:" + port + "@evil.example", "[::1]x:" + port, "")) {
                    String answer = ask(port, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
                    assertTrue(answer.matches("(?s)HTTP/1.1 (400|421) .*"), host + " " + path + ": " + answer);
                    assertNothingOfThePage(host + " " + path, answer);
                }
                String noHost = ask(port, "GET " + path + " HTTP/1.0\r\n");
                assertTrue(noHost.matches("(?s)HTTP/1.[01] 421 .*"), path + ": " + noHost);
                assertNothingOfThePage("no Host " + path, noHost);
                for (String host : List.of("127.0.0.1:" + port, "127.0.0.1", "localhost:" + port, "LOCALHOST",
                        "[::1]:" + port, "harvester.lan:" + port, "status.example")) {
                    String answer = ask(port, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
                    assertTrue(answer.startsWith("HTTP/1.1 200 "), host + " " + path + ": " + answer);
                }
            }
            assertTrue(ask(port, "GET /observe/files/reports/secret.json HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\n").contains("the output folders"));
        } finally {
            runner.destroy();
            runner.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void assertNothingOfThePage(String asked, String answer) {
        assertFalse(answer.contains("Harvester status") || answer.contains("running") || answer.contains("secret"),
                asked + ": " + answer);
    }

    // one request on a connection of its own, as a browser or curl would send it; the whole answer as text
    private static String ask(int port, String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
