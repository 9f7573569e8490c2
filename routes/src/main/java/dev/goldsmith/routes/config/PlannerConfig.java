package dev.goldsmith.routes.config;

import java.time.Duration;

import dev.goldsmith.catalog.event.Severity;
import dev.goldsmith.catalog.impact.PlannerSettings;

/**
 * How facts become rebuild requests (YAML section {@code planner}).
 *
 * @param window how long an image's request waits after the first fact that touched it, gathering the facts that
 *               follow into the same rebuild; zero requests at once
 * @param fastLaneSeverity the lowest advisory severity whose fix skips the window: critical, high, medium or low
 * @param maxHold how long a child image's request waits for its parent's new version to become stable before it is
 *                released anyway
 */
public record PlannerConfig(Duration window, Severity fastLaneSeverity, Duration maxHold) {

    /** Returns the defaults: a ten-minute window, critical advisories in the fast lane, holds of at most a day. */
    public static PlannerConfig defaults() {
        PlannerSettings defaults = PlannerSettings.defaults();
        return new PlannerConfig(defaults.window(), defaults.fastLaneSeverity(), defaults.maxHold());
    }

    /** Returns the settings the rebuild planner runs with. */
    public PlannerSettings settings() {
        return new PlannerSettings(window, fastLaneSeverity, maxHold);
    }
}
