package org.imageharvester.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The schema: makes the ledger's tables when they are missing, and brings a ledger of an earlier version up to date;
 * in a database the nodes of a scale-out share, also the workers' done jobs and Quartz's clustered schedule. A node
 * whose login may only read and write them ({@code ledger.createSchema=false}) checks that they are there instead.
 */
final class LedgerTables {

    // every table a node reads and writes, whichever its role (Quartz's made with the rest: clustering needs no DDL)
    private static final List<String> SHARED = List.of("saved", "content", "CAMEL_MESSAGEPROCESSED",
            "qrtz_job_details", "qrtz_triggers", "qrtz_simple_triggers", "qrtz_cron_triggers", "qrtz_simprop_triggers",
            "qrtz_blob_triggers", "qrtz_calendars", "qrtz_paused_trigger_grps", "qrtz_fired_triggers",
            "qrtz_scheduler_state", "qrtz_locks");
    private static final String HOW = ", once, with the database owner's login (java -Dledger.user=<owner> -jar"
            + " image-harvester.jar --create-schema; docs/reference.md: Scale out, step by step), then grant"
            + " ledger.user SELECT, INSERT, UPDATE, DELETE on its tables";

    private LedgerTables() {
    }

    static void create(DataSource pool, boolean shared, boolean postgres) throws SQLException, IOException {
        try (Connection db = pool.getConnection(); Statement sql = db.createStatement()) {
            if (olderVersion(db)) { // a ledger that indexed content by SHA-256: its index starts again, empty
                sql.execute("DROP TABLE content");
                sql.execute("ALTER TABLE saved DROP COLUMN sha256");
                sql.execute("ALTER TABLE saved ADD COLUMN fingerprint VARCHAR");
            }
        }
        // nodes of a scale-out starting together on a new shared database create the tables at once: one wins, the
        // others find them made on a second try
        for (int attempt = 1; ; attempt++) {
            try (Connection db = pool.getConnection(); Statement sql = db.createStatement()) {
                boolean copiesUnnamed = readable(db, "saved") && !readable(db, "saved", "copy_of");
                sql.execute("CREATE TABLE IF NOT EXISTS saved (url VARCHAR PRIMARY KEY, file VARCHAR NOT NULL,"
                        + " etag VARCHAR, last_modified VARCHAR, saved_at TIMESTAMP NOT NULL, fingerprint VARCHAR,"
                        + " dhash BIGINT, dropped VARCHAR, copy_of VARCHAR, width INTEGER, height INTEGER)");
                // a ledger of a version before near-duplicates: the image's perceptual hash, and why its file was
                // removed (null: kept); its images have no hash, so only the images saved from now on are compared
                sql.execute("ALTER TABLE saved ADD COLUMN IF NOT EXISTS dhash BIGINT");
                sql.execute("ALTER TABLE saved ADD COLUMN IF NOT EXISTS dropped VARCHAR");
                // a ledger of a version before copies named their owner: each copy's record (another link's file, the
                // same bytes) now names that link
                sql.execute("ALTER TABLE saved ADD COLUMN IF NOT EXISTS copy_of VARCHAR");
                // a ledger of a version before the larger of two near-duplicates was kept: each image's size in pixels,
                // from its decode (an image saved before has none: its header is read when a near one is judged)
                sql.execute("ALTER TABLE saved ADD COLUMN IF NOT EXISTS width INTEGER");
                sql.execute("ALTER TABLE saved ADD COLUMN IF NOT EXISTS height INTEGER");
                if (copiesUnnamed) sql.execute("UPDATE saved SET copy_of = (SELECT c.url FROM content c WHERE"
                        + " c.fingerprint = saved.fingerprint AND c.file = saved.file AND c.url <> saved.url)");
                // a near-duplicate's earlier image is found by its hash
                sql.execute("CREATE INDEX IF NOT EXISTS saved_dhash ON saved (dhash)");
                sql.execute("CREATE TABLE IF NOT EXISTS content (fingerprint VARCHAR PRIMARY KEY, url VARCHAR NOT NULL,"
                        + " file VARCHAR NOT NULL)");
                // the workers' done jobs (camel-sql's JDBC idempotent repository, its own table definition), made here
                // so that workers starting together do not race to make it
                sql.execute("CREATE TABLE IF NOT EXISTS CAMEL_MESSAGEPROCESSED (processorName VARCHAR(255),"
                        + " messageId VARCHAR(100), createdAt TIMESTAMP, PRIMARY KEY (processorName, messageId))");
                if (shared && !readable(db, "qrtz_locks")) createQuartzTables(sql, postgres);
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

    /** Stops start-up, in one line saying how to make them, unless every shared table is there and readable. */
    static void check(DataSource pool) throws SQLException {
        try (Connection db = pool.getConnection()) {
            // (a ledger without the columns of near-duplicates is of an earlier version too)
            String columns = "dhash, dropped, copy_of, width, height";
            if (olderVersion(db) || readable(db, "saved") && !readable(db, "saved", columns)) {
                throw new IllegalStateException("the shared database holds the ledger of an earlier version, which"
                        + " ledger.createSchema=false leaves as it is: bring it up to date" + HOW);
            }
            for (String table : SHARED) {
                try (Statement sql = db.createStatement()) {
                    sql.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
                } catch (SQLException e) {
                    String why = e.getMessage().lines().findFirst().orElse("").replaceFirst("; SQL statement:.*", "");
                    throw new IllegalStateException("the shared database has no table " + table + " that ledger.user"
                            + " may read (" + why + "): create the harvester's schema first" + HOW);
                }
            }
        }
    }

    private static boolean olderVersion(Connection db) throws SQLException {
        try (ResultSet old = db.getMetaData().getColumns(null, null, "CONTENT", "SHA256")) {
            return old.next();
        }
    }

    private static boolean readable(Connection db, String table) {
        return readable(db, table, "1");
    }

    private static boolean readable(Connection db, String table, String columns) {
        try (Statement sql = db.createStatement()) {
            sql.executeQuery("SELECT " + columns + " FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    // Quartz's own script for the database (H2's as H2 2 takes it: BLOB for IMAGE; PostgreSQL's without its DROPs)
    private static void createQuartzTables(Statement sql, boolean postgres) throws SQLException, IOException {
        String script;
        String name = postgres ? "tables_postgres.sql" : "tables_h2.sql";
        try (InputStream in = LedgerTables.class.getClassLoader()
                .getResourceAsStream("org/quartz/impl/jdbcjobstore/" + name)) {
            if (in == null) throw new IOException("Quartz's " + name + " is not on the class path");
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        script = script.replaceAll("(?m)^\\s*--.*$", "").replaceAll("(?im)^\\s*(drop table|commit)\\b[^;]*;", "")
                .replaceAll("\\bIMAGE\\b", "BLOB");
        for (String statement : script.split(";")) {
            if (!statement.isBlank()) sql.execute(statement);
        }
    }
}
