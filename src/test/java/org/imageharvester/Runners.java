package org.imageharvester;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.imageharvester.download.ImageFileNamer;
import org.imageharvester.runner.App;

/** Starts the runner as a user does, as a Java process of its own, with its data folders in a test's folder. */
final class Runners {

    private Runners() {
    }

    /**
     * Starts {@link App} in {@code folder} (which holds application.properties and routes/), its images, thumbnails,
     * reports and ledger in {@code work}, its output in {@code work/runner.log}.
     */
    static Process start(Path work, List<String> jvmOptions, Path folder, String... args) throws IOException {
        return start(work, "runner.log", jvmOptions, folder, args);
    }

    /** Like {@link #start(Path, List, Path, String...)}, its output in {@code work/<log>}. */
    static Process start(Path work, String log, List<String> jvmOptions, Path folder, String... args)
            throws IOException {
        return start(work, log, Map.of(), jvmOptions, folder, args);
    }

    /** Like {@link #start(Path, String, List, Path, String...)}, with these environment variables added. */
    static Process start(Path work, String log, Map<String, String> environment, List<String> jvmOptions, Path folder,
            String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                "java").toString()));
        command.add("-Ddownload.dir=" + work.resolve("images"));
        command.add("-Dthumbnail.dir=" + work.resolve("thumbnails"));
        command.add("-Dreport.dir=" + work.resolve("reports"));
        command.add("-Ddownload.allowHosts=127.0.0.1");
        command.add("-Dledger.file=" + work.resolve("state/ledger"));
        command.addAll(jvmOptions); // after the defaults: the last -D of a key wins
        // the runnable jar itself when the build made it (integration tests), else the test class path
        String jar = System.getProperty("harvester.jar");
        if (jar != null) command.addAll(List.of("-jar", jar));
        else command.addAll(List.of("-cp", System.getProperty("java.class.path"), App.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder runner = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve(log).toFile());
        runner.environment().putAll(environment);
        return runner.start();
    }

    /**
     * Serves count distinct PNGs at /p/&lt;i&gt;.png, each answered after delayMillis, and their list at /urls.txt;
     * returns the file name each is saved under -> its bytes.
     */
    static Map<String, byte[]> serveImages(TestServer server, int count, long delayMillis) {
        Map<String, byte[]> served = new TreeMap<>();
        StringBuilder listing = new StringBuilder();
        for (int i = 0; i < count; i++) {
            byte[] png = TestImages.image("png", 64, 48, 0x010203 * (i + 1));
            server.serve("/p/" + i + ".png", "image/png", png);
            listing.append(server.url("/p/" + i + ".png")).append('\n');
            served.put(new ImageFileNamer().name(server.url("/p/" + i + ".png"), "png"), png);
        }
        server.serve("/urls.txt", "text/plain", listing.toString());
        server.delayImages(delayMillis);
        return served;
    }

    /** The whole images in a download folder (no temporary .part files): file name -> bytes. */
    static Map<String, byte[]> savedImages(Path dir) {
        Map<String, byte[]> saved = new TreeMap<>();
        if (!Files.isDirectory(dir)) return saved;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().startsWith(".")
                    && Files.isRegularFile(f)).toList()) {
                saved.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return saved;
    }
}
