package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.imageharvester.report.HarvestSummary;

/**
 * A source's headers go to its own origin only: every kind of next page and a redirect that leads to another host
 * (a second loopback address) is asked without them, and one from https to plain http is refused; only
 * {@code headerHosts} widens it. Each test reads what the second server received.
 */
class SourceCredentialsTest extends HarvesterTestSupport {

    private static final String HEADERS = "Authorization: Bearer s3cret-token-4711 | X-Api-Key: k3y-0815";
    private static final String PASSWORD = "test-store";
    private static Path store;

    // another host: the same port on the next loopback address
    private TestServer other;

    @BeforeAll
    static void trustTheTestCertificate() throws Exception {
        store = Files.createTempFile("harvester-tls", ".p12");
        Files.delete(store);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "test", "-keyalg", "EC", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1,ip:127.0.0.2", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String said = new String(keytool.getInputStream().readAllBytes());
        assertEquals(0, keytool.waitFor(), said);
        // the harvester's clients trust the JVM's trust store: this one holds the test servers' certificate
        System.setProperty("javax.net.ssl.trustStore", store.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    }

    @AfterAll
    static void forgetTheTestCertificate() throws Exception {
        System.clearProperty("javax.net.ssl.trustStore");
        System.clearProperty("javax.net.ssl.trustStorePassword");
        System.clearProperty("javax.net.ssl.trustStoreType");
        Files.deleteIfExists(store);
    }

    private static SSLContext tls() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        return tls;
    }

    @Override
    public void setupResources() throws Exception {
        super.setupResources();
        overrides().put("download.allowHosts", "127.0.0.1,127.0.0.2");
        overrides().put("download.followRedirects", "true");
        other = new TestServer("127.0.0.2", server.port(), null);
        server.serve("/i/a.png", "image/png", TestImages.image("png", 20, 20, 0x112233));
        other.serve("/i/b.png", "image/png", TestImages.image("png", 20, 20, 0x445566));
    }

    @AfterEach
    void stopOther() {
        other.close();
    }

    private void source(String url, String format, String... more) {
        String[] settings = new String[6 + more.length];
        System.arraycopy(new String[] {"source.api.url", url, "source.api.format", format, "source.api.headers",
                HEADERS},
                0, settings, 0, 6);
        System.arraycopy(more, 0, settings, 6, more.length);
        sources("api", settings);
    }

    private static String json(String next, String... links) {
        StringBuilder out = new StringBuilder("{\"data\":[");
        for (int i = 0; i < links.length; i++) out.append(i == 0 ? ""
                : ",").append("{\"link\":\"").append(links[i]).append("\"}");
        return out.append("],\"next\":").append(next == null ? "null" : "\"" + next + "\"").append('}').toString();
    }

    // the source's own host had both headers; the other host was asked, without either (and without their scope)
    private void assertHeadersStayedHome(String homePath, String awayPath) {
        Headers home = server.requestHeaders(homePath);
        assertNotNull(home, "the first page was read");
        assertEquals("Bearer s3cret-token-4711", home.getFirst("Authorization"));
        assertEquals("k3y-0815", home.getFirst("X-Api-Key"));
        assertNull(home.getFirst("X-Harvester-Header-Scope"), "the scope is never sent");
        Headers away = other.requestHeaders(awayPath);
        assertNotNull(away, "the next page, on the other host, was read");
        assertNull(away.getFirst("Authorization"), "Authorization went to another host");
        assertNull(away.getFirst("X-Api-Key"), "X-Api-Key went to another host");
        assertNull(away.getFirst("X-Harvester-Header-Scope"), "the scope is never sent");
    }

    @Test
    void a_link_header_to_another_host_is_followed_without_the_headers() throws Exception {
        server.serve("/l/1.txt", "text/plain", server.url("/i/a.png") + "\n", Map.of("Link", "<" + other.url("/l/2.txt")
                + ">; rel=\"next\""));
        other.serve("/l/2.txt", "text/plain", other.url("/i/b.png") + "\n");
        source(server.url("/l/1.txt"), "lines");

        HarvestSummary summary = harvest();

        assertEquals(2, summary.saved(), summary.toString());
        assertHeadersStayedHome("/l/1.txt", "/l/2.txt");
    }

    @Test
    void a_next_url_in_the_json_body_to_another_host_is_read_without_the_headers() throws Exception {
        server.serve("/j/1.json", "application/json", json(other.url("/j/2.json"), server.url("/i/a.png")));
        other.serve("/j/2.json", "application/json", json(null, other.url("/i/b.png")));
        source(server.url("/j/1.json"), "json", "source.api.jsonPath", "$.data[*].link", "source.api.nextPath",
                "$.next");

        HarvestSummary summary = harvest();

        assertEquals(2, summary.saved(), summary.toString());
        assertHeadersStayedHome("/j/1.json", "/j/2.json");
    }

    @Test
    void a_cursor_url_on_another_host_is_read_without_the_headers() throws Exception {
        server.serve("/c", "application/json", json("abc", server.url("/i/a.png")));
        other.serve("/c", "application/json", json(null, other.url("/i/b.png")));
        source(server.url("/c"), "json", "source.api.jsonPath", "$.data[*].link", "source.api.nextPath", "$.next",
                "source.api.nextUrl", other.url("/c?after={cursor}"));

        HarvestSummary summary = harvest();

        assertEquals(2, summary.saved(), summary.toString());
        assertHeadersStayedHome("/c", "/c");
    }

