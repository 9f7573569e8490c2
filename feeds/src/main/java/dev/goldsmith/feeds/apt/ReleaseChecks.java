package dev.goldsmith.feeds.apt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.goldsmith.feeds.FeedException;

/**
 * Decides whether a verified Release may be believed now: that it is current, not older than one already seen, and
 * for the suite that was asked for. Run it after the signature check and before any index is fetched.
 *
 * <p>A Release for another suite than the one requested fails as {@link FeedException.Kind#SIGNATURE}, not
 * MALFORMED: the file is well formed and well signed, but the signature vouches for a different suite. A mirror, or
 * someone in between, serving one suite's signed metadata in place of another's (an older stable release for the
 * current one, say) is an authentication failure that signatures alone do not catch.
 */
public final class ReleaseChecks {

    /** How far ahead of this host's clock a Release's {@code Date} may be before it counts as not yet valid. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);

    private final Clock clock;
    private final Duration clockSkew;

    /** Creates checks against {@code clock}, tolerating {@link #DEFAULT_CLOCK_SKEW} of clock difference. */
    public ReleaseChecks(Clock clock) {
        this(clock, DEFAULT_CLOCK_SKEW);
    }

    public ReleaseChecks(Clock clock, Duration clockSkew) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clockSkew must not be negative, was " + clockSkew);
        }
        this.clockSkew = clockSkew;
    }

    /**
     * Runs every check: {@link #checkSuite}, {@link #checkCurrent} and {@link #checkNotRolledBack}.
     *
     * @param requestedSuite the suite from the sources entry ({@code bookworm}, {@code stable}, ...)
     * @param lastSeenDate   the {@code Date} of the last Release accepted for this suite; null when none was
     */
    public void check(Release release, String requestedSuite, Instant lastSeenDate) throws FeedException {
        checkSuite(release, requestedSuite);
        checkCurrent(release);
        checkNotRolledBack(release, lastSeenDate);
    }

    /**
     * Fails with SIGNATURE unless {@code requestedSuite} is the Release's {@code Suite} or its {@code Codename}: a
     * sources entry may name either ({@code stable} or {@code bookworm}), as with apt.
     */
    public static void checkSuite(Release release, String requestedSuite) throws FeedException {
        Objects.requireNonNull(requestedSuite, "requestedSuite");
        if (requestedSuite.equals(release.suite()) || requestedSuite.equals(release.codename())) {
            return;
        }
        throw new FeedException(FeedException.Kind.SIGNATURE, release.source(),
                "Release is signed for Suite '" + release.suite() + "', Codename '" + release.codename()
                + "', not for the requested '" + requestedSuite + "'");
    }

    /**
     * Fails unless the Release has a {@code Date} (MALFORMED: without one it cannot be ordered against earlier
     * ones), that Date is not further in the future than the allowed clock skew (EXPIRED: not valid yet) and its
     * {@code Valid-Until}, when present, has not passed (EXPIRED).
     */
    public void checkCurrent(Release release) throws FeedException {
        Instant now = clock.instant();
        if (release.date() == null) {
            throw new FeedException(FeedException.Kind.MALFORMED, release.source(),
                    "Release has no Date, so it cannot be told apart from an older one");
        }
        if (release.date().isAfter(now.plus(clockSkew))) {
            throw new FeedException(FeedException.Kind.EXPIRED, release.source(),
                    "Release is not valid yet: its Date " + release.date() + " is "
                    + Duration.between(now, release.date()).toSeconds() + " s ahead of this host's clock " + now);
        }
        if (release.validUntil() != null && !now.isBefore(release.validUntil())) {
            throw new FeedException(FeedException.Kind.EXPIRED, release.source(),
                    "Release expired at " + release.validUntil() + " (Valid-Until); it is now " + now);
        }
    }

    /**
     * Fails with ROLLBACK when the Release's {@code Date} is older than {@code lastSeenDate}. An equal date passes:
     * it is the same Release fetched again.
     */
    public static void checkNotRolledBack(Release release, Instant lastSeenDate) throws FeedException {
        if (lastSeenDate == null) {
            return;
        }
        if (release.date() == null) {
            throw new FeedException(FeedException.Kind.MALFORMED, release.source(),
                    "Release has no Date, so it cannot be told apart from an older one");
        }
        if (release.date().isBefore(lastSeenDate)) {
            throw new FeedException(FeedException.Kind.ROLLBACK, release.source(),
                    "Release Date " + release.date() + " is older than the " + lastSeenDate
                    + " already seen; refusing to go back");
        }
    }
}
