package org.imageharvester.download;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.apache.camel.component.file.GenericFileOperationFailedException;

/**
 * Tells a failure of the disk (full, over quota, read-only, the download folder not a writable folder) from a failure
 * of one image: the first is never retried and stops the harvest, since every image after it would fail the same way;
 * anything else that goes wrong with one file (a name the file system refuses, a file in the way) fails that image
 * alone.
 */
public final class StorageFault {

    private static final String[] DISK_FULL = {"no space left on device", "disk quota exceeded",
            "read-only file system",
        "not enough space", "quota exceeded"};

    private Path dir;

    /** Sets {@code download.dir}, the folder whose health decides. */
    public void setDir(String dir) {
        this.dir = Path.of(dir);
    }

    /** True when the failure is the disk's; errors.camel.yaml asks this before retrying. */
    public boolean isFault(Throwable failure) {
        return reason(failure) != null;
    }

    /** Why the disk cannot take images, or null when the failure is not the disk's. */
    public String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            // a body cut short or corrupt fails its write too: the server's fault, never the disk's
            if (cause instanceof BrokenImageException) return null;
            // only the JDK's own file errors say what the disk said: other messages may quote a server (a header, a
            // chunk line) that would otherwise stop the harvest by naming a full disk
            if (!isJdkFileError(cause)) continue;
            String message = String.valueOf(cause.getMessage());
            String lower = message.toLowerCase(Locale.ROOT);
            for (String full : DISK_FULL) {
                if (lower.contains(full)) return "the disk is full or read-only: " + message;
            }
        }
        // only a failed write can be the folder's: one that is not there (and cannot be made), or not writable
        if (!(failure instanceof IOException || failure instanceof RuntimeException)) return null;
        if (isFileFailure(failure) && !folderTakesFiles()) {
            return "cannot write to the download folder " + dir + ": it is not a writable folder";
        }
        return null;
    }

    private static boolean isJdkFileError(Throwable cause) {
        String type = cause.getClass().getName();
        return cause instanceof IOException && (type.startsWith("java.io.") || type.startsWith("java.nio."));
    }

    private static boolean isFileFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof FileSystemException
                    || cause instanceof GenericFileOperationFailedException) return true;
        }
        return false;
    }

    private boolean folderTakesFiles() {
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir);
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
        return Files.isDirectory(dir) && Files.isWritable(dir);
    }
}
