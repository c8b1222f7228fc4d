package org.imageharvester.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Opens the pool of connections to the database of a JDBC URL: an H2 database (a file, or an H2 server the nodes
 * share) or PostgreSQL ({@code jdbc:postgresql://host:5432/db}), the database a production scale-out shares. One
 * HikariCP pool of at most {@code ledger.poolSize} connections, each validated before it is handed out (a database
 * that restarted costs a reconnect, not a failed link); the ledger, the workers' done-jobs store and Quartz's
 * clustered schedule all take their connections from it.
 */
final class SharedDatabase {

    private SharedDatabase() {
    }

    static HikariDataSource pool(String url, String user, String password, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("ledger");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        // a free connection waited for at most this long (every user holds one for a statement or a few)
        config.setConnectionTimeout(30_000);
        return new HikariDataSource(config);
    }

    static boolean isPostgres(String url) {
        return url != null && url.startsWith("jdbc:postgresql:");
    }
}
