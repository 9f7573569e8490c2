package dev.goldsmith.feeds.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(30));

    @Test
    void waitDoublesWithEachFailureUpToTheMaximum() {
        assertEquals(Duration.ZERO, backoff.delayAfter(0));
        assertEquals(Duration.ofMinutes(1), backoff.delayAfter(1));
        assertEquals(Duration.ofMinutes(2), backoff.delayAfter(2));
        assertEquals(Duration.ofMinutes(16), backoff.delayAfter(5));
        assertEquals(Duration.ofMinutes(30), backoff.delayAfter(6));
        assertEquals(Duration.ofMinutes(30), backoff.delayAfter(1000));
    }

    @Test
    void pollInsideTheWaitIsSkippedAndAfterItGoesAhead() {
        Instant failedAt = Instant.parse("2026-12-03T10:00:00Z");
        FeedState twice = FeedState.initial()
                .failed("HTTP 500", failedAt.minusSeconds(60))
                .failed("HTTP 500", failedAt);

        assertFalse(backoff.allows(twice, failedAt.plusSeconds(119)));
        assertTrue(backoff.allows(twice, failedAt.plusSeconds(120)));
        assertTrue(backoff.allows(FeedState.initial(), failedAt), "a healthy feed is never held back");
    }
}
