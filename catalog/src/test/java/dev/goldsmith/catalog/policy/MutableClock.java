package dev.goldsmith.catalog.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand, so time-driven policies are tested without waiting. */
final class MutableClock extends Clock {

    private Instant now;

    MutableClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock forward by {@code span} and returns the new instant. */
    Instant advance(Duration span) {
        now = now.plus(span);
        return now;
    }

    /** Sets the clock to {@code instant} and returns it. */
    Instant set(Instant instant) {
        now = instant;
        return now;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
