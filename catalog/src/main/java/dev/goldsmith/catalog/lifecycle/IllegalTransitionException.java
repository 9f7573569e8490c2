package dev.goldsmith.catalog.lifecycle;

import java.util.Locale;

import dev.goldsmith.catalog.event.LifecycleState;

/** Thrown when an image version is asked to move to a state its lifecycle does not allow from where it is. */
public final class IllegalTransitionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final LifecycleState from;
    private final LifecycleState to;

    public IllegalTransitionException(String image, String version, LifecycleState from, LifecycleState to,
            String reason) {
        super(image + " " + version + " cannot go from " + name(from) + " to " + name(to) + ": " + reason);
        this.from = from;
        this.to = to;
    }

    private static String name(LifecycleState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** Returns the state the version is in. */
    public LifecycleState from() {
        return from;
    }

    /** Returns the state that was asked for. */
    public LifecycleState to() {
        return to;
    }
}
