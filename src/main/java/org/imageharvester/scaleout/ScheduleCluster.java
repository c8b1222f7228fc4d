package org.imageharvester.scaleout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.imageharvester.ledger.Ledger;

/**
 * With {@code harvest.clustered}: the schedulers keep the cron in Quartz's clustered JDBC job store, in the database
 * they share (the ledger's, {@code ledger.url}, on its connections), so each harvest fires on exactly one of them,
 * and on another when that one is gone. Creates Quartz's tables there the first time.
 */
public final class ScheduleCluster implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleCluster.class);

    private boolean enabled;
    private Ledger ledger;
    private long checkInterval = 5000;
    private CamelContext camelContext;

    /** Sets {@code harvest.clustered}. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** The ledger, whose database (ledger.url) the schedulers share. */
    public void setLedger(Ledger ledger) {
        this.ledger = ledger;
    }

    /** How often, in ms, a scheduler tells the others it is alive; one silent for longer is taken over. */
    public void setCheckInterval(long checkInterval) {
        this.checkInterval = checkInterval;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
        if (!enabled) return;
        if (!ledger.isShared()) {
            throw new IllegalStateException("harvest.clustered needs ledger.url, the database the schedulers share");
        }
        DataSource db = Ledger.dataSourceOf(ledger);
        try {
            createTables(db, ledger.isPostgres());
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot create the cluster's schedule tables in the ledger's database: " + e, e);
        }
        DBConnectionManager.getInstance().addConnectionProvider("harvest", new QuartzConnections(db));
        Map<String, String> quartz = new HashMap<>();
        quartz.put("org.quartz.scheduler.instanceName", "image-harvester");
        quartz.put("org.quartz.scheduler.instanceId", "AUTO");
        quartz.put("org.quartz.threadPool.threadCount", "2");
        quartz.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        quartz.put("org.quartz.jobStore.driverDelegateClass", ledger.isPostgres()
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        quartz.put("org.quartz.jobStore.dataSource", "harvest");
        quartz.put("org.quartz.jobStore.isClustered", "true");
        quartz.put("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(checkInterval));
        camelContext.getComponent("quartz", QuartzComponent.class).setProperties(quartz);
        LOG.info("Schedule shared with the other schedulers through the ledger's database: each harvest fires on one of them");
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    // Quartz's own script for the database (H2's as H2 2 takes it: BLOB for IMAGE; PostgreSQL's without its DROPs), once
    private static void createTables(DataSource pool, boolean postgres) throws SQLException, IOException {
        try (Connection db = pool.getConnection(); Statement sql = db.createStatement()) {
            try (ResultSet tables = db.getMetaData().getTables(null, null, postgres ? "qrtz_locks" : "QRTZ_LOCKS", null)) {
                if (tables.next()) return;
            }
            String script;
            String name = postgres ? "tables_postgres.sql" : "tables_h2.sql";
            try (InputStream in = QuartzComponent.class.getClassLoader()
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
}
