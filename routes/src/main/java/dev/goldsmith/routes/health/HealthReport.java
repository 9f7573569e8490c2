package dev.goldsmith.routes.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health of every registered part at one moment.
 *
 * @param components each part's health by name, in registration order
 */
public record HealthReport(Map<String, ComponentHealth> components) {

    public HealthReport {
        components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    }

    /** Returns whether every part can do its work, so the pipeline can take load. */
    public boolean ready() {
        return !components.isEmpty() && components.values().stream().allMatch(ComponentHealth::ready);
    }

    /** Returns the overall status: DOWN if any part is down, DEGRADED if any is degraded, else UP. */
    public ComponentHealth.Status status() {
        if (components.values().stream().anyMatch(c -> c.status() == ComponentHealth.Status.DOWN)) {
            return ComponentHealth.Status.DOWN;
        }
        if (components.values().stream().anyMatch(c -> c.status() == ComponentHealth.Status.DEGRADED)) {
            return ComponentHealth.Status.DEGRADED;
        }
        return ComponentHealth.Status.UP;
    }
}
