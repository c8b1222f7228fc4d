package org.imageharvester.scaleout;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

import org.quartz.utils.ConnectionProvider;

/** Quartz's clustered job store on the ledger's connections: the database the schedulers share. */
final class QuartzConnections implements ConnectionProvider {

    private final DataSource ledger;

    QuartzConnections(DataSource ledger) {
        this.ledger = ledger;
    }

    @Override
    public void initialize() {
    }

    @Override
    public Connection getConnection() throws SQLException {
        return ledger.getConnection();
    }

    /** The ledger closes its connections itself. */
    @Override
    public void shutdown() {
    }
}
