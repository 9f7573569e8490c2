package dev.goldsmith.builders.step;

/**
 * One small step of a build. A step that creates something (a file, an overlay, a domain) undoes it in
 * {@link #cleanup}, which the {@link StepRunner} calls after the build failed, was cancelled or ran out of time,
 * for this step and every step before it, in reverse order.
 *
 * @param <C> the typed context the steps of one build share
 */
public interface BuildStep<C> {

    /** Returns the step's name as logs and the manifest show it, such as {@code create-overlay}. */
    String name();

    /**
     * Does the step's work. A step that waits should do so interruptibly: the runner interrupts it on
     * cancellation and at the deadline.
     *
     * @throws Exception when the step failed; the message should say what was wrong
     */
    void run(C context) throws Exception;

    /**
     * Removes what {@link #run} created. Called even when {@code run} failed or was interrupted half way, so it
     * must cope with work that was never done. The default does nothing.
     *
     * @throws Exception when something could not be removed; the runner logs it and goes on with the others
     */
    default void cleanup(C context) throws Exception {
    }
}
