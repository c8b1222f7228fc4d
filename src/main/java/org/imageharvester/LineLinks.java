package org.imageharvester;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** Reads a plain list of URLs one line at a time, skipping blank lines and {@code #} comments. */
final class LineLinks implements Iterator<String>, Closeable {

    private final BufferedReader lines;
    private String next;
    private boolean closed;

    LineLinks(InputStream listing) {
        this.lines = new BufferedReader(new InputStreamReader(listing, StandardCharsets.UTF_8));
    }

    @Override
    public boolean hasNext() {
        try {
            while (next == null) {
                if (closed) return false;
                String line = lines.readLine();
                if (line == null) {
                    close();
                    return false;
                }
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) next = line;
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("listing broke off while reading: " + e.getMessage(), e);
        }
    }

    @Override
    public String next() {
        if (!hasNext()) throw new NoSuchElementException();
        String link = next;
        next = null;
        return link;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        lines.close();
    }
}
