package org.imageharvester;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContextAware;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.DefaultRegistry;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import org.imageharvester.report.HarvestSummary;
import org.imageharvester.runner.StateBinding;
import org.imageharvester.source.Sources;

/**
 * Runs the real {@code routes/} with the real {@code application.properties}, pointed at a real local HTTP server
 * and a temporary folder. Tests start a harvest by hand instead of waiting for the cron.
 */
abstract class HarvesterTestSupport extends CamelMainTestSupport {

    @TempDir
    Path work;

    TestServer server;

    private Registry registry;

    // filled in setupResources(): the base class asks for it from its constructor, before fields are initialised
    private Properties overrides;

    /** Settings a test class changes on top of the shared ones. */
    protected void configure(Properties settings) {
    }

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        configuration.withUseOverridePropertiesWithPropertiesComponent(overrides());
    }

    /** The properties that override application.properties in this test. */
    Properties overrides() {
        if (overrides == null) overrides = new Properties();
        return overrides;
    }

    @Override
    protected Registry createCamelRegistry() throws Exception {
        registry = new DefaultRegistry();
        return registry;
    }

    @Override
    protected String getPropertyPlaceholderLocations() {
        return "file:application.properties";
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.withRoutesIncludePattern("file:routes/*.camel.yaml");
        // the run's state, bound before the route files are read, as the runner does (App); the test's main gives its
        // listeners no context, so the binding is given the one of the registry made for this test
        configuration.addMainListener(new StateBinding(((CamelContextAware) registry).getCamelContext()));
    }

    @Override
    public void setupResources() throws Exception {
        server = new TestServer();
        Properties settings = overrides();
        // most tests list their links one per line at /urls.txt (see list())
        settings.put("source.format", "lines");
        settings.put("source.url", server.url("/urls.txt"));
        settings.put("source.headers", "");
        // retries of a test are quick
        settings.put("download.retryDelay", "20");
        // the test server is on loopback, which the harvester refuses unless told otherwise
        settings.put("download.allowHosts", "127.0.0.1");
        settings.put("download.perHostConcurrency", "64");
        settings.put("download.dir", work.resolve("images").toString());
        settings.put("thumbnail.dir", work.resolve("thumbnails").toString());
        settings.put("report.dir", work.resolve("reports").toString());
        settings.put("ledger.file", work.resolve("state/ledger").toString());
        configure(settings);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** Serves the listing at /urls.txt: the test server's URLs of these paths, one per line. */
    void list(String... paths) {
        StringBuilder listing = new StringBuilder();
        for (String path : paths) listing.append(server.url(path)).append('\n');
        server.serve("/urls.txt", "text/plain", listing.toString());
    }

    /**
     * Declares this test's sources: {@code harvest.sources} (empty: the one of {@code source.*}) and settings as key,
     * value pairs, read again before the next harvest.
     */
    void sources(String names, String... settings) {
        Properties overrides = overrides();
        for (int i = 0; i < settings.length; i += 2) overrides.put(settings[i], settings[i + 1]);
        overrides.put("harvest.sources", names);
        Sources sources = context.getRegistry().lookupByNameAndType("sources", Sources.class);
        sources.setNames(names);
        sources.load();
    }

    /** Runs one harvest to its end, thumbnails included. */
    HarvestSummary harvest() {
        return template.requestBody("direct:run-harvest", null, HarvestSummary.class);
    }

    List<String> files(String folder) throws IOException {
        Path dir = work.resolve(folder);
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    Path file(String folder, String name) {
        return work.resolve(folder).resolve(name);
    }

    /** The JSON report of the only run so far. */
    JsonNode report() throws IOException {
        List<String> reports = files("reports").stream().filter(name -> name.endsWith(".json")).toList();
        if (reports.size() != 1) throw new AssertionError("expected one report, found " + reports);
        return new ObjectMapper().readTree(file("reports", reports.get(0)).toFile());
    }
}
