package dev.goldsmith.builders.step;

import dev.goldsmith.catalog.image.Manifest;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link StepRunner} run did.
 *
 * @param outcome         how it ended
 * @param steps           every step that started, in order, with how long it ran (the failed one included)
 * @param failedStep      the step that failed, was cancelled or ran out of time; null when the run succeeded
 * @param failure         why, null when the run succeeded
 * @param cleanupFailures one line per cleanup that threw ({@code step: reason}); empty when all went well
 */
public record StepRunResult(StepOutcome outcome, List<Manifest.Step> steps, String failedStep, Throwable failure,
        List<String> cleanupFailures) {

    public StepRunResult {
        Objects.requireNonNull(outcome, "outcome");
        steps = List.copyOf(steps);
        cleanupFailures = List.copyOf(cleanupFailures);
    }

    /** Returns whether every step ran to its end. */
    public boolean succeeded() {
        return outcome == StepOutcome.SUCCEEDED;
    }

    /** Returns one line saying how the run ended, such as {@code step packages failed: exit status 100}. */
    public String describe() {
        if (succeeded()) {
            return "all " + steps.size() + " steps succeeded";
        }
        String why = failure == null || failure.getMessage() == null ? String.valueOf(failure)
                : failure.getMessage();
        return switch (outcome) {
            case CANCELLED -> "cancelled during step " + failedStep;
            case TIMED_OUT -> "deadline passed during step " + failedStep;
            default -> "step " + failedStep + " failed: " + why;
        };
    }
}
