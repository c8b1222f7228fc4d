package org.imageharvester.runner;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * Builds the named Camel thread pool profile the downloads run on ({@code downloadPool}): a fixed number of threads, a
 * bounded queue, and a caller (the thread reading the listing) that runs the work itself when the queue is full, so a
 * long listing slows down instead of piling up in memory or being dropped. The thumbnails' pool is a
 * {@link WaitingPool}.
 */
public final class PoolProfile extends ThreadPoolProfile implements CamelContextAware {

    private transient CamelContext camelContext;

    private PoolProfile(String id) {
        super(id);
    }

    /**
     * A profile for the route YAML's {@code beans:}.
     *
     * @param size threads; 0 or less means one per processor core
     * @param queueSize tasks that may wait for a thread
     */
    public static ThreadPoolProfile of(String id, int size, int queueSize) {
        int threads = size > 0 ? size : Runtime.getRuntime().availableProcessors();
        PoolProfile profile = new PoolProfile(id);
        profile.setPoolSize(threads);
        profile.setMaxPoolSize(threads);
        profile.setMaxQueueSize(Math.max(1, queueSize));
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns);
        profile.setAllowCoreThreadTimeOut(true);
        profile.setKeepAliveTime(60L);
        return profile;
    }

    /**
     * Registers the profile with Camel as its bean is bound. Camel main registers the profiles it finds only at start;
     * this way a profile whose route file was edited and reloaded replaces the old one before the routes that use it
     * are made again.
     */
    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
        camelContext.getExecutorServiceManager().registerThreadPoolProfile(this);
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
