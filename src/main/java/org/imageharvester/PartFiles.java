package org.imageharvester;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps half-written files from surviving: a file is written as {@code .<name>.part} (the {@code tempFileName} of the
 * file endpoint) and renamed when complete; a failed write's part is deleted, and parts a crash left behind are swept
 * when the runner starts.
 */
public final class PartFiles {

    private Path dir = Path.of("images");

    /** Sets the folder whose parts this bean looks after. */
    public void setDir(String dir) {
        this.dir = Path.of(dir);
    }

    /** Deletes the part of {@code name}, if a failed write left one. */
    public void discard(String name) throws IOException {
        if (name == null) return;
        Files.deleteIfExists(dir.resolve(part(name)));
    }

    /** Deletes every part in the folder; run at start-up, before any harvest. */
    public int sweep() throws IOException {
        if (!Files.isDirectory(dir)) return 0;
        int swept = 0;
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, ".*.part")) {
            for (Path part : parts) {
                Files.deleteIfExists(part);
                swept++;
            }
        }
        return swept;
    }

    /** The temporary name of a file while it is written. */
    static String part(String name) {
        return "." + name + ".part";
    }
}
