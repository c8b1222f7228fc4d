package org.imageharvester.source;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;

import org.imageharvester.values.ListedLink;

/**
 * Reads a plain list of URLs one line at a time, skipping blank lines and {@code #} comments. A line is never held
 * longer than {@code maxLength} + 1 characters: the rest of an overlong line is skipped, and what is kept is too long
 * for a link, so the download route refuses it.
 */
final class LineLinks implements Iterator<ListedLink>, Closeable {

    private final BufferedReader lines;
    private final int maxLength;
    private String next;
    private boolean closed;

    LineLinks(InputStream listing, int maxLength) {
        this.lines = new BufferedReader(new InputStreamReader(listing, StandardCharsets.UTF_8));
        this.maxLength = maxLength;
    }

    @Override
    public boolean hasNext() {
        try {
            while (next == null) {
                if (closed) return false;
                String line = readLine();
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

    // a line of at most maxLength + 1 characters, or null at the end
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = lines.read()) >= 0 && c != '\n') {
            if (line.length() <= maxLength) line.append((char) c);
        }
        return c < 0 && line.isEmpty() ? null : line.toString();
    }

    @Override
    public ListedLink next() {
        if (!hasNext()) throw new NoSuchElementException();
        String link = next;
        next = null;
        return ListedLink.of(link);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        lines.close();
    }
}
