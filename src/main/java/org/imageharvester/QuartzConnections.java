package org.imageharvester;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.jdbcx.JdbcConnectionPool;
import org.quartz.utils.ConnectionProvider;

/** Quartz's connections to the database the schedulers share (ledger.url), for its clustered job store. */
public final class QuartzConnections implements ConnectionProvider {

    private String url;
    private String user = "harvester";
    private String password = "";
    private JdbcConnectionPool pool;

    /** Set by Quartz from {@code org.quartz.dataSource.harvest.url}. */
    public void setUrl(String url) {
        this.url = url;
    }

    /** Set by Quartz from {@code org.quartz.dataSource.harvest.user}. */
    public void setUser(String user) {
        this.user = user;
    }

    /** Set by Quartz from {@code org.quartz.dataSource.harvest.password}. */
    public void setPassword(String password) {
        this.password = password;
    }

    @Override
    public void initialize() {
        pool = SharedDatabase.pool(url, user, password);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void shutdown() {
        if (pool != null) pool.dispose();
    }
}
