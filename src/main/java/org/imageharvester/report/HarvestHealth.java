package org.imageharvester.report;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Health check {@code harvester/last-harvest}: DOWN when the last harvest failed (its listing could not be read, or
 * it stopped because the disk could not take images), UP otherwise. Single images that failed do not make it DOWN;
 * they are in the report and the metrics.
 */
public final class HarvestHealth extends AbstractHealthCheck {

    private HarvestReport report;

    public HarvestHealth() {
        super("harvester", "last-harvest");
    }

    /** The report whose last run is checked. */
    public void setReport(HarvestReport report) {
        this.report = report;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        HarvestSummary last = report == null ? null : report.lastRun();
        if (last == null) {
            builder.up().message("no harvest has finished yet");
            return;
        }
        builder.detail("run", last.runId());
        builder.message(last.toString());
        if (last.failedAsAWhole()) builder.down();
        else builder.up();
    }
}
