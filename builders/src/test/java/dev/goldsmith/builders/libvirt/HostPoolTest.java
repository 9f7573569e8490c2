package dev.goldsmith.builders.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

class HostPoolTest {

    private final LibvirtHost small = new LibvirtHost("small", "test:///default", 1);
    private final LibvirtHost large = new LibvirtHost("large", "test:///default", 2);

    /** Waits, without sleeping, until {@code n} callers are queued. */
    private static void untilQueued(HostPool pool, int n) {
        while (pool.queued() < n) {
            Thread.onSpinWait();
        }
    }

    @Test
    void picksTheHostWithTheMostFreeSlots() throws Exception {
        HostPool pool = new HostPool(List.of(small, large));

        HostPool.Lease first = pool.acquire();
        HostPool.Lease second = pool.acquire();
        HostPool.Lease third = pool.acquire();

        assertEquals("large", first.host().name());
        assertEquals("small", second.host().name(), "a tie goes to the host configured first");
        assertEquals("large", third.host().name());
        assertEquals(0, pool.freeSlots());
    }

    @Test
    void queuesCallersFirstComeFirstServedWhenAllSlotsAreBusy() throws Exception {
        HostPool pool = new HostPool(List.of(small));
        HostPool.Lease held = pool.acquire();
        BlockingQueue<String> order = new LinkedBlockingQueue<>();
        ExecutorService callers = Executors.newFixedThreadPool(2);
        Future<HostPool.Lease> b = callers.submit(() -> take(pool, "b", order));
        untilQueued(pool, 1);
        Future<HostPool.Lease> c = callers.submit(() -> take(pool, "c", order));
        untilQueued(pool, 2);

        held.close();
        b.get().close();
        c.get().close();
        callers.shutdown();

        assertEquals(List.of("b", "c"), List.copyOf(order));
        assertEquals(1, pool.freeSlots());
    }

    @Test
    void interruptedCallerLeavesTheQueueHoldingNothing() throws Exception {
        HostPool pool = new HostPool(List.of(small));
        HostPool.Lease held = pool.acquire();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                pool.acquire();
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        waiter.start();
        untilQueued(pool, 1);

        waiter.interrupt();

        assertTrue(outcome.get() instanceof InterruptedException, String.valueOf(outcome.get()));
        assertEquals(0, pool.queued());
        held.close();
        assertEquals(1, pool.freeSlots());
    }

    @Test
    void closingALeaseTwiceReleasesOneSlot() throws Exception {
        HostPool pool = new HostPool(List.of(large));
        HostPool.Lease lease = pool.acquire();
        pool.acquire();

        lease.close();
        lease.close();

        assertEquals(1, pool.freeSlots());
    }

    @Test
    void refusesDuplicateHostNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HostPool(List.of(small, new LibvirtHost("small", "test:///default", 3))));
        assertTrue(e.getMessage().contains("small"), e.getMessage());
    }

    private static HostPool.Lease take(HostPool pool, String who, BlockingQueue<String> order) {
        try {
            HostPool.Lease lease = pool.acquire();
            order.add(who);
            return lease;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
