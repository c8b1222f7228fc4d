package org.imageharvester.ledger;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Keeps the runner's state its user's alone, whatever the process's umask: folders it creates are 0700, the files it
 * names 0600. Each is created with those permissions (never readable by others for a moment) and then set to them
 * exactly, as the umask may take more away. On a file system without POSIX permissions it does nothing but create.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    /** Creates the folder, and every missing one above it, 0700; a folder already there is left as it is. */
    public static Path folder(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) return dir;
        if (absolute.getParent() != null) folder(absolute.getParent());
        try {
            if (!POSIX) return Files.createDirectory(absolute);
            Files.createDirectory(absolute, attribute(FOLDER));
            Files.setPosixFilePermissions(absolute, FOLDER);
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(absolute)) throw raced;
        }
        return dir;
    }

    /** Creates the file empty and 0600 when it is missing. */
    public static void create(Path file) throws IOException {
        try {
            if (!POSIX) Files.createFile(file);
            else Files.setPosixFilePermissions(Files.createFile(file, attribute(FILE)), FILE);
        } catch (FileAlreadyExistsException there) {
            // made private by seal
        }
    }

    /** Sets 0600 on every file of the folder whose name begins with {@code prefix} (not on links: never followed). */
    public static void seal(Path dir, String prefix) throws IOException {
        if (!POSIX) return;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (!file.getFileName().toString().startsWith(prefix)) continue;
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) Files.setPosixFilePermissions(file, FILE);
            }
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
