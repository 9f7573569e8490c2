package dev.goldsmith.routes.health;

import java.util.Objects;

/**
 * The state of one part of the running pipeline, as {@code /health} reports it.
 *
 * @param status whether the part works
 * @param detail a short, operator-readable reason, never a secret
 */
public record ComponentHealth(Status status, String detail) {

    /** How well a part works; only {@link #UP} and {@link #DEGRADED} count as ready. */
    public enum Status { UP, DEGRADED, DOWN }

    public ComponentHealth {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }

    /** Returns a healthy state with the given detail. */
    public static ComponentHealth up(String detail) {
        return new ComponentHealth(Status.UP, detail);
    }

    /** Returns a working but impaired state, such as a feed that keeps failing. */
    public static ComponentHealth degraded(String detail) {
        return new ComponentHealth(Status.DEGRADED, detail);
    }

    /** Returns a failed state with the reason. */
    public static ComponentHealth down(String detail) {
        return new ComponentHealth(Status.DOWN, detail);
    }

    /** Returns whether this part lets the pipeline do its work. */
    public boolean ready() {
        return status != Status.DOWN;
    }
}
