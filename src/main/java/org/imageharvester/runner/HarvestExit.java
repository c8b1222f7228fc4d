package org.imageharvester.runner;

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

    /** Records how the run ended and asks the runner to stop; in-flight work finishes first. */
    public void exit(HarvestSummary summary) {
        code = !summary.sourceRead() ? SOURCE_UNREADABLE : summary.stopReason() != null ? HARVEST_BROKEN : HARVESTED;
        main.completed();
    }

    /** Records that the harvest broke off and asks the runner to stop. */
    public void broken() {
        code = HARVEST_BROKEN;
        main.completed();
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
