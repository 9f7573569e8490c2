package dev.goldsmith.feeds;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class CancellationTest {

    @Test
    void cancellingRunsEachRegisteredActionOnceAndFailsLaterChecksNamingTheReason() {
        Cancellation cancellation = new Cancellation();
        AtomicInteger runs = new AtomicInteger();
        cancellation.whenCancelled(runs::incrementAndGet);
        assertDoesNotThrow(() -> cancellation.throwIfCancelled("feed"));

        cancellation.cancel("Goldsmith is stopping");
        cancellation.cancel("a second time");

        assertEquals(1, runs.get());
        FeedException e = assertThrows(FeedException.class, () -> cancellation.throwIfCancelled("http://x/InRelease"));
        assertEquals(FeedException.Kind.CANCELLED, e.kind());
        assertEquals("http://x/InRelease", e.source());
        assertEquals("http://x/InRelease: cancelled: Goldsmith is stopping", e.getMessage());
    }

    @Test
    void actionRegisteredAfterCancellingRunsAtOnce() {
        Cancellation cancellation = new Cancellation();
        cancellation.cancel("stop");
        AtomicInteger runs = new AtomicInteger();

        cancellation.whenCancelled(runs::incrementAndGet);

        assertEquals(1, runs.get());
    }

    @Test
    void closedRegistrationDoesNotRun() {
        Cancellation cancellation = new Cancellation();
        AtomicInteger runs = new AtomicInteger();
        try (Cancellation.Registration registration = cancellation.whenCancelled(runs::incrementAndGet)) {
            assertFalse(cancellation.isCancelled());
        }

        cancellation.cancel("stop");

        assertEquals(0, runs.get());
        assertTrue(cancellation.isCancelled());
    }

    @Test
    void neverIsNotCancellable() {
        assertThrows(IllegalStateException.class, () -> Cancellation.never().cancel("stop"));
        assertFalse(Cancellation.never().isCancelled());
    }
}
