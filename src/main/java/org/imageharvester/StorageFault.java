package org.imageharvester;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.Locale;

import org.apache.camel.component.file.GenericFileOperationFailedException;

/**
 * Tells a failure of the disk (full, read-only, not writable, not a folder) from a failure of one image: the first is
 * never retried and stops the harvest, since every image after it would fail the same way.
 */
public final class StorageFault {

    private static final String[] DISK_FULL = {"no space left on device", "disk quota exceeded", "read-only file system",
        "not enough space"};

    /** True when the failure is the disk's; errors.camel.yaml asks this before retrying. */
    public boolean isFault(Throwable failure) {
        return of(failure) != null;
    }

    /** Why the disk cannot take images, or null when the failure is not the disk's. */
    static String of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            String lower = message.toLowerCase(Locale.ROOT);
            for (String full : DISK_FULL) {
                if (cause instanceof IOException && lower.contains(full)) return "the disk is full or read-only: " + message;
            }
            if (cause instanceof FileSystemException) return "cannot write to the download folder: " + message;
            if (cause instanceof GenericFileOperationFailedException && lower.startsWith("cannot create directory")) {
                return "cannot write to the download folder: " + message;
            }
        }
        return null;
    }
}
