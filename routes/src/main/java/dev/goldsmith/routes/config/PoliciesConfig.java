package dev.goldsmith.routes.config;

import java.time.Duration;
import java.util.List;

import dev.goldsmith.catalog.policy.Policies;

/**
 * How image versions move through their lifecycle (YAML section {@code policies}).
 *
 * @param promote when a tested version becomes stable
 * @param deprecate what happens to a stable version a newer one supersedes
 * @param revoke whether versions affected by a fixable advisory are pulled
 * @param retire when old versions are removed for good
 */
public record PoliciesConfig(Promote promote, Deprecate deprecate, Revoke revoke, Retire retire) {

    /** Returns the policies with every value at its default. */
    public static PoliciesConfig defaults() {
        return new PoliciesConfig(Promote.defaults(), Deprecate.defaults(), Revoke.defaults(), Retire.defaults());
    }

    /**
     * Returns the values the catalog's policy engine runs on.
     *
     * @throws IllegalArgumentException naming the field, for a value the reader would have reported (a negative
     *                                  duration, keep below 1, a malformed approval channel)
     */
    public Policies toPolicies() {
        return new Policies(
                new Policies.Promote(promote.afterQa(), promote.soak(), promote.approvalChannels()),
                new Policies.Deprecate(deprecate.grace()),
                new Policies.Revoke(revoke.enabled()),
                new Policies.Retire(retire.maxAge(), retire.keep()));
    }

    /**
     * The promote policy.
     *
     * @param afterQa whether a version is promoted as soon as its QA suite passes
     * @param soak how long a version waits after QA before it is promoted; zero for no wait
     * @param approvalChannels channels whose promotions wait for a person's approval
     */
    public record Promote(boolean afterQa, Duration soak, List<String> approvalChannels) {

        public static final boolean DEFAULT_AFTER_QA = true;
        public static final Duration DEFAULT_SOAK = Duration.ZERO;

        public Promote {
            approvalChannels = List.copyOf(approvalChannels);
        }

        /** Returns the defaults: promote right after QA, no soak, no approvals. */
        public static Promote defaults() {
            return new Promote(DEFAULT_AFTER_QA, DEFAULT_SOAK, List.of());
        }
    }

    /**
     * The deprecate policy.
     *
     * @param grace how long a stable version stays stable once a newer version of its image is stable too; then it
     *              is deprecated
     */
    public record Deprecate(Duration grace) {

        public static final Duration DEFAULT_GRACE = Duration.ofDays(7);

        /** Returns the defaults: seven days of grace. */
        public static Deprecate defaults() {
            return new Deprecate(DEFAULT_GRACE);
        }
    }

    /**
     * The revoke policy.
     *
     * @param enabled whether versions affected by an advisory with an available fix are revoked
     */
    public record Revoke(boolean enabled) {

        public static final boolean DEFAULT_ENABLED = true;

        /** Returns the defaults: revocation on. */
        public static Revoke defaults() {
            return new Revoke(DEFAULT_ENABLED);
        }
    }

    /**
     * The retire policy.
     *
     * @param maxAge the age, counted from its build, after which a deprecated, revoked or failed version is retired
     * @param keep how many of an image's newest usable versions are never retired by age; at least 1
     */
    public record Retire(Duration maxAge, int keep) {

        public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(90);
        public static final int DEFAULT_KEEP = 3;

        /** Returns the defaults: retire after 90 days, keep the newest three. */
        public static Retire defaults() {
            return new Retire(DEFAULT_MAX_AGE, DEFAULT_KEEP);
        }
    }
}
