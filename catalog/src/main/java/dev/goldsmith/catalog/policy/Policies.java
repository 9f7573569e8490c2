package dev.goldsmith.catalog.policy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The values the lifecycle policies run on, as the {@code policies} section of the configuration sets them. Each
 * record checks its values, so a {@link PolicyEngine} never runs on a negative soak or a keep of zero, whoever built
 * the values.
 *
 * @param promote   when a tested version becomes stable, and which channels wait for an approval
 * @param deprecate when a superseded stable version is deprecated
 * @param revoke    whether an advisory with a fix in a newer stable version revokes the versions it affects
 * @param retire    when deprecated, revoked and failed versions are retired
 */
public record Policies(Promote promote, Deprecate deprecate, Revoke revoke, Retire retire) {

    /**
     * Channel names, as blueprints may write them: they end up in Git trailers and file contents, so no {@code /},
     * no leading dot or hyphen, no spaces.
     */
    private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,126}[A-Za-z0-9])?");

    public Policies {
        Objects.requireNonNull(promote, "promote");
        Objects.requireNonNull(deprecate, "deprecate");
        Objects.requireNonNull(revoke, "revoke");
        Objects.requireNonNull(retire, "retire");
    }

    /** Returns the policies of the default configuration: promote after QA, 7 days of grace, 90 days, keep 3. */
    public static Policies defaults() {
        return new Policies(new Promote(true, Duration.ZERO, List.of()), new Deprecate(Duration.ofDays(7)),
                new Revoke(true), new Retire(Duration.ofDays(90), 3));
    }

    /** Returns why {@code name} cannot name a channel, or empty when it can. */
    public static Optional<String> channelNameProblem(String name) {
        if (name != null && CHANNEL.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of("'" + name + "' is not a channel name: use up to 128 letters, digits, '.', '_' and '-',"
                + " starting and ending with a letter or digit");
    }

    /**
     * The promote policy.
     *
     * @param afterQa          whether a version that passes QA is promoted by policy; when false only a person
     *                         promotes it
     * @param soak             how long a version stays {@code testing} after its QA passed before it is promoted;
     *                         zero promotes at once
     * @param approvalChannels channels a promoted version is published to only once a person approves it
     */
    public record Promote(boolean afterQa, Duration soak, List<String> approvalChannels) {

        public Promote {
            requireNotNegative(soak, "promote.soak");
            approvalChannels = List.copyOf(Objects.requireNonNull(approvalChannels, "promote.approval-channels"));
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < approvalChannels.size(); i++) {
                String channel = approvalChannels.get(i);
                String field = "promote.approval-channels[" + i + "]";
                channelNameProblem(channel).ifPresent(problem -> {
                    throw new IllegalArgumentException(field + ": " + problem);
                });
                if (!seen.add(channel)) {
                    throw new IllegalArgumentException(field + ": channel '" + channel + "' is listed twice");
                }
            }
        }

        /** Returns whether publishing to {@code channel} waits for an approval. */
        public boolean needsApproval(String channel) {
            return approvalChannels.contains(channel);
        }
    }

    /**
     * The deprecate policy.
     *
     * @param grace how long a stable version stays stable once a newer version became stable; then it is deprecated
     */
    public record Deprecate(Duration grace) {

        public Deprecate {
            requireNotNegative(grace, "deprecate.grace");
        }
    }

    /**
     * The revoke policy.
     *
     * @param enabled whether advisories revoke the stable and deprecated versions they affect once a newer stable
     *                version carries the fix
     */
    public record Revoke(boolean enabled) {
    }

    /**
     * The retire policy.
     *
     * @param maxAge how old (counted from its build) a deprecated, revoked or failed version may get before it is
     *               retired
     * @param keep   how many of each image's newest usable (stable or deprecated) versions are never retired by age;
     *               at least 1, so an image never loses its last usable version to the clock
     */
    public record Retire(Duration maxAge, int keep) {

        public Retire {
            requireNotNegative(maxAge, "retire.max-age");
            if (keep < 1) {
                throw new IllegalArgumentException("retire.keep must be at least 1, was " + keep);
            }
        }
    }

    private static void requireNotNegative(Duration value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required, was null");
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
    }
}
