package dev.goldsmith.routes.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the health of each part of the pipeline under a stable name.
 *
 * <p>Parts register a check once; {@link #report()} asks every check anew, so what {@code /health} shows is never
 * older than the request. A check that throws counts as {@code DOWN} with the exception's message.
 */
public final class HealthRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(HealthRegistry.class);

    private final Map<String, Supplier<ComponentHealth>> checks = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, ComponentHealth.Status> lastStatus = new ConcurrentHashMap<>();

    /** Registers or replaces the check of the part called {@code name}. */
    public void register(String name, Supplier<ComponentHealth> check) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
        checks.put(name, check);
    }

    /** Removes the check of the part called {@code name}, if any. */
    public void unregister(String name) {
        checks.remove(name);
        lastStatus.remove(name);
    }

    /** Runs every check and returns the combined report. */
    public HealthReport report() {
        Map<String, Supplier<ComponentHealth>> snapshot;
        synchronized (checks) {
            snapshot = new LinkedHashMap<>(checks);
        }
        Map<String, ComponentHealth> results = new LinkedHashMap<>();
        snapshot.forEach((name, check) -> {
            ComponentHealth health = run(name, check);
            results.put(name, health);
            logChange(name, health);
        });
        return new HealthReport(results);
    }

    private static ComponentHealth run(String name, Supplier<ComponentHealth> check) {
        try {
            ComponentHealth health = check.get();
            return health != null ? health : ComponentHealth.down("check of " + name + " returned nothing");
        } catch (RuntimeException e) {
            return ComponentHealth.down(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void logChange(String name, ComponentHealth health) {
        ComponentHealth.Status before = lastStatus.put(name, health.status());
        if (before != null && before != health.status()) {
            if (health.status() == ComponentHealth.Status.UP) {
                LOG.info("component recovered component={} status={} detail=\"{}\"", name, health.status(),
                        health.detail());
            } else {
                LOG.warn("component changed component={} status={} before={} detail=\"{}\"", name, health.status(),
                        before, health.detail());
            }
        }
    }
}
