package dev.goldsmith.catalog.impact;

import java.time.Duration;
import java.util.Objects;

import dev.goldsmith.catalog.event.Severity;

/**
 * How the rebuild planner coalesces facts into requests.
 *
 * @param window           how long after the first fact that touches an image its request waits for more facts, so
 *                         that what lands close together becomes one rebuild; zero to request at once
 * @param fastLaneSeverity the lowest advisory severity whose fix skips the window
 * @param maxHold          how long a child image's request waits for its parent's new version to become stable
 *                         before it is released anyway, so a parent nobody reports on cannot hold it forever
 */
public record PlannerSettings(Duration window, Severity fastLaneSeverity, Duration maxHold) {

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
    public static final Severity DEFAULT_FAST_LANE_SEVERITY = Severity.CRITICAL;
    public static final Duration DEFAULT_MAX_HOLD = Duration.ofHours(24);

    public PlannerSettings {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(fastLaneSeverity, "fastLaneSeverity");
        Objects.requireNonNull(maxHold, "maxHold");
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must not be negative, was " + window);
        }
        if (Severities.rank(fastLaneSeverity) < Severities.rank(Severity.LOW)) {
            throw new IllegalArgumentException("fastLaneSeverity must be low, medium, high or critical, was "
                    + fastLaneSeverity);
        }
        if (maxHold.isNegative() || maxHold.isZero()) {
            throw new IllegalArgumentException("maxHold must be positive, was " + maxHold);
        }
    }

    /** Returns the defaults: a ten-minute window, critical advisories in the fast lane, holds of at most a day. */
    public static PlannerSettings defaults() {
        return new PlannerSettings(DEFAULT_WINDOW, DEFAULT_FAST_LANE_SEVERITY, DEFAULT_MAX_HOLD);
    }
}
