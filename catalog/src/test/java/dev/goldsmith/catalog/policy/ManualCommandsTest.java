package dev.goldsmith.catalog.policy;

import static dev.goldsmith.catalog.event.LifecycleState.DEPRECATED;
import static dev.goldsmith.catalog.event.LifecycleState.FAILED;
import static dev.goldsmith.catalog.event.LifecycleState.RETIRED;
import static dev.goldsmith.catalog.event.LifecycleState.REVOKED;
import static dev.goldsmith.catalog.event.LifecycleState.STABLE;
import static dev.goldsmith.catalog.policy.Catalogs.assertInvariants;
import static dev.goldsmith.catalog.policy.Catalogs.state;
import static dev.goldsmith.catalog.policy.Catalogs.v;
import static dev.goldsmith.catalog.policy.Catalogs.walked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.goldsmith.catalog.event.ImageTransition.ChannelChange;
import dev.goldsmith.catalog.lifecycle.IllegalTransitionException;
import dev.goldsmith.catalog.state.ImageEntry;
import org.junit.jupiter.api.Test;

class ManualCommandsTest {

    private static final String IMAGE = "debian-12-minimal";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(5)));
    private final PolicyEngine engine = new PolicyEngine(Policies.defaults(), image -> List.of());

    @Test
    void operatorRevokesAStableVersionAndItsChannelsFallBack() throws Exception {
        ImageEntry entry = twoStableOnChannels();

        Decision revoked = engine.revoke(entry, v("2026.12.02.1"), "alice", "kernel panic on boot", clock.instant());

        ImageEntry after = assertInvariants(revoked.after());
        assertEquals(REVOKED, state(after, "2026.12.02.1"));
        assertEquals("by alice: kernel panic on boot", revoked.transition().reason());
        assertEquals(Map.of("latest", v("2026.12.01.1"), "stable", v("2026.12.01.1")), after.channels());
        assertEquals(List.of(new ChannelChange("latest", "2026.12.02.1", "2026.12.01.1"),
                new ChannelChange("stable", "2026.12.02.1", "2026.12.01.1")), revoked.channelChanges());
        assertEquals("2026.12.02.1 moved to revoked by alice: kernel panic on boot", revoked.explanation());
    }

    @Test
    void operatorRetiresADeprecatedVersionEvenWithinKeep() throws Exception {
        ImageEntry entry = walked(ImageEntry.empty(IMAGE), "2026.12.01.1", T0, STABLE, DEPRECATED);

        Decision retired = engine.retire(entry, v("2026.12.01.1"), "alice", "customer asked", clock.instant());

        assertEquals(RETIRED, state(assertInvariants(retired.after()), "2026.12.01.1"));
    }

    @Test
    void illegalCommandsAreRefusedWithTheLifecycleReasonAndChangeNothing() throws Exception {
        ImageEntry entry = twoStableOnChannels();
        ImageEntry retired = walked(entry, "2026.12.03.1", T0, FAILED, RETIRED);

        RefusedException retireStable = assertThrows(RefusedException.class,
                () -> engine.retire(entry, v("2026.12.02.1"), "alice", "old", clock.instant()));
        RefusedException promoteStable = assertThrows(RefusedException.class,
                () -> engine.promote(entry, v("2026.12.02.1"), "alice", "again", clock.instant()));
        RefusedException revokeRetired = assertThrows(RefusedException.class,
                () -> engine.revoke(retired, v("2026.12.03.1"), "alice", "bad", clock.instant()));

        assertEquals("debian-12-minimal 2026.12.02.1 cannot go from stable to retired: from stable it can only go to"
                + " deprecated or revoked", retireStable.getMessage());
        assertInstanceOf(IllegalTransitionException.class, retireStable.getCause());
        assertEquals("debian-12-minimal 2026.12.02.1 cannot go from stable to stable: it is stable already",
                promoteStable.getMessage());
        assertEquals("debian-12-minimal 2026.12.03.1 cannot go from retired to revoked: a retired version is gone"
                + " for good", revokeRetired.getMessage());
    }

    @Test
    void promotingAVersionWhoseQaHasNotPassedIsRefused() throws Exception {
        ImageEntry entry = walked(ImageEntry.empty(IMAGE), "2026.12.01.1", T0);

        RefusedException refused = assertThrows(RefusedException.class,
                () -> engine.promote(entry, v("2026.12.01.1"), "alice", "in a hurry", clock.instant()));

        assertEquals("debian-12-minimal 2026.12.01.1 has not passed QA: only a version that passed QA can be"
                + " promoted", refused.getMessage());
    }

    @Test
    void soakingVersionCanBePromotedByHandBeforeItsSoakEnds() throws Exception {
        PolicyEngine soaking = new PolicyEngine(PromotionTest.policies(true, Duration.ofDays(3), List.of()),
                image -> List.of());
        ImageEntry entry = Catalogs.underTest(ImageEntry.empty(IMAGE), "2026.12.01.1", T0);
        entry = soaking.afterQa(entry, v("2026.12.01.1"), true, T0.plus(Duration.ofHours(1))).after();

        Decision promoted = soaking.promote(entry, v("2026.12.01.1"), "alice", "urgent fix for CVE-2024-22365",
                T0.plus(Duration.ofHours(2)));

        assertEquals(STABLE, state(assertInvariants(promoted.after()), "2026.12.01.1"));
        assertEquals(List.of(new ChannelChange("stable", null, "2026.12.01.1")), promoted.channelChanges());
        assertEquals(List.of(), soaking.tick(List.of(promoted.after()), T0.plus(Duration.ofDays(4))));
    }

    @Test
    void commandsWithoutAReasonOrForAnUnknownVersionAreRefused() throws Exception {
        ImageEntry entry = twoStableOnChannels();

        RefusedException blank = assertThrows(RefusedException.class,
                () -> engine.revoke(entry, v("2026.12.02.1"), "alice", " ", clock.instant()));
        RefusedException twoLines = assertThrows(RefusedException.class,
                () -> engine.revoke(entry, v("2026.12.02.1"), "alice", "one\ntwo", clock.instant()));
        RefusedException unknown = assertThrows(RefusedException.class,
                () -> engine.retire(entry, v("2026.12.09.1"), "alice", "gone", clock.instant()));

        assertEquals("--reason must be one non-blank line, was ' '", blank.getMessage());
        assertEquals("--reason must be one non-blank line, was 'one\ntwo'", twoLines.getMessage());
        assertEquals("debian-12-minimal has no version 2026.12.09.1", unknown.getMessage());
    }

    private static ImageEntry twoStableOnChannels() throws Exception {
        ImageEntry entry = walked(ImageEntry.empty(IMAGE), "2026.12.01.1", T0, STABLE);
        entry = walked(entry, "2026.12.02.1", T0.plus(Duration.ofDays(1)), STABLE);
        return entry.point("stable", v("2026.12.02.1")).orElseThrow().entry()
                .point("latest", v("2026.12.02.1")).orElseThrow().entry();
    }
}
