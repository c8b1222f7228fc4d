package org.imageharvester.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.apache.camel.Message;
import org.apache.camel.component.file.FileConstants;
import org.h2.jdbcx.JdbcConnectionPool;

import org.imageharvester.download.BoundedBody;
import org.imageharvester.download.Fingerprint;
import org.imageharvester.download.ImageFileNamer;

/**
 * Remembers, across runs and restarts, every image saved: its URL, file, validators (ETag, Last-Modified) and the
 * {@link Fingerprint} of its bytes. A nightly re-run asks only about what it saved before (a conditional GET) and
 * stores identical bytes from another URL once (same fingerprint, then the same bytes, compared). Kept in an H2 database file that only grows: nothing is ever forgotten.
 * A URL is recorded only once its file is in place, so a failed or interrupted download is tried again next run.
 */
public final class Ledger {

    private static final ImageFileNamer NAMER = new ImageFileNamer();
    // SQLSTATE of a unique key already taken, in H2 and PostgreSQL alike
    private static final String DUPLICATE_KEY = "23505";

    private String file = "state/ledger";
    private Path downloadDir = Path.of("images");
    private String url;
    private String user = "harvester";
    private String password = "";
    private JdbcConnectionPool pool;

    /** Sets {@code ledger.file}: the database file, without H2's {@code .mv.db} ending. */
    public void setFile(String file) {
        this.file = file;
    }

    /**
     * Sets {@code ledger.url}: a JDBC URL of the database several runners share (scale out), PostgreSQL
     * ({@code jdbc:postgresql://db-host:5432/harvest}) or an H2 server ({@code jdbc:h2:tcp://db-host:9092/harvest});
     * empty means the local {@code ledger.file}.
     */
    public void setUrl(String url) {
        this.url = url;
    }

    /** Sets {@code ledger.user}: the shared database's user. */
    public void setUser(String user) {
        this.user = user;
    }

    /** Sets {@code ledger.password}: the shared database's password. */
    public void setPassword(String password) {
        this.password = password;
    }

    /** True when the ledger is in a database several runners share ({@code ledger.url}). */
    public boolean isShared() {
        return url != null && !url.isBlank();
    }

    /** True when that database is PostgreSQL. */
    public boolean isPostgres() {
        return SharedDatabase.isPostgres(url);
    }

    /** The ledger's connections, for what else keeps state next to it (the workers' done-jobs repository). */
    public static DataSource dataSourceOf(Ledger ledger) {
        return ledger.pool;
    }

    /** Sets {@code download.dir}, where images saved before are looked for. */
    public void setDownloadDir(String downloadDir) {
        this.downloadDir = Path.of(downloadDir);
    }

