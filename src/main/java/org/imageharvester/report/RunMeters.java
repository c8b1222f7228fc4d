package org.imageharvester.report;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * With metrics on ({@code camel.metrics.enabled}), the harvest's figures as Prometheus gauges: the current run's counts
 * while one goes (else the last one's), whether one runs, the last run's duration and when the last good one ended.
 */
public final class RunMeters {

    private RunMeters() {
    }

    /** Registers the gauges of the runs the gate lets begin, counted by the tally and reported by the report. */
    public static void register(MeterRegistry registry, RunGate gate, HarvestReport report, RunTally tally) {
        tally.counts().forEach((name, count) -> Gauge.builder("harvest_run_" + name, count, AtomicLong::get)
                .description("this harvest's " + name.replace('_', ' ') + " so far, or the last harvest's")
                .register(registry));
        Gauge.builder("harvest_running", gate, g -> g.isRunning() ? 1 : 0).description("1 while a harvest runs")
                .register(registry);
        Gauge.builder("harvest_last_duration_seconds", report, r -> r.lastRun() == null ? Double.NaN
                : r.lastRun().took().toMillis() / 1000.0).description("how long the last harvest took")
                .register(registry);
        Gauge.builder("harvest_last_success_timestamp_seconds", report, r -> r.lastSuccessAt() == null ? Double.NaN
                : r.lastSuccessAt().toEpochMilli() / 1000.0).description("when the last successful harvest ended")
                .register(registry);
    }
}
