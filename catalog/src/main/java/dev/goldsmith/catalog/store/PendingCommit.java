package dev.goldsmith.catalog.store;

import java.time.Instant;

/**
 * A local commit the remote does not have yet.
 *
 * @param id      the commit's full hex id; it changes when a push rebases the commit
 * @param subject the first line of its message
 * @param time    when it was authored
 */
public record PendingCommit(String id, String subject, Instant time) {
}
