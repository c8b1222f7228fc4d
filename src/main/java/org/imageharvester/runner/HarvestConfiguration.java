package org.imageharvester.runner;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.PropertiesComponent;

import org.imageharvester.ledger.Ledger;
import org.imageharvester.report.HarvestReport;
import org.imageharvester.report.RunGate;
import org.imageharvester.report.RunMeters;
import org.imageharvester.report.RunTally;

/**
 * Binds the beans that hold the runs' state (the gate, the tally, the report, the ledger), once, before the route files
 * load ({@link StateBinding}): the route files hand them to their beans with {@code #bean:name}.
 */
public final class HarvestConfiguration implements CamelConfiguration {

    private final RunGate gate = new RunGate();
    private final RunTally tally = new RunTally();
    private final HarvestReport report = new HarvestReport(gate, tally);

    /** The run's gate: one run at a time, none while edited routes are applied, and why a run stopped early. */
    @BindToRegistry("runGate")
    public RunGate runGate() {
        return gate;
    }

    /** The running harvest's counts; with thumbnails made, a run waits for a thumbnail of every saved image. */
    @BindToRegistry("runTally")
    public RunTally runTally(@PropertyInject("thumbnail.enabled") boolean thumbnailsWanted) {
        tally.setThumbnailsWanted(thumbnailsWanted);
        return tally;
    }

    /** The run's report: its JSON file, its problem log and contact sheet, and the last run's summary. */
    @BindToRegistry("harvestReport")
    public HarvestReport harvestReport(@PropertyInject("report.dir") String dir,
            @PropertyInject("thumbnail.dir") String thumbnailDir, @PropertyInject("download.dir") String imageDir,
            @PropertyInject("thumbnail.enabled") boolean contactSheet) {
        report.setDir(dir);
        report.setThumbnailDir(thumbnailDir);
        report.setImageDir(imageDir);
        report.setContactSheet(contactSheet);
        return report;
    }

    /** Every image saved, across runs and restarts: what a run asks for again only if it changed. */
    @BindToRegistry(value = "ledger", initMethod = "open", destroyMethod = "close")
    public Ledger ledger(@PropertyInject("ledger.file") String file, @PropertyInject("ledger.url") String url,
            @PropertyInject("ledger.user") String user, @PropertyInject("ledger.password") String password,
            @PropertyInject("ledger.createSchema") boolean createSchema,
            @PropertyInject("ledger.poolSize") int poolSize, @PropertyInject("download.dir") String downloadDir) {
        Ledger ledger = new Ledger();
        ledger.setFile(file);
        ledger.setUrl(url);
        ledger.setUser(user);
        ledger.setPassword(password);
        ledger.setCreateSchema(createSchema);
        ledger.setPoolSize(poolSize);
        ledger.setDownloadDir(downloadDir);
        return ledger;
    }

    /**
     * The registry of Camel's metrics ({@code camel.metrics.enabled}, which takes the bean of this name), with the
     * harvest's own gauges on it.
     */
    @BindToRegistry("metricsRegistry")
    public PrometheusMeterRegistry metricsRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RunMeters.register(registry, gate, report, tally);
        return registry;
    }

    /** The settings (application.properties and their overrides), which the sources read their keys from. */
    @BindToRegistry("settings")
    public PropertiesComponent settings(CamelContext context) {
        return context.getPropertiesComponent();
    }
}
