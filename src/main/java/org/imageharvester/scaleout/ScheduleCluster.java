package org.imageharvester.scaleout;

import java.util.HashMap;
import java.util.Map;

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
 * and on another when that one is gone. Quartz's tables are part of the ledger's schema, made or checked when it opens.
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
        DBConnectionManager.getInstance().addConnectionProvider("harvest",
                new QuartzConnections(Ledger.dataSourceOf(ledger)));
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
        LOG.info("Schedule shared with the other schedulers through the ledger's database: each harvest fires on one "
                + "of them");
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