    /** Opens (or creates) the ledger; the runner does this at start-up. */
    public void open() throws SQLException {
        // records reach the file within WRITE_DELAY ms, written together: a store per record (WRITE_DELAY=0) held
        // every download behind one lock and capped a harvest near 250 images/s. A kill -9 loses at most the last
        // 100 ms of records; their images are on disk, and lookup adopts them on the next run without a request.
        String jdbc = !isShared()
                ? "jdbc:h2:file:" + Path.of(file).toAbsolutePath() + ";WRITE_DELAY=100" : url;
        pool = SharedDatabase.pool(jdbc, user, password);
        try (Connection db = pool.getConnection(); Statement sql = db.createStatement()) {
            try (ResultSet old = db.getMetaData().getColumns(null, null, "CONTENT", "SHA256")) {
                if (old.next()) { // a ledger that indexed content by SHA-256: its index starts again, empty
                    sql.execute("DROP TABLE content");
                    sql.execute("ALTER TABLE saved DROP COLUMN sha256");
                    sql.execute("ALTER TABLE saved ADD COLUMN fingerprint VARCHAR");
                }
            }
        }
        // nodes of a scale-out starting together on a new shared database create the tables at once: one wins, the
        // others find them made on a second try
        for (int attempt = 1; ; attempt++) {
            try (Connection db = pool.getConnection(); Statement sql = db.createStatement()) {
                sql.execute("CREATE TABLE IF NOT EXISTS saved (url VARCHAR PRIMARY KEY, file VARCHAR NOT NULL,"
                        + " etag VARCHAR, last_modified VARCHAR, saved_at TIMESTAMP NOT NULL, fingerprint VARCHAR)");
                sql.execute("CREATE TABLE IF NOT EXISTS content (fingerprint VARCHAR PRIMARY KEY, url VARCHAR NOT NULL,"
                        + " file VARCHAR NOT NULL)");
                // the workers' done jobs (camel-sql's JDBC idempotent repository, its own table definition), made here
                // so that workers starting together do not race to make it
                sql.execute("CREATE TABLE IF NOT EXISTS CAMEL_MESSAGEPROCESSED (processorName VARCHAR(255),"
                        + " messageId VARCHAR(100), createdAt TIMESTAMP, PRIMARY KEY (processorName, messageId))");
                return;
            } catch (SQLException e) {
                if (attempt == 5) throw e;
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Closes the ledger; the runner does this when it stops. */
    public void close() {
        if (pool != null) pool.dispose();
    }

    /**
     * The link's earlier save, when its file is still there, else null. A file of the link's own name that the ledger
     * does not know (the runner was killed between saving and recording it) is recorded now, without validators: it is
     * kept and not fetched again.
     */
    public Known lookup(String url) throws SQLException, IOException {
        try (Connection db = pool.getConnection();
                PreparedStatement find = db.prepareStatement("SELECT file, etag, last_modified FROM saved WHERE url = ?")) {
            find.setString(1, url);
            try (ResultSet saved = find.executeQuery()) {
                if (!saved.next()) return adopt(url);
                if (!Files.isRegularFile(Path.of(saved.getString(1)), LinkOption.NOFOLLOW_LINKS)) return null;
                return new Known(saved.getString(1), saved.getString(2), saved.getString(3));
            }
        }
    }

    /** Asks for a link saved before only if it changed since (If-None-Match, If-Modified-Since). */
    public void askIfChanged(Known known, Message request) {
        if (known == null) return;
        if (known.etag() != null) request.setHeader("If-None-Match", known.etag());
        if (known.lastModified() != null) request.setHeader("If-Modified-Since", known.lastModified());
    }

    // a stat per possible name: cheap, and only for links the ledger has never seen
    private Known adopt(String url) throws SQLException, IOException {
        for (String name : NAMER.possibleNames(url)) {
            Path saved = downloadDir.resolve(name);
            if (Files.isRegularFile(saved, LinkOption.NOFOLLOW_LINKS)) { // a link planted there is never adopted
                record(url, saved.toString(), null, null, null);
                return new Known(saved.toString(), null, null);
            }
        }
        return null;
    }

    /**
     * Records the image just saved (the file endpoint's {@code CamelFileNameProduced}, and the response's ETag and
     * Last-Modified, quotes kept). When the same bytes were saved before from another URL, and that file is still
     * there, this copy is deleted and that URL is returned; otherwise null.
     */
    public String record(String url, Message saved) throws IOException, SQLException {
        // the body the file endpoint just wrote fingerprinted the bytes on their way to disk
        String fingerprint = saved.getBody() instanceof BoundedBody body ? body.fingerprint() : null;
        return record(url, saved.getHeader(FileConstants.FILE_NAME_PRODUCED, String.class), fingerprint,
                saved.getHeader("ETag", String.class), saved.getHeader("Last-Modified", String.class));
    }

    String record(String url, String savedFile, String known, String etag, String lastModified)
            throws IOException, SQLException {
        String fingerprint = known != null ? known : Fingerprint.of(Path.of(savedFile));
        try (Connection db = pool.getConnection()) {
            Owner owner = claim(db, fingerprint, url, savedFile);
            if (!owner.file().equals(savedFile)) Files.deleteIfExists(Path.of(savedFile));
            // (an update, else an insert: the same in H2 and PostgreSQL)
            if (update(db, "UPDATE saved SET file = ?, etag = ?, last_modified = ?, fingerprint = ?,"
                    + " saved_at = CURRENT_TIMESTAMP WHERE url = ?", owner.file(), etag, lastModified, fingerprint, url) == 0) {
                try {
                    update(db, "INSERT INTO saved (url, file, etag, last_modified, fingerprint, saved_at)"
                            + " VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP)", url, owner.file(), etag, lastModified, fingerprint);
                } catch (SQLException e) {
                    if (!DUPLICATE_KEY.equals(e.getSQLState())) throw e;
                    // another node recorded it in between: its record stands
                }
            }
            return owner.url().equals(url) ? null : owner.url();
        }
    }

    /** The URL whose file holds a set of bytes. */
    private record Owner(String url, String file) {
    }

    // the first URL to claim a fingerprint owns it (an insert is atomic, so two threads cannot both win) and is the
    // file a copy is deleted for, once the bytes compare equal; if that file has gone since, this one takes over
    private static Owner claim(Connection db, String fingerprint, String url, String savedFile)
            throws SQLException, IOException {
        try {
            update(db, "INSERT INTO content (fingerprint, url, file) VALUES (?, ?, ?)", fingerprint, url, savedFile);
            return new Owner(url, savedFile);
        } catch (SQLException taken) {
            if (!DUPLICATE_KEY.equals(taken.getSQLState())) throw taken;
            Owner owner = owner(db, fingerprint);
            Path first = Path.of(owner.file());
            if (Files.isRegularFile(first, LinkOption.NOFOLLOW_LINKS)) {
                if (owner.file().equals(savedFile) || Files.mismatch(first, Path.of(savedFile)) == -1L) return owner;
                return new Owner(url, savedFile); // same fingerprint, other bytes: both kept, the first keeps the entry
            }
            update(db, "UPDATE content SET url = ?, file = ? WHERE fingerprint = ?", url, savedFile, fingerprint);
            return new Owner(url, savedFile);
        }
    }

    private static Owner owner(Connection db, String fingerprint) throws SQLException {
        try (PreparedStatement find = db.prepareStatement("SELECT url, file FROM content WHERE fingerprint = ?")) {
            find.setString(1, fingerprint);
            try (ResultSet row = find.executeQuery()) {
                row.next();
                return new Owner(row.getString(1), row.getString(2));
            }
        }
    }

    private static int update(Connection db, String sql, String... values) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) statement.setString(i + 1, values[i]);
            return statement.executeUpdate();
        }
    }
}
