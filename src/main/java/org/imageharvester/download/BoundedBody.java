package org.imageharvester.download;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.apache.hc.core5.http.io.EofSensorInputStream;

import org.imageharvester.values.Deadline;

/**
 * A response body that may deliver at most {@code maxBytes} bytes before its deadline: a server that lies about the
 * length, or drips bytes forever, fails the read instead of filling the disk or holding a thread. A listing, which is
 * read only as fast as the downloads take its links, is bounded instead by the time spent waiting for its bytes. It
 * fingerprints the bytes as they pass (so a saved image is never read twice), lets its first bytes be looked at before
 * they are consumed, follows an image's structure as it passes (a body cut short or corrupt fails the read: see
 * {@link StructureCheck}), and, closed before its end, drops the connection rather than reading the rest.
 */
public final class BoundedBody extends FilterInputStream {

    private final InputStream connection;
    private final Fingerprint fingerprint = new Fingerprint();
    private final long maxBytes;
    private final String maxBytesSetting;
    private final Deadline deadline;
    private final long waitBudget;
    private final String waitReason;
    private long waited;
    private long count;
    private boolean ended;
    private String format;
    private StructureCheck structure;

    private BoundedBody(InputStream body, long maxBytes, String maxBytesSetting, Deadline deadline,
            long waitBudgetMillis,
            String waitReason) {
        super(new BufferedInputStream(body));
        this.connection = body;
        this.maxBytes = maxBytes;
        this.maxBytesSetting = maxBytesSetting;
        this.deadline = deadline;
        this.waitBudget = waitBudgetMillis > Long.MAX_VALUE / 1_000_000L ? Long.MAX_VALUE
                : waitBudgetMillis * 1_000_000L;
        this.waitReason = waitReason;
    }

    /** An image body: at most download.maxBytes, all of it before the link's deadline. */
    static BoundedBody image(InputStream body, long maxBytes, Deadline deadline) {
        return new BoundedBody(body, maxBytes, "download.maxBytes", deadline, Long.MAX_VALUE, null);
    }

    /** A listing's body: at most source.maxBytes, and at most {@code waitMillis} spent waiting for its bytes. */
    public static BoundedBody listing(InputStream body, long maxBytes, long waitMillis) {
        return new BoundedBody(body, maxBytes, "source.maxBytes", null, waitMillis,
                "too slow: the listing's bytes took longer than download.totalTimeout (" + waitMillis
                + " ms) to arrive");
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
        return Arrays.copyOf(head, got);
    }

    /**
     * Says what image format the body is (its first bytes did): the rest of it is followed as that format, as it is
     * read.
     */
    void expect(String format) {
        this.format = format;
        this.structure = StructureCheck.of(format);
    }

    /** The image format the body was said to be ({@link ImageSignature}'s name: jpg, png...), or null. */
    String format() {
        return format;
    }

    /** The {@link Fingerprint} of the whole body once it has been read to its end, else null. */
    public String fingerprint() {
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
        long started = System.nanoTime();
        int n = super.read(buffer, offset, length);
        if ((waited += System.nanoTime() - started) > waitBudget) throw new RejectedDownloadException(waitReason);
        if (n < 0) {
            ended = true;
            if (structure != null) structure.end();
        } else if ((count += n) > maxBytes) {
            throw new RejectedDownloadException("too large: more than " + maxBytesSetting + " (" + maxBytes
                    + " bytes) arrived");
        } else {
            fingerprint.update(buffer, offset, n);
            if (structure != null) structure.update(buffer, offset, n);
        }
        return n;
    }

    private void checkDeadline() throws RejectedDownloadException {
        RejectedDownloadException.check(deadline);
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
