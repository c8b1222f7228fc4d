package org.imageharvester.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class WaitingPoolTest {

    @Test
    void a_submitter_waits_for_room_instead_of_running_the_task_itself() throws Exception {
        ExecutorService pool = WaitingPool.of("testPool", 1, 1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ranOnSubmitter = new AtomicInteger();
        pool.execute(() -> await(release)); // takes the only thread
        pool.execute(() -> { });           // takes the only queue slot
        CountDownLatch submitted = new CountDownLatch(1);
        Thread submitter = new Thread(() -> {
            pool.execute(() -> {
                if (Thread.currentThread().getName().equals("submitter")) ranOnSubmitter.incrementAndGet();
            });
            submitted.countDown();
        }, "submitter");
        submitter.start();

        assertFalse(submitted.await(300, TimeUnit.MILLISECONDS), "the third task must wait: no thread, no room");
        release.countDown();
        assertTrue(submitted.await(5, TimeUnit.SECONDS), "room was made, the submitter goes on");
        pool.shutdown();
        assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
        assertEquals(0, ranOnSubmitter.get(), "the task ran on the pool, not on the submitter's thread");
        assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
