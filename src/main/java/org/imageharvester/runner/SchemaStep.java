package org.imageharvester.runner;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.imageharvester.ledger.Ledger;

/**
 * {@code --create-schema}: the owner's one-off step of a scale-out, which makes the harvester's tables in the database
 * of {@code ledger.url} with the login of {@code ledger.user} (the owner's), so that the nodes' own login needs only
 * to read and write them ({@code ledger.createSchema=false}). Settings come as a runner's do.
 */
final class SchemaStep {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaStep.class);

    private SchemaStep() {
    }

    /** Makes the tables that are missing, and returns the exit code: 0 when they are all there. */
    static int run() {
        try {
            // (a context never started, for its settings alone: application.properties, -D options, the environment)
            CamelContext context = new DefaultCamelContext();
            PropertiesComponent settings = context.getPropertiesComponent();
            settings.setLocation("file:application.properties;optional=true");
            String url = settings.resolveProperty("ledger.url").orElse("");
            if (url.isBlank()) {
                LOG.error("Harvester could not create the schema: --create-schema needs ledger.url, the database the"
                        + " nodes share");
                return App.START_FAILED;
            }
            String user = settings.resolveProperty("ledger.user").orElse("");
            Ledger ledger = new Ledger();
            ledger.setUrl(url);
            ledger.setUser(user);
            ledger.setPassword(settings.resolveProperty("ledger.password").orElse(""));
            ledger.setPoolSize(1);
            ledger.setCreateSchema(true);
            ledger.open();
            ledger.close();
            LOG.info("Schema ready in the database of ledger.url, its tables owned by {}: the ledger's, the done jobs'"
                    + " and Quartz's. The nodes' login needs SELECT, INSERT, UPDATE and DELETE on them", user);
            return HarvestExit.HARVESTED;
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            LOG.error("Harvester could not create the schema: {}",
                    root.getMessage() == null ? root : root.getMessage());
            return App.START_FAILED;
        }
    }
}
