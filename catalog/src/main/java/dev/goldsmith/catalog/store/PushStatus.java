package dev.goldsmith.catalog.store;

import java.time.Instant;

/**
 * How pushing to the remote is going, for health checks and operators.
 *
 * <p>The attempt times and the last error live in memory and start empty after a restart; the pending count is read
 * from the repository each time, so it is right after a restart too.
 *
 * @param lastAttempt when the last push began, or null if none has since the store was opened
 * @param lastSuccess when a push last completed, or null
 * @param lastError   why the last push failed, or null when it succeeded or none ran
 * @param pending     how many local commits the remote does not have yet
 */
public record PushStatus(Instant lastAttempt, Instant lastSuccess, String lastError, int pending) {
}
