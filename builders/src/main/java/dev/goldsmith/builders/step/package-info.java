/**
 * A build as an ordered list of small steps sharing a typed context, each able to undo what it did: the
 * {@link dev.goldsmith.builders.step.StepRunner} runs them in order and, after a failure, a cancellation or the
 * overall deadline, runs the cleanup of every step that started, in reverse order.
 */
package dev.goldsmith.builders.step;
