package org.imageharvester.runner;

import org.apache.camel.CamelContext;
import org.apache.camel.main.MainSupport;

import org.imageharvester.report.HarvestSummary;

/** Ends a {@code --once} runner when its harvest is done, remembering the exit code the process returns. */
public final class HarvestExit {

    /** Exit code when the harvest ran to its end, even if some images failed. */
    public static final int HARVESTED = 0;
    /** Exit code when the source itself could not be read. */
    public static final int SOURCE_UNREADABLE = 2;
    /** Exit code when the harvest broke off: the disk could not take images, or the report could not be written. */
    public static final int HARVEST_BROKEN = 3;

    private final MainSupport main;
    private volatile int code = HARVESTED;

    public HarvestExit(MainSupport main) {
        this.main = main;
    }

    /** Records how the run ended and asks the runner to stop once the run's exchange is done. */
    public void exit(HarvestSummary summary) {
        code = !summary.sourceRead() ? SOURCE_UNREADABLE : summary.stopReason() != null ? HARVEST_BROKEN : HARVESTED;
        completeWhenIdle();
    }

    /** Records that the harvest broke off and asks the runner to stop once the run's exchange is done. */
    public void broken() {
        code = HARVEST_BROKEN;
        completeWhenIdle();
    }

    // this is called from the run's own exchange: asked to stop now, Camel would find it in flight and wait a second
    // before it looks again (and say so); a moment later the exchange is done, and the shut-down has nothing to wait
    // for
    private void completeWhenIdle() {
        CamelContext context = main.getCamelContext();
        Thread stopper = new Thread(() -> {
            long deadline = System.nanoTime() + 5_000_000_000L;
            try {
                while (context != null && context.getInflightRepository().size() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            main.completed();
        }, "harvest-exit");
        stopper.setDaemon(true);
        stopper.start();
    }

    /** Records that the runner cannot work (e.g. it found no routes) and asks it to stop. */
    public void startFailed() {
        code = App.START_FAILED;
        main.completed();
    }

    /** The exit code for the process. */
    public int code() {
        return code;
    }
}
