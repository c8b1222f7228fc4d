package org.imageharvester;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.apache.hc.core5.http.io.EofSensorInputStream;

/**
 * A response body that may deliver at most {@code maxBytes} bytes before {@code deadline}: a server that lies about
 * the length, or drips bytes forever, fails the read instead of filling the disk or holding a thread. Closed before
 * its end, it drops the connection rather than reading the rest.
 */
final class BoundedBody extends FilterInputStream {

    private final long maxBytes;
    private final long deadline;
    private final long timeoutMillis;
    private long count;
    private boolean ended;

    BoundedBody(InputStream body, long maxBytes, long timeoutMillis) {
        super(body);
        this.maxBytes = maxBytes;
        this.timeoutMillis = timeoutMillis;
        this.deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    }

    /** Drops a response body without reading the rest of it (which may never end). */
    static void abort(Object body) {
        try {
            if (body instanceof EofSensorInputStream connection) {
                connection.abort();
            } else if (body instanceof InputStream stream) {
                stream.close();
            }
        } catch (IOException e) {
            // the connection is gone either way
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (System.nanoTime() > deadline) throw new RejectedDownloadException(
                "too slow: the body took longer than download.totalTimeout (" + timeoutMillis + " ms)");
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            ended = true;
        } else if ((count += n) > maxBytes) {
            throw new RejectedDownloadException("too large: more than download.maxBytes (" + maxBytes + " bytes) arrived");
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        if (ended) {
            super.close();
        } else {
            abort(in);
        }
    }
}
