package dev.goldsmith.feeds.poll;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a failing feed waits before it is tried again: {@code initial} after the first failure, twice as long
 * after each further failure in a row, never longer than {@code maximum}. A scheduled poll that falls inside the
 * wait is skipped, so a broken mirror is not hammered at every tick.
 *
 * @param initial the wait after the first failure
 * @param maximum the longest wait, however many failures
 */
public record Backoff(Duration initial, Duration maximum) {

    public Backoff {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive, was " + initial);
        }
        if (maximum.compareTo(initial) < 0) {
            throw new IllegalArgumentException("maximum backoff " + maximum + " is shorter than initial " + initial);
        }
    }

    /** Returns whether a poll at {@code now} may go ahead given the feed's state. */
    public boolean allows(FeedState state, Instant now) {
        return !state.degraded() || state.lastFailureAt() == null
                || !now.isBefore(state.lastFailureAt().plus(delayAfter(state.consecutiveFailures())));
    }

    /** Returns the wait before the next attempt after {@code consecutiveFailures} failures in a row. */
    public Duration delayAfter(int consecutiveFailures) {
        if (consecutiveFailures <= 0) {
            return Duration.ZERO;
        }
        Duration delay = initial;
        for (int i = 1; i < consecutiveFailures && delay.compareTo(maximum) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maximum) > 0 ? maximum : delay;
    }
}
