package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The launcher as a user runs it ({@code sh ./harvester --once --demo}, the built jar, a umask set by the shell that
 * starts it): what it trusts as its class-data cache, and the state it keeps private (an integration test: it needs
 * the jar).
 */
class LauncherIT {

    private static final String FINISHED = "Harvest finished: 32 listed, 30 saved, 1 skipped, 1 failed, 30 thumbnails";
    private static final String AGAIN = "Harvest finished: 32 listed, 0 saved, 31 skipped, 1 failed, 0 thumbnails";

    @TempDir
    Path work;

    @BeforeEach
    void copySettings() throws IOException {
        Files.copy(Path.of("application.properties"), work.resolve("application.properties"));
        try (Stream<Path> routes = Files.walk(Path.of("routes"))) {
            for (Path from : routes.toList()) Files.copy(from, work.resolve(from.toString()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rwxrwxrwx", "rwxrwxr-x"})
    void runs_without_a_cache_folder_other_users_may_write(String permissions) throws Exception {
        Path cache = Files.createDirectories(work.resolve("state/jvm"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString(permissions));

        assertEquals(0, launch("022"), log());

        assertTrue(log().contains(FINISHED), log());
        assertEquals(List.of("harvester: running without the class-data cache: other users may write to state/jvm"
                + " (chmod 700 it)"), errors());
        assertEquals(List.of(), files(cache), "no cache written there");
    }

    @Test
    void runs_without_a_cache_folder_another_user_owns() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a folder away");
        Path cache = Files.createDirectories(work.resolve("state/jvm"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwx------"));
        Files.setOwner(cache, FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));

        assertEquals(0, launch("022"), log());

        assertTrue(log().contains(FINISHED), log());
        assertEquals(List.of("harvester: running without the class-data cache: state/jvm is not owned by root"),
                errors());
        assertEquals(List.of(), files(cache), "no cache written there");
    }

    @Test
    void deletes_a_cache_file_other_users_may_write_instead_of_loading_it() throws Exception {
        assertEquals(0, launch("022"), log());
        List<Path> made = files(work.resolve("state/jvm"));
        assertEquals(1, made.size(), "the first run's cache: " + made);
        byte[] planted = "planted".getBytes(StandardCharsets.UTF_8);
        Files.write(made.get(0), planted);
        Files.setPosixFilePermissions(made.get(0), PosixFilePermissions.fromString("rw-rw-rw-"));

        assertEquals(0, launch("022"), log());

        assertTrue(log().contains(AGAIN), log());
        assertEquals(List.of(), errors());
        assertTrue(Files.size(made.get(0)) > planted.length, "written again by this run");
        assertFalse(Arrays.equals(planted, Files.readAllBytes(made.get(0))));
    }

    @ParameterizedTest
    @CsvSource({"022, rw-r--r--", "000, rw-rw-rw-"})
    void keeps_the_cache_and_the_ledger_private_and_the_harvest_to_the_umask(String umask, String harvest)
            throws Exception {
        assertEquals(0, launch(umask), log());

        assertEquals("rwx------", permissions("state"));
        assertEquals("rwx------", permissions("state/jvm"));
        assertEquals("rw-------", permissions("state/ledger.mv.db"));
        assertEquals(harvest, permissions(one("images")));
        assertEquals(harvest, permissions(one("thumbnails")));
        assertEquals(harvest, permissions(one("reports")));
        // the JVM writes the cache with modes of its own when it exits; the next start narrows them
        assertEquals(0, launch(umask), log());
        List<Path> cache = files(work.resolve("state/jvm"));
        assertEquals(1, cache.size(), "the cache: " + cache);
        assertEquals("rw-------", permissions(work.relativize(cache.get(0)).toString()));
        assertEquals("rw-------", permissions("state/ledger.mv.db"));
    }

    // runs the launcher in the work folder through a shell that sets the umask first
    private int launch(String umask) throws Exception {
        String jar = Objects.requireNonNull(System.getProperty("harvester.jar"), "harvester.jar: run after package");
        ProcessBuilder launcher = new ProcessBuilder("sh", "-c", "umask " + umask + " && exec sh \"$0\" \"$@\"",
                Path.of("harvester").toAbsolutePath().toString(), "--once", "--demo").directory(work.toFile())
                .redirectOutput(work.resolve("runner.log").toFile())
                .redirectError(work.resolve("launcher.err").toFile());
        Map<String, String> environment = launcher.environment();
        environment.remove("HARVESTER_CACHE");
        environment.remove("JAVA_HOME");
        environment.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        environment.put("HARVESTER_JAR", jar);
        environment.put("JAVA_OPTS", "-Ddemo.port=0");
        Process run = launcher.start();
        if (!run.waitFor(120, TimeUnit.SECONDS)) {
            run.destroyForcibly();
            throw new AssertionError("the launcher did not exit: " + log());
        }
        return run.exitValue();
    }

    private String log() throws IOException {
        return Files.readString(work.resolve("runner.log"));
    }

    private List<String> errors() throws IOException {
        return Files.readAllLines(work.resolve("launcher.err"));
    }

    private String permissions(String path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve(path)));
    }

    // a file of the harvest's in that folder (not a hidden one)
    private String one(String folder) throws IOException {
        return files(work.resolve(folder)).stream().filter(f -> !f.getFileName().toString().startsWith("."))
                .map(f -> work.relativize(f).toString()).findFirst().orElseThrow();
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
