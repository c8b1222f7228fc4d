package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.stream.Stream;

import org.apache.camel.spi.ThreadPoolProfile;
import org.junit.jupiter.api.Test;

/**
 * The README's way to change concurrency: edit a pool's size or queue in its route file. Each edit below, in a copy
 * of {@code routes/}, is what the pool gets; application.properties sets none of them.
 */
class PoolEditTest extends HarvesterTestSupport {

    // route file -> the pool placeholders as shipped, and as edited
    private static final Map<String, Map<String, String>> EDITS = Map.of(
            "harvest.camel.yaml", Map.of(
                    "{{source.concurrency:4}}", "{{source.concurrency:3}}",
                    "{{download.concurrency:16}}", "{{download.concurrency:7}}",
                    "{{download.queueSize:100}}", "{{download.queueSize:42}}"),
            "thumbnail.camel.yaml", Map.of(
                    "{{thumbnail.concurrency:0}}", "{{thumbnail.concurrency:5}}",
                    "{{thumbnail.queueSize:100}}", "{{thumbnail.queueSize:33}}"));

    // (a setting, not withRoutesIncludePattern: application.properties' pattern would win over that)
    @Override
    protected void configure(Properties settings) {
        settings.put("camel.main.routes-include-pattern", "file:" + editedRoutes() + "/*.camel.yaml");
    }

    @Test
    void gives_each_pool_the_size_and_queue_edited_in_its_route_file() {
        // given the edited copy of routes/ (configure), when the runner has started with it
        ThreadPoolProfile sources = context.getExecutorServiceManager().getThreadPoolProfile("sourcePool");
        ThreadPoolProfile downloads = context.getExecutorServiceManager().getThreadPoolProfile("downloadPool");
        ThreadPoolExecutor thumbnails = context.getRegistry().lookupByNameAndType("thumbnailPool",
                ThreadPoolExecutor.class);

        // then
        assertAll(() -> assertEquals(3, sources.getMaxPoolSize(), "source.concurrency"),
                () -> assertEquals(7, downloads.getMaxPoolSize(), "download.concurrency"),
                () -> assertEquals(42, downloads.getMaxQueueSize(), "download.queueSize"),
                () -> assertEquals(5, thumbnails.getMaximumPoolSize(), "thumbnail.concurrency"),
                () -> assertEquals(33, thumbnails.getQueue().remainingCapacity(), "thumbnail.queueSize"));
    }

    // routes/ copied into the test's folder, with the edits made
    private Path editedRoutes() {
        Path copy = work.resolve("routes");
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            Files.createDirectories(copy);
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                for (Map.Entry<String, String> edit : EDITS.getOrDefault(file.getFileName().toString(), Map.of())
                        .entrySet()) {
                    assertTrue(text.contains(edit.getKey()), file + " holds " + edit.getKey());
                    text = text.replace(edit.getKey(), edit.getValue());
                }
                Files.writeString(copy.resolve(file.getFileName()), text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }
}
