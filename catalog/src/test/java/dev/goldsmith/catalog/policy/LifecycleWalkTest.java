package dev.goldsmith.catalog.policy;

import static dev.goldsmith.catalog.event.LifecycleState.DEPRECATED;
import static dev.goldsmith.catalog.event.LifecycleState.FAILED;
import static dev.goldsmith.catalog.event.LifecycleState.RETIRED;
import static dev.goldsmith.catalog.event.LifecycleState.REVOKED;
import static dev.goldsmith.catalog.event.LifecycleState.STABLE;
import static dev.goldsmith.catalog.policy.Catalogs.assertChannelsHold;
import static dev.goldsmith.catalog.policy.Catalogs.assertInvariants;
import static dev.goldsmith.catalog.policy.Catalogs.manifest;
import static dev.goldsmith.catalog.policy.Catalogs.rpm;
import static dev.goldsmith.catalog.policy.Catalogs.underTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.AdvisoryData.AffectedPackage;
import dev.goldsmith.catalog.event.LifecycleState;
import dev.goldsmith.catalog.event.Severity;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.state.ImageEntry;
import dev.goldsmith.catalog.state.ImageEntry.Moved;
import dev.goldsmith.catalog.state.VersionEntry;
import dev.goldsmith.catalog.version.VersionScheme;
import org.junit.jupiter.api.Test;

/**
 * Half a year of one image under every policy at once, a day at a time on a mutable clock: a build a week, every
 * fourth failing QA, a one-day soak, an approval channel approved on the day after promotion, a daily tick, and an
 * advisory half way. After every step the entry must hold its invariants and the channels their promises.
 */
class LifecycleWalkTest {

    private static final String IMAGE = "alma-9-runner";
    private static final Instant START = Instant.parse("2026-06-01T06:00:00Z");
    private static final int KEEP = 2;

    /** As in {@link RevokeTest}: {@code osv/almalinux/almalinux9/ALSA-2025:20957.json}, runc fixed 4:1.3.0-4.el9_7. */
    private static final AdvisoryData ALSA_2025_20957 = new AdvisoryData("ALSA-2025:20957",
            List.of("CVE-2025-31133", "CVE-2025-52565", "CVE-2025-52881"), Severity.HIGH,
            Instant.parse("2025-11-11T00:00:00Z"), Instant.parse("2025-11-19T09:31:22Z"), "almalinux-osv",
            List.of(new AffectedPackage("almalinux-9", "runc", VersionScheme.RPM, null, "4:1.3.0-4.el9_7", null)));

    private final MutableClock clock = new MutableClock(START);
    private final PolicyEngine engine = new PolicyEngine(new Policies(
            new Policies.Promote(true, Duration.ofDays(1), List.of("team-web")),
            new Policies.Deprecate(Duration.ofDays(7)), new Policies.Revoke(true),
            new Policies.Retire(Duration.ofDays(30), KEEP)), image -> List.of("stable", "latest", "team-web"));

    @Test
    void halfAYearOfBuildsKeepsEveryPromise() throws Exception {
        ImageEntry entry = ImageEntry.empty(IMAGE);
        List<Manifest> manifests = new ArrayList<>();
        List<String> log = new ArrayList<>();
        int builds = 0;
        for (int day = 0; day < 182; day++) {
            clock.set(START.plus(Duration.ofDays(day)));
            if (day % 7 == 0) {
                builds++;
                ImageVersionId id = new ImageVersionId(clock.instant().atZone(ZoneOffset.UTC).toLocalDate(), 1);
                entry = checked(underTest(entry, id.toString(), clock.instant()));
                // Builds before day 70 have the vulnerable runc, later ones the fixed one.
                manifests.add(manifest(IMAGE, id.toString(), "almalinux-9",
                        rpm("runc", day < 70 ? "4:1.2.5-2.el9" : "4:1.3.0-4.el9_7", "runc")));
                Decision qa = engine.afterQa(entry, id, builds % 4 != 0, clock.advance(Duration.ofHours(1)));
                entry = checked(qa.after());
                log.add(day + " " + qa.explanation());
            }
            if (day == 90) {
                Revocation revocation = engine.revoke(List.of(entry), manifests, ALSA_2025_20957, clock.instant());
                entry = apply(entry, revocation.revoked(), log);
            }
            entry = apply(entry, engine.tick(List.of(entry), clock.advance(Duration.ofMinutes(1))), log);
            entry = approveTeamWeb(entry, log);
            assertInvariants(entry);
        }

        // 26 builds (days 0 to 175), every fourth failed. The last two passed are stable (the newer one superseded
        // the older on day 176, less than the grace ago), the one before is deprecated, the failed one of day 161
        // is younger than max-age; everything else is retired.
        Map<LifecycleState, Integer> counts = new TreeMap<>();
        entry.versions().forEach(v -> counts.merge(v.state(), 1, Integer::sum));
        assertEquals(26, entry.versions().size());
        assertEquals(Map.of(STABLE, 2, DEPRECATED, 1, FAILED, 1, RETIRED, 22), counts, log.toString());
        // On day 90 the only usable build with the vulnerable runc was the one of day 63 (day 77 failed QA).
        assertTrue(log.contains("2026-08-30T06:00:00Z 2026.08.03.1 REVOKED: ALSA-2025:20957 affects runc"
                + " 4:1.2.5-2.el9; fixed in 2026.08.24.1 (runc 4:1.3.0-4.el9_7)"), log.toString());
        assertEquals(List.of("2026.08.03.1"), entry.versions().stream()
                .filter(v -> v.history().stream().anyMatch(c -> c.to() == REVOKED))
                .map(v -> v.version().toString()).toList());
    }

    private ImageEntry apply(ImageEntry entry, List<Moved> moves, List<String> log) {
        ImageEntry current = entry;
        for (Moved moved : moves) {
            current = checked(moved.entry());
            log.add(clock.instant() + " " + moved.transition().version() + " " + moved.transition().to() + ": "
                    + moved.transition().reason());
        }
        return current;
    }

    /** A person approves team-web for the newest stable version a day after it became stable. */
    private ImageEntry approveTeamWeb(ImageEntry entry, List<String> log) throws Exception {
        VersionEntry newest = entry.newest(STABLE).orElse(null);
        if (newest == null || clock.instant().isBefore(newest.since().plus(Duration.ofDays(1)))) {
            return entry;
        }
        Decision approved = engine.approve(entry, newest.version(), "team-web", "alice", clock.instant());
        if (approved.changed()) {
            log.add(approved.explanation());
        }
        return checked(approved.after());
    }

    /** Checks the invariants (the JSON round trip only once a day), and each channel's promise, after every step. */
    private static ImageEntry checked(ImageEntry entry) {
        assertChannelsHold(entry);
        entry.channels().forEach((channel, id) -> {
            VersionEntry v = entry.version(id).orElseThrow();
            if (channel.equals(PolicyEngine.LATEST)) {
                assertTrue(v.passedQa(), "latest points at " + id + ", which has not passed QA");
            } else {
                assertTrue(v.state() == STABLE || v.state() == DEPRECATED, channel + " points at " + id + ", "
                        + v.state());
            }
        });
        long usable = entry.versions().stream().filter(v -> v.state() == STABLE || v.state() == DEPRECATED).count();
        long everUsable = entry.versions().stream().filter(v -> v.enteredAt(STABLE) != null
                && v.history().stream().noneMatch(c -> c.to() == REVOKED)).count();
        assertTrue(usable >= Math.min(KEEP, everUsable), "only " + usable + " usable versions left");
        return entry;
    }
}
