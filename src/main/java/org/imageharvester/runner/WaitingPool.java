package org.imageharvester.runner;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed pool whose bounded queue makes a submitter wait for room: the back-pressure between two stages. When
 * thumbnails fall behind, download threads wait for the thumbnail queue instead of making thumbnails themselves
 * (CallerRuns), which would let up to download.concurrency decodes run at once, each holding an image in memory.
 * Camel routes use it by name ({@code threads: executorService: thumbnailPool}) like a thread pool profile.
 */
public final class WaitingPool {

    private WaitingPool() {
    }

    /**
     * An executor for the route YAML's {@code beans:}; its {@code destroyMethod} is {@code shutdown}.
     *
     * @param size threads; 0 or less means one per processor core
     * @param queueSize tasks that may wait for a thread before a submitter waits too
     */
    public static ExecutorService of(String name, int size, int queueSize) {
        int threads = size > 0 ? size : Runtime.getRuntime().availableProcessors();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "Camel " + name + " #" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, queueSize)), factory, (task, executor) -> {
                    try {
                        if (executor.isShutdown()) throw new RejectedExecutionException(name + " is shut down");
                        executor.getQueue().put(task);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new RejectedExecutionException("interrupted while waiting for room in " + name, e);
                    }
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
