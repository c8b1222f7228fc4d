package org.imageharvester.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a listing kept in a local file ({@code file:} URL) as a stream, so it is never read whole into memory. */
public final class LocalListing {

    /**
     * Opens the file the {@code file:} URL names: {@code file:///srv/urls.txt}, or {@code file:urls.txt} relative to
     * the working directory. A missing file is an error that names it.
     */
    public InputStream open(String fileUrl) throws IOException {
        URI url = URI.create(fileUrl);
        Path file = url.isOpaque() ? Path.of(url.getSchemeSpecificPart()) : Path.of(url);
        if (!Files.isReadable(file)) throw new IOException("listing file " + file
                + " does not exist or is not readable");
        return Files.newInputStream(file);
    }
}