    @Test
    void an_html_rel_next_link_to_another_host_is_followed_without_the_headers() throws Exception {
        server.serve("/h/1.html", "text/html", "<html><head><link rel=\"next\" href=\"" + other.url("/h/2.html")
                + "\"></head><body><img src=\"/i/a.png\"></body></html>");
        other.serve("/h/2.html", "text/html", "<html><body><img src=\"/i/b.png\"></body></html>");
        source(server.url("/h/1.html"), "html");

        HarvestSummary summary = harvest();

        assertEquals(2, summary.saved(), summary.toString());
        assertHeadersStayedHome("/h/1.html", "/h/2.html");
    }

    @Test
    void an_atom_next_link_to_another_host_is_followed_without_the_headers() throws Exception {
        server.serve("/f/1.atom", "application/atom+xml", atom(other.url("/f/2.atom"), server.url("/i/a.png")));
        other.serve("/f/2.atom", "application/atom+xml", atom(null, other.url("/i/b.png")));
        source(server.url("/f/1.atom"), "feed");

        HarvestSummary summary = harvest();

        assertEquals(2, summary.saved(), summary.toString());
        assertHeadersStayedHome("/f/1.atom", "/f/2.atom");
    }

    private static String atom(String next, String image) {
        return "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>"
                + (next == null ? "" : "<link rel=\"next\" href=\"" + next + "\"/>")
                + "<entry><title>e</title><link rel=\"enclosure\" type=\"image/png\" href=\"" + image
                + "\"/></entry></feed>";
    }

    @Test
    void a_numbered_page_on_another_host_is_read_without_the_headers() throws Exception {
        // page 1 on 127.0.0.1, page 2 on 127.0.0.2 (empty: the listing ends there)
        server.serve("/g.json", "application/json", json(null, server.url("/i/a.png")));
        other.serve("/g.json", "application/json", json(null));
        source("http://127.0.0.{page}:" + server.port() + "/g.json", "json", "source.api.jsonPath", "$.data[*].link");

        HarvestSummary summary = harvest();

        assertEquals(1, summary.saved(), summary.toString());
        assertHeadersStayedHome("/g.json", "/g.json");
    }

    @Test
    void a_redirect_to_another_host_is_followed_without_the_headers_and_one_at_home_keeps_them() throws Exception {
        server.on("/r/1.txt", call -> {
            call.getResponseHeaders().set("Location", server.url("/r/2.txt"));
            call.sendResponseHeaders(302, -1);
            call.close();
        });
        server.serve("/r/2.txt", "text/plain", server.url("/i/a.png") + "\n",
                Map.of("Link", "<" + server.url("/r/3.txt")
                + ">; rel=\"next\""));
        server.on("/r/3.txt", call -> {
            call.getResponseHeaders().set("Location", other.url("/r/4.txt"));
            call.sendResponseHeaders(307, -1);
            call.close();
        });
        other.serve("/r/4.txt", "text/plain", other.url("/i/b.png") + "\n");
        source(server.url("/r/1.txt"), "lines");

        HarvestSummary summary = harvest();

        assertEquals(2, summary.saved(), summary.toString());
        assertHeadersStayedHome("/r/2.txt", "/r/4.txt");
    }

    @Test
    void header_hosts_let_the_headers_go_to_the_hosts_they_name() throws Exception {
        server.serve("/l/1.txt", "text/plain", server.url("/i/a.png") + "\n", Map.of("Link", "<" + other.url("/l/2.txt")
                + ">; rel=\"next\""));
        other.serve("/l/2.txt", "text/plain", other.url("/i/b.png") + "\n");
        source(server.url("/l/1.txt"), "lines", "source.api.headerHosts", "127.0.0.2:" + other.port());

        HarvestSummary summary = harvest();

        assertEquals(2, summary.saved(), summary.toString());
        assertEquals("Bearer s3cret-token-4711", other.requestHeaders("/l/2.txt").getFirst("Authorization"));
        assertEquals("k3y-0815", other.requestHeaders("/l/2.txt").getFirst("X-Api-Key"));
    }

    @Test
    void an_https_source_never_sends_its_headers_over_plain_http_by_redirect_or_next_page() throws Exception {
        try (TestServer secure = new TestServer("127.0.0.1", 0, tls())) {
            secure.serve("/i/s.png", "image/png", TestImages.image("png", 20, 20, 0x778899));
            secure.on("/s/1.txt", call -> {
                call.getResponseHeaders().set("Location", other.url("/s/plain.txt"));
                call.sendResponseHeaders(302, -1);
                call.close();
            });
            secure.serve("/n/1.txt", "text/plain", secure.url("/i/s.png") + "\n", Map.of("Link",
                    "<" + secure.url("/n/2.txt").replace("https:", "http:") + ">; rel=\"next\""));
            other.serve("/s/plain.txt", "text/plain", other.url("/i/b.png") + "\n");
            sources("redirected, paged", "source.redirected.url", secure.url("/s/1.txt"), "source.redirected.format",
                    "lines", "source.redirected.headers", HEADERS, "source.paged.url", secure.url("/n/1.txt"),
                    "source.paged.format", "lines", "source.paged.headers", HEADERS);

            harvest();

            assertEquals("Bearer s3cret-token-4711", secure.requestHeaders("/s/1.txt").getFirst("Authorization"),
                    "the https source itself has its headers");
            assertEquals(0, other.hits("/s/plain.txt"), "the redirect to plain http is not followed");
            assertEquals(1, secure.hits("/n/1.txt"));
            assertTrue(Runners.savedImages(work.resolve("images")).size() == 1,
                    "the paged source's first page is done");
            JsonNode report = report();
            List<String> errors = List.of(report.get("sources").get(0).toString(),
                    report.get("sources").get(1).toString());
            assertTrue(errors.get(0).contains("plain http") && errors.get(0).contains("source redirected"),
                    errors.get(0));
            assertTrue(errors.get(1).contains("plain http") && errors.get(1).contains("source paged"), errors.get(1));
            assertFalse(errors.toString().contains("s3cret"), errors.toString());
        }
    }
}
