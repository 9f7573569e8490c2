package dev.goldsmith.catalog.event;

import java.time.Duration;

/**
 * How long one named step of a build took.
 *
 * @param step     the step name, such as {@code create-disk} or {@code provision}
 * @param duration the wall-clock time the step took; written as an ISO-8601 duration such as {@code PT42.5S}
 */
public record StepTiming(String step, Duration duration) {

    public StepTiming {
        Require.text(step, "step");
        Require.notNegative(duration, "duration of step " + step);
    }
}
