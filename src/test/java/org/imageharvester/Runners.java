package org.imageharvester;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
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
        return new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve(log).toFile()).start();
    }
}
