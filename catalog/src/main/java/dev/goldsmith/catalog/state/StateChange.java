package dev.goldsmith.catalog.state;

import java.time.Instant;
import java.util.Objects;

import dev.goldsmith.catalog.event.LifecycleState;

/**
 * One step in the life of an image version.
 *
 * @param from   the state it left, or null for the version's first state
 * @param to     the state it entered
 * @param at     when
 * @param reason why, in words an operator reads: "QA passed", "superseded by 2026.12.04.1", "revoked: DSA-5800-1"
 */
public record StateChange(LifecycleState from, LifecycleState to, Instant at, String reason) {

    public StateChange {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        if (reason == null || reason.isBlank() || reason.contains("\n")) {
            throw new IllegalArgumentException("a state change needs a one-line reason, was '" + reason + "'");
        }
    }
}
