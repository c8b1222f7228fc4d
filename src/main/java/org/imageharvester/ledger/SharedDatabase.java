package org.imageharvester.ledger;

import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * Opens a pool of connections to the database of a JDBC URL: an H2 database (a file, or an H2 server the nodes share)
 * or PostgreSQL ({@code jdbc:postgresql://host:5432/db}), the database a production scale-out shares.
 */
final class SharedDatabase {

    private SharedDatabase() {
    }

    static JdbcConnectionPool pool(String url, String user, String password) {
        if (url.startsWith("jdbc:postgresql:")) {
            PGConnectionPoolDataSource postgres = new PGConnectionPoolDataSource();
            postgres.setURL(url);
            postgres.setUser(user);
            postgres.setPassword(password);
            return JdbcConnectionPool.create(postgres);
        }
        return JdbcConnectionPool.create(url, user, password);
    }

    static boolean isPostgres(String url) {
        return url != null && url.startsWith("jdbc:postgresql:");
    }
}
