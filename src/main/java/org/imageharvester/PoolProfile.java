package org.imageharvester;

import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * Builds the named Camel thread pool profile the downloads run on ({@code downloadPool}): a fixed number of threads, a
 * bounded queue, and a caller (the thread reading the listing) that runs the work itself when the queue is full, so a
 * long listing slows down instead of piling up in memory or being dropped. The thumbnails' pool is a
 * {@link WaitingPool}.
 */
public final class PoolProfile {

    private PoolProfile() {
    }

    /**
     * A profile for the route YAML's {@code beans:}.
     *
     * @param size threads; 0 or less means one per processor core
     * @param queueSize tasks that may wait for a thread
     */
    public static ThreadPoolProfile of(String id, int size, int queueSize) {
        int threads = size > 0 ? size : Runtime.getRuntime().availableProcessors();
        ThreadPoolProfile profile = new ThreadPoolProfile(id);
        profile.setPoolSize(threads);
        profile.setMaxPoolSize(threads);
        profile.setMaxQueueSize(Math.max(1, queueSize));
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns);
        profile.setAllowCoreThreadTimeOut(true);
        profile.setKeepAliveTime(60L);
        return profile;
    }
}
