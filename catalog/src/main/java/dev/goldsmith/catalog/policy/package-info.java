/**
 * The catalog policies: when an image version is promoted, published to its channels, deprecated, revoked and
 * retired, as the {@code policies} section of the configuration sets them.
 *
 * <p>{@link dev.goldsmith.catalog.policy.PolicyEngine} decides and returns the new
 * {@link dev.goldsmith.catalog.state.ImageEntry} with the transitions to record; recording them in Git is the
 * catalog store's job. Refusals ({@link dev.goldsmith.catalog.policy.RefusedException}) say what was asked and why
 * it cannot be done.
 */
package dev.goldsmith.catalog.policy;
