package dev.goldsmith.builders.agent;

import java.util.Objects;

/**
 * One provisioning step as the agent reported it.
 *
 * @param step    the step's name, such as {@code packages}
 * @param status  its exit status; 0 for success
 * @param seconds how long it ran, in whole seconds; -1 when its own result line was unreadable
 * @param output  the tail of its output when it failed, otherwise empty
 */
public record StepReport(String step, int status, long seconds, String output) {

    public StepReport {
        Objects.requireNonNull(step, "step");
        output = output == null ? "" : output;
    }

    /** Returns whether the step exited with status 0. */
    public boolean succeeded() {
        return status == 0;
    }
}
