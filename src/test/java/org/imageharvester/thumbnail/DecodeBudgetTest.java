package org.imageharvester.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

/** The one budget all thumbnail threads decode within. */
class DecodeBudgetTest {

    @Test
    void a_decode_waits_until_the_bytes_another_holds_are_given_back() throws Exception {
        DecodeBudget budget = new DecodeBudget(10 << 20);
        DecodeBudget.Lease first = budget.acquire(1000, 1000, 4); // 8 MB of 10

        CompletableFuture<DecodeBudget.Lease> second = CompletableFuture.supplyAsync(() -> {
            try {
                return budget.acquire(1000, 1000, 4);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThrows(TimeoutException.class, () -> second.get(300, TimeUnit.MILLISECONDS), "waits while 8 MB are held");
        first.close();
        second.get(10, TimeUnit.SECONDS).close();
    }

    @Test
    void refuses_at_once_what_alone_needs_more_than_the_whole_budget() {
        DecodeBudget budget = new DecodeBudget(64L << 20);

        IOException refused = assertThrows(IOException.class, () -> budget.acquire(50_000, 50_000, 4));

        assertEquals("refused: the image needs 19074 MB to decode, over thumbnail.decodeMemory (64 MB), at"
                + " 50000x50000 pixels (the scale its thumbnail needs); it was not decoded", refused.getMessage());
    }

    @Test
    void gives_back_every_byte_it_took() throws Exception {
        DecodeBudget budget = new DecodeBudget(3 << 20);
        for (int i = 0; i < 100; i++) budget.acquire(700, 500, 4).close();

        // all 3 MB, free only if every lease gave its bytes back
        DecodeBudget.Lease whole = budget.acquire(1024, 384, 4);
        CompletableFuture<Void> more = CompletableFuture.runAsync(() -> {
            try {
                budget.acquire(1, 1, 4).close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThrows(TimeoutException.class, () -> more.get(200, TimeUnit.MILLISECONDS), "nothing is left over");
        whole.close();
        more.get(10, TimeUnit.SECONDS);
    }
}
