package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** No secret the runner is given (a URL's password, a password, a header's variable) is in anything it writes. */
class SecretOutputTest extends RunnerProcessSupport {

    private static final List<String> SECRETS = List.of("s3cr3t-ks-pass-4711", "s3cr3t-ts-pass-4712",
            "s3cr3t-broker-pw-4713", "s3cr3t-client-id-4714", "s3cr3t-token-4715", "s3cr3t-ledger-pw-4716",
            "s3cr3t-userinfo-4717");

    // every file under the runner's folder that holds one of the secrets: its output, reports, pages, ledger, logs
    private List<String> filesHolding(List<String> secrets) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    if (text.contains(secret)) found.add(work.relativize(file) + ": " + secret);
                }
            }
        }
        return found;
    }

    @Test
    void verbose_output_and_every_file_written_hold_no_secret() throws Exception {
        Map<String, byte[]> served = Runners.serveImages(server, 2, 0);
        server.serve("/two.txt", "text/plain", "");
        Process runner = Runners.start(work, "runner.log", Map.of("HARVEST_TEST_CLIENT_ID", "s3cr3t-client-id-4714",
                "HARVEST_TEST_TOKEN", "s3cr3t-token-4715"), List.of(
                "-Dbroker.url=tcp://127.0.0.1:61617?sslEnabled=true;keyStorePassword=s3cr3t-ks-pass-4711;"
                        + "trustStorePassword=s3cr3t-ts-pass-4712",
                "-Dbroker.embedded=tcp://127.0.0.1:61617?sslEnabled=true&keyStorePassword=s3cr3t-ks-pass-4711",
                "-Dbroker.user=harvester", "-Dbroker.password=s3cr3t-broker-pw-4713",
                "-Dledger.url=jdbc:h2:file:" + work.resolve("state/shared") + ";PASSWORD=s3cr3t-ledger-pw-4716",
                "-Dledger.password=s3cr3t-ledger-pw-4716", "-Dledger.createSchema=true",
                // (not read: harvest.sources names its own, but --verbose prints it)
                "-Dsource.url=" + server.url("/urls.txt").replace("://", "://reader:s3cr3t-userinfo-4717@"),
                "-Dsource.headers=", "-Dharvest.sources=one, two", "-Dsource.one.url=" + server.url("/urls.txt"),
                "-Dsource.one.format=lines", "-Dsource.one.headers=Authorization: Client-ID ${HARVEST_TEST_CLIENT_ID}",
                "-Dsource.two.url=" + server.url("/two.txt"), "-Dsource.two.format=lines",
                "-Dsource.two.headers=X-Token: ${HARVEST_TEST_TOKEN} | Accept: text/plain",
                // Camel's tracer: every exchange with its headers
                "-Dcamel.main.tracing=true"), Path.of("").toAbsolutePath(),
                "--once", "--verbose");

        assertEquals(0, exitCode(runner, 60), log(runner));
        String log = log(runner);
        assertTrue(log.contains("Property-placeholders summary") || log.contains("Auto-configuration summary"), log);
        assertTrue(log.contains("Harvest finished"), log);
        assertEquals(served.keySet(), Runners.savedImages(work.resolve("images")).keySet(), "harvested all the same");
        assertEquals("Client-ID s3cr3t-client-id-4714", server.requestHeaders("/urls.txt").getFirst("Authorization"),
                "the headers are sent all the same");
        assertEquals("s3cr3t-token-4715", server.requestHeaders("/two.txt").getFirst("X-Token"));
        assertEquals(List.of(), filesHolding(SECRETS), log);
    }
}
