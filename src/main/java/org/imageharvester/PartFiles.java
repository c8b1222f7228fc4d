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

    /** Deletes the part of {@code name}, if a failed write left one; a folder that is itself broken is left alone. */
    public void discard(String name) {
        if (name == null) return;
        try {
            Files.deleteIfExists(dir.resolve(part(name)));
        } catch (IOException e) {
            // the write failed because of the folder; the start-up sweep tries again
        }
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
