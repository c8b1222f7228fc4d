package org.imageharvester.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the ledger's records in groups, on a thread of its own: every {@link #PERIOD_MILLIS} ms, or as soon as
 * {@link #GROUP} are waiting, one transaction takes all that came. A download pays for a queue slot, not for a
 * statement and a commit. A record waits at most that long to be written, as H2's own write delay let it before: a
 * {@code kill -9} loses the last of them, whose files the next run finds on disk and adopts without a request.
 */
final class LedgerWriter {

    static final int GROUP = 256;
    static final long PERIOD_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(LedgerWriter.class);

    /**
     * What an image's bytes do to {@code content}: nothing (known), a new row, or take over a row whose file is gone.
     */
    enum Claim { NONE, NEW, TAKE_OVER }

    /**
     * One image saved: its link's row in {@code saved} (its own file, or, for a copy, the file of the link {@code
     * copyOf} that owns the same bytes), and its bytes' claim in {@code content}.
     */
    record Entry(String url, String file, String etag, String lastModified, String fingerprint, Claim claim,
            String copyOf) {
    }

    /**
     * A later word on a link saved before, once its image was decoded: its perceptual hash and size in pixels, or why
     * its file was removed (with its hash, if known: a shared ledger's other nodes read it and forget the hash; no node
     * compares with it).
     */
    record Mark(String url, Long dhash, Integer width, Integer height, String dropped) {
    }

    private static final String INSERT_CONTENT = "INSERT INTO content (fingerprint, url, file) VALUES (?, ?, ?)";
    private static final String TAKE_OVER_CONTENT = "UPDATE content SET url = ?, file = ? WHERE fingerprint = ?";
    // (saved_at moves on: another node of a shared ledger reads the hashes written since it last looked)
    private static final String MARK = "UPDATE saved SET dhash = ?, width = ?, height = ?, dropped = ?,"
            + " saved_at = CURRENT_TIMESTAMP WHERE url = ?";
    // bounded: when the database falls behind, downloads wait for room
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(4 * GROUP);
    private final DataSource pool;
    private final String upsert;
    private final Thread thread;
    private final Object written = new Object();
    private long queued; // guarded by written
    private long done; // guarded by written
    private volatile boolean closing;
    private volatile boolean lost;

    LedgerWriter(DataSource pool, boolean postgres) {
        this.pool = pool;
        this.upsert = postgres
                ? "INSERT INTO saved (url, file, etag, last_modified, fingerprint, copy_of, saved_at) VALUES (?, ?, ?,"
                        + " ?, ?, ?, CURRENT_TIMESTAMP) ON CONFLICT (url) DO UPDATE SET file = EXCLUDED.file, etag ="
                        + " EXCLUDED.etag, last_modified = EXCLUDED.last_modified, fingerprint = EXCLUDED.fingerprint,"
                        + " copy_of = EXCLUDED.copy_of, saved_at = EXCLUDED.saved_at, dhash = NULL, dropped = NULL,"
                        + " width = NULL, height = NULL"
                // a body saved again has its hash and size made again, and is kept until it is judged again
                : "MERGE INTO saved (url, file, etag, last_modified, fingerprint, copy_of, saved_at, dhash, dropped,"
                        + " width, height) KEY (url) VALUES (?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP, NULL, NULL, NULL,"
                        + " NULL)";
        thread = new Thread(this::run, "ledger-writer");
        thread.setDaemon(true);
        thread.start();
    }

    void add(Object entry) throws InterruptedException {
        synchronized (written) {
            queued++;
        }
        queue.put(entry);
    }

    /** Writes one record now, on the calling thread (a shared ledger's: another node may look the link up next). */
    void writeNow(Object entry) throws SQLException {
        try (Connection db = pool.getConnection()) {
            writeOne(db, entry);
        }
    }

    /** Waits until every record added before has been written (or failed to be, which is logged). */
    void flush() throws InterruptedException {
        synchronized (written) {
            long target = queued;
            while (done < target && thread.isAlive()) written.wait(PERIOD_MILLIS);
        }
    }

    /** True when a group could not be written: files on disk lack their records (the next run adopts them). */
    boolean lostAny() {
        return lost || thread.isAlive();
    }

    /** Writes what is waiting and stops. */
    void close() throws InterruptedException {
        flush();
        closing = true;
        thread.interrupt();
        thread.join(5000);
    }

    private void run() {
        List<Object> group = new ArrayList<>(GROUP);
        while (!closing) {
            try {
                Object first = queue.poll(PERIOD_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                group.add(first);
                Thread.sleep(queue.size() >= GROUP ? 0 : PERIOD_MILLIS); // let a group gather
            } catch (InterruptedException e) {
                if (closing) break;
                continue;
            }
            queue.drainTo(group, GROUP - group.size());
            write(group);
            synchronized (written) {
                done += group.size();
                written.notifyAll();
            }
            group.clear();
        }
    }

    private void write(List<Object> group) {
        try (Connection db = pool.getConnection()) {
            db.setAutoCommit(false);
            try {
                writeGroup(db, group);
                db.commit();
                return;
            } catch (SQLException e) {
                db.rollback(); // (a claim another node made meanwhile fails the group: each row on its own then)
            } finally {
                db.setAutoCommit(true);
            }
            for (Object entry : group) writeOne(db, entry);
        } catch (SQLException e) {
            lost = true;
            LOG.error("Could not write {} ledger records (their images are kept; the next run adopts them): {}",
                    group.size(), e.toString());
        }
    }

    private void writeGroup(Connection db, List<Object> group) throws SQLException {
        try (PreparedStatement claim = db.prepareStatement(INSERT_CONTENT);
                PreparedStatement takeOver = db.prepareStatement(TAKE_OVER_CONTENT);
                PreparedStatement saved = db.prepareStatement(upsert);
                PreparedStatement marks = db.prepareStatement(MARK)) {
            for (Object record : group) {
                if (record instanceof Mark mark) {
                    set(marks, mark);
                    marks.addBatch();
                    continue;
                }
                Entry entry = (Entry) record;
                if (entry.claim() == Claim.NEW) add(claim, entry.fingerprint(), entry.url(), entry.file());
                if (entry.claim() == Claim.TAKE_OVER) add(takeOver, entry.url(), entry.file(), entry.fingerprint());
                add(saved, entry.url(), entry.file(), entry.etag(), entry.lastModified(), entry.fingerprint(),
                        entry.copyOf());
            }
            claim.executeBatch();
            takeOver.executeBatch();
            saved.executeBatch();
            // after the rows they are about (a mark comes after its link's entry, in the same group or a later one)
            marks.executeBatch();
        }
    }

    // one record on its own: its bytes' claim may have been taken by another node, its link's row stands anyway
    private void writeOne(Connection db, Object record) throws SQLException {
        if (record instanceof Mark mark) {
            try (PreparedStatement update = db.prepareStatement(MARK)) {
                set(update, mark);
                update.executeUpdate();
            }
            return;
        }
        Entry entry = (Entry) record;
        if (entry.claim() != Claim.NONE) {
            boolean fresh = entry.claim() == Claim.NEW;
            try (PreparedStatement claim = db.prepareStatement(fresh ? INSERT_CONTENT : TAKE_OVER_CONTENT)) {
                if (fresh) set(claim, entry.fingerprint(), entry.url(), entry.file());
                else set(claim, entry.url(), entry.file(), entry.fingerprint());
                claim.executeUpdate();
            } catch (SQLException e) {
                if (!Ledger.DUPLICATE_KEY.equals(e.getSQLState())) throw e;
            }
        }
        try (PreparedStatement saved = db.prepareStatement(upsert)) {
            set(saved, entry.url(), entry.file(), entry.etag(), entry.lastModified(), entry.fingerprint(),
                    entry.copyOf());
            saved.executeUpdate();
        }
    }

    private static void add(PreparedStatement statement, String... values) throws SQLException {
        set(statement, values);
        statement.addBatch();
    }

    private static void set(PreparedStatement statement, Mark mark) throws SQLException {
        if (mark.dhash() == null) statement.setNull(1, Types.BIGINT);
        else statement.setLong(1, mark.dhash());
        // (0: not known, as null)
        if (mark.width() == null || mark.width() == 0) statement.setNull(2, Types.INTEGER);
        else statement.setInt(2, mark.width());
        if (mark.height() == null || mark.height() == 0) statement.setNull(3, Types.INTEGER);
        else statement.setInt(3, mark.height());
        statement.setString(4, mark.dropped());
        statement.setString(5, mark.url());
    }

    private static void set(PreparedStatement statement, String... values) throws SQLException {
        for (int i = 0; i < values.length; i++) statement.setString(i + 1, values[i]);
    }
}
