package org.imageharvester.download;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.apache.camel.ExchangeProperty;

/**
 * Keeps half-written files from surviving: a file is written as {@code .<name>.part} (the {@code tempFileName} of the
 * file endpoint) and renamed when complete; a failed write's part is deleted, and parts a crash left behind are swept
 * when the runner starts. Every folder the harvester writes has its own sweep. A part is opened so that a symbolic
 * link planted at its name is never followed, and a final name that is a link is refused.
 */
public final class PartFiles {

    // folders swept below the top one: a source's and download.layout's (at most 8)
    private static final int MAX_DEPTH = 9;

    private Path dir;
    private boolean shared;
    private long staleAfter;

    /** Sets the folder whose parts this bean looks after. */
    public void setDir(String dir) {
        this.dir = Path.of(dir);
    }

    /**
     * Sets {@code harvest.role}: a scheduler's and a worker's folders are shared with other nodes, whose writes in
     * flight a sweep must leave alone.
     */
    public void setRole(String role) {
        this.shared = !"standalone".equals(role);
    }

    /**
     * Sets {@code download.totalTimeout}, in ms: in a shared folder, only a part no one has written to for this long
     * is swept (a live write touches its part more often: every attempt of a link ends within it).
     */
    public void setStaleAfter(long staleAfter) {
        this.staleAfter = staleAfter;
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

    /**
     * Makes the folder ready for the file endpoint to write {@code name}: whatever is at its part name (a leftover, or
     * a link planted there, dangling or not) is removed, as the endpoint would open it following links; a final name
     * that is a symbolic link is refused.
     */
    public void prepare(@ExchangeProperty("fileName") String name) throws IOException {
        if (name == null) return;
        // every folder between download.dir and the file (a source's, a layout's), none of them a link
        Path linked = linkedFolder(dir, dir.resolve(name));
        if (linked != null) throw new RejectedDownloadException(refusal(linked));
        // (java.io.File: "not there", the common case, without the exception java.nio.file makes and drops; delete
        // removes a link itself, never what it points at)
        dir.resolve(part(name)).toFile().delete();
        // a dangling link at the final name is not written through either: the part is renamed over it
        Path target = dir.resolve(name);
        if (target.toFile().exists() && Files.isSymbolicLink(target)) throw new RejectedDownloadException("refused: "
                + name + " in " + dir + " is a symbolic link; the harvester writes only files of its own");
    }

    /**
     * The first folder between {@code top} and {@code file} (a source's, a layout's) that is a symbolic link, or null
     * when the harvester may write there: it writes only into folders of its own.
     */
    public static Path linkedFolder(Path top, Path file) {
        for (Path parent = file.getParent(); parent != null && !parent.equals(top) && parent.startsWith(top);
                parent = parent.getParent()) {
            if (Files.isSymbolicLink(parent)) return parent;
        }
        return null;
    }

    /** Why nothing is written into a folder that is a symbolic link. */
    public static String refusal(Path linkedFolder) {
        return "refused: the folder " + linkedFolder + " is a symbolic link; the harvester writes only into folders"
                + " of its own";
    }

    /**
     * Deletes every part in the folder (and the sources' folders in it), run at start-up and shut-down; in a folder
     * shared with other nodes only the stale ones: a node starting must not cut another's writes short.
     */
    public int sweep() throws IOException {
        if (!Files.isDirectory(dir)) return 0;
        return sweep(dir, 0);
    }

    // the folder's parts, and those of the folders in it (a source's, download.layout's), never through a link
    private int sweep(Path folder, int depth) throws IOException {
        int swept = 0;
        if (depth < MAX_DEPTH) {
            try (DirectoryStream<Path> folders = Files.newDirectoryStream(folder, entry -> !entry.getFileName()
                    .toString().startsWith(".") && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS))) {
                for (Path inner : folders) swept += sweep(inner, depth + 1);
            }
        }
        long staleBefore = System.currentTimeMillis() - staleAfter;
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(folder, ".*.part")) {
            for (Path part : parts) {
                try {
                    if (shared && Files.getLastModifiedTime(part, LinkOption.NOFOLLOW_LINKS).toMillis() > staleBefore) {
                        continue; // another node's write in flight
                    }
                    Files.deleteIfExists(part);
                    swept++;
                } catch (NoSuchFileException gone) {
                    // its writer committed or removed it meanwhile
                }
            }
        }
        return swept;
    }

    /**
     * Opens a part for writing, never through a link: whatever is at its name (a leftover part, a planted symbolic
     * link) is removed first, then the file is created new, refusing to follow a link made in between.
     */
    public static OutputStream create(Path part) throws IOException {
        Files.deleteIfExists(part); // removes a link itself, never what it points at
        return Files.newOutputStream(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Opens a part for writing text, as {@link #create(Path)} does: UTF-8, and text no encoder can write (an unpaired
     * surrogate from the network) becomes a replacement character instead of failing the write.
     */
    public static Writer writer(Path part) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(create(part),
                StandardCharsets.UTF_8));
    }

    /**
     * Renames a finished part to its final name (atomically, replacing an older file) and returns it; a final name that
     * is a symbolic link is refused, and the part deleted.
     */
    public static Path commit(Path part, Path target) throws IOException {
        if (Files.isSymbolicLink(target)) {
            Files.deleteIfExists(part);
            throw new IOException("refused: " + target.getFileName() + " is a symbolic link; the harvester writes only"
                    + " files of its own");
        }
        return Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The temporary name of a file while it is written. */
    public static String part(String name) {
        int slash = name.lastIndexOf('/');
        return name.substring(0, slash + 1) + "." + name.substring(slash + 1) + ".part";
    }
}
