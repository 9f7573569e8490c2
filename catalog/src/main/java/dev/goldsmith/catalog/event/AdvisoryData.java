package dev.goldsmith.catalog.event;

import dev.goldsmith.catalog.version.VersionScheme;
import java.time.Instant;
import java.util.List;

/**
 * A security advisory as a feed states it at one revision. Carried by {@code advisory.published} and
 * {@code advisory.updated}.
 *
 * @param advisoryId the feed's own id, such as {@code DSA-5678-1}, {@code RHSA-2024:1234} or an OSV id; the
 *                   record key
 * @param aliases    other ids for the same problem, CVE ids first among them; may be empty
 * @param severity   the feed's rating, {@link Severity#UNKNOWN} when it gives none
 * @param published  when the feed first published the advisory
 * @param modified   when the feed last changed it; this revision's timestamp
 * @param sourceFeed the configured feed the advisory was read from
 * @param affected   the packages it affects, one entry per distribution release and package
 */
public record AdvisoryData(
        String advisoryId,
        List<String> aliases,
        Severity severity,
        Instant published,
        Instant modified,
        String sourceFeed,
        List<AffectedPackage> affected) implements EventData {

    public AdvisoryData {
        Require.text(advisoryId, "advisoryId");
        aliases = Require.texts(aliases, "aliases");
        Require.present(severity, "severity");
        Require.present(published, "published");
        Require.present(modified, "modified");
        Require.text(sourceFeed, "sourceFeed");
        affected = Require.nonEmpty(affected, "affected");
    }

    /** Returns the advisory id, the key of {@link Topic#ADVISORIES}. */
    @Override
    public String key() {
        return advisoryId;
    }

    /**
     * One package of one distribution release that the advisory affects, with the affected range in the
     * shape OSV uses: versions from {@code introduced} up to, but not including, {@code fixed}; or up to and
     * including {@code lastAffected} when the feed names no fix.
     *
     * @param release       the distribution release, such as {@code debian-12}
     * @param packageName   the source or binary package name, as the feed names it
     * @param versionScheme how to order this package's versions
     * @param introduced    the first affected version, or null when every earlier version is affected
     * @param fixed         the first version that carries the fix, or null while there is no fix yet
     * @param lastAffected  the last affected version when the feed states that instead of a fix; null otherwise
     * @param remediation   what the vendor says can be done about this package, such as {@link
     *                      Remediation#NO_FIX_PLANNED}; null when the feed does not say. Added after the first
     *                      release of the event, so older producers leave it out and it reads as null
     */
    public record AffectedPackage(
            String release,
            String packageName,
            VersionScheme versionScheme,
            String introduced,
            String fixed,
            String lastAffected,
            Remediation remediation) {

        public AffectedPackage {
            Require.text(release, "affected.release");
            Require.text(packageName, "affected.packageName");
            Require.present(versionScheme, "affected.versionScheme");
            Require.optionalText(introduced, "affected.introduced");
            Require.optionalText(fixed, "affected.fixed");
            Require.optionalText(lastAffected, "affected.lastAffected");
            if (fixed != null && lastAffected != null) {
                throw new IllegalArgumentException("affected " + packageName + " in " + release
                        + " states both fixed '" + fixed + "' and lastAffected '" + lastAffected
                        + "'; a range ends in one of them");
            }
        }

        /** Creates an affected package for which the feed states no remediation. */
        public AffectedPackage(String release, String packageName, VersionScheme versionScheme, String introduced,
                String fixed, String lastAffected) {
            this(release, packageName, versionScheme, introduced, fixed, lastAffected, null);
        }

        /** Returns whether a fixed version exists for this package in this release. */
        public boolean hasFix() {
            return fixed != null;
        }
    }
}
