package dev.goldsmith.builders.build;

import java.time.Duration;

/** Hears about the steps of a build as they start and end, to show progress; calls come from the build's thread. */
public interface BuildListener {

    /** Ignores everything. */
    BuildListener NONE = new BuildListener() {
    };

    /** Called when {@code step} starts. */
    default void stepStarted(String buildId, String step) {
    }

    /** Called when {@code step} ends, with how long it ran and whether it succeeded. */
    default void stepEnded(String buildId, String step, Duration took, boolean succeeded) {
    }
}
