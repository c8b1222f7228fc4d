package org.imageharvester;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.apache.hc.core5.http.io.EofSensorInputStream;

/**
 * A response body that may deliver at most {@code maxBytes} bytes before its deadline: a server that lies about the
 * length, or drips bytes forever, fails the read instead of filling the disk or holding a thread. It fingerprints the
 * bytes as they pass (so a saved image is never read twice), lets its first bytes be looked at before they are consumed,
 * and, closed before its end, drops the connection rather than reading the rest.
 */
final class BoundedBody extends FilterInputStream {

    private final InputStream connection;
    private final Fingerprint fingerprint = new Fingerprint();
    private final long maxBytes;
    private final long deadline;
    private final long timeoutMillis;
    private long count;
    private boolean ended;

    BoundedBody(InputStream body, long maxBytes, long timeoutMillis) {
        super(new BufferedInputStream(body));
        this.connection = body;
        this.maxBytes = maxBytes;
        this.timeoutMillis = timeoutMillis;
        this.deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    }

    /** Drops a response body without reading the rest of it (which may never end). */
    static void abort(Object body) {
        try {
            if (body instanceof BoundedBody bounded) {
                abort(bounded.connection);
            } else if (body instanceof EofSensorInputStream connection) {
                connection.abort();
            } else if (body instanceof InputStream stream) {
                stream.close();
            }
        } catch (IOException e) {
            // the connection is gone either way
        }
    }

    /** Up to {@code n} first bytes, left in place for the reader (not counted, not hashed yet). */
    byte[] head(int n) throws IOException {
        in.mark(n);
        byte[] head = new byte[n];
        int got = 0;
        for (int r = 0; got < n && r >= 0; got += Math.max(r, 0)) {
            checkDeadline();
            r = in.read(head, got, n - got);
        }
        in.reset();
        return java.util.Arrays.copyOf(head, got);
    }

    /** The {@link Fingerprint} of the whole body once it has been read to its end, else null. */
    String fingerprint() {
        return ended ? fingerprint.value() : null;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        checkDeadline();
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            ended = true;
        } else if ((count += n) > maxBytes) {
            throw new RejectedDownloadException("too large: more than download.maxBytes (" + maxBytes + " bytes) arrived");
        } else {
            fingerprint.update(buffer, offset, n);
        }
        return n;
    }

    private void checkDeadline() throws RejectedDownloadException {
        if (System.nanoTime() > deadline) throw new RejectedDownloadException(
                "too slow: the body took longer than download.totalTimeout (" + timeoutMillis + " ms)");
    }

    @Override
    public void close() throws IOException {
        if (ended) {
            super.close();
        } else {
            abort(connection);
        }
    }
}
