package dev.goldsmith.builders.step;

/** How a run of build steps ended. */
public enum StepOutcome {
    /** Every step ran to its end. */
    SUCCEEDED,
    /** A step threw; the steps that started were cleaned up. */
    FAILED,
    /** The thread running the steps was interrupted; the steps that started were cleaned up. */
    CANCELLED,
    /** The overall deadline passed; the running step was interrupted and the steps that started cleaned up. */
    TIMED_OUT
}
