package org.imageharvester.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/** Makes the ledger's tables when they are missing, and brings a ledger of an earlier version up to date. */
final class LedgerTables {

    private LedgerTables() {
    }

    static void create(DataSource pool) throws SQLException {
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
}
