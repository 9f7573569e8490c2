package dev.goldsmith.catalog.policy;

import static dev.goldsmith.catalog.event.LifecycleState.DEPRECATED;
import static dev.goldsmith.catalog.event.LifecycleState.FAILED;
import static dev.goldsmith.catalog.event.LifecycleState.STABLE;
import static dev.goldsmith.catalog.event.LifecycleState.TESTING;
import static dev.goldsmith.catalog.policy.Catalogs.assertInvariants;
import static dev.goldsmith.catalog.policy.Catalogs.state;
import static dev.goldsmith.catalog.policy.Catalogs.underTest;
import static dev.goldsmith.catalog.policy.Catalogs.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.goldsmith.catalog.event.ImageTransition.ChannelChange;
import dev.goldsmith.catalog.state.ImageEntry;
import dev.goldsmith.catalog.state.ImageEntry.Moved;
import org.junit.jupiter.api.Test;

class PromotionTest {

    private static final String IMAGE = "debian-12-minimal";
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void promotesAndPublishesToEveryChannelWhenQaPassesWithoutSoak() throws Exception {
        PolicyEngine engine = engine(Policies.defaults());
        ImageEntry entry = underTest(ImageEntry.empty(IMAGE), "2026.12.03.1", clock.instant());

        Decision decision = engine.afterQa(entry, v("2026.12.03.1"), true, clock.advance(Duration.ofMinutes(5)));

        Moved moved = decision.moved().orElseThrow();
        assertEquals(STABLE, state(assertInvariants(decision.after()), "2026.12.03.1"));
        assertEquals("QA passed", moved.transition().reason());
        assertEquals(List.of(new ChannelChange("stable", null, "2026.12.03.1"),
                new ChannelChange("latest", null, "2026.12.03.1")), moved.transition().channelChanges());
        assertEquals(moved.transition().channelChanges(), decision.channelChanges());
        assertEquals(clock.instant(), decision.after().version(v("2026.12.03.1")).orElseThrow().qaPassed());
        assertEquals("QA passed: 2026.12.03.1 promoted to stable", decision.explanation());
    }

    @Test
    void publishesToTheChannelsTheBlueprintNamesInItsOrder() throws Exception {
        PolicyEngine engine = new PolicyEngine(Policies.defaults(), image -> List.of("team-web", "stable"));
        ImageEntry entry = underTest(ImageEntry.empty(IMAGE), "2026.12.03.1", clock.instant());

        Decision decision = engine.afterQa(entry, v("2026.12.03.1"), true, clock.advance(Duration.ofMinutes(5)));

        assertEquals(Map.of("team-web", v("2026.12.03.1"), "stable", v("2026.12.03.1")),
                decision.after().channels());
        assertEquals(List.of("team-web", "stable"), decision.channelChanges().stream()
                .map(ChannelChange::channel).toList());
    }

    @Test
    void failedQaMovesTheVersionToFailedAndLeavesTheChannelsWhereTheyAre() throws Exception {
        PolicyEngine engine = engine(Policies.defaults());
        ImageEntry entry = stableVersion(engine, ImageEntry.empty(IMAGE), "2026.12.03.1");
        entry = underTest(entry, "2026.12.04.1", clock.advance(Duration.ofDays(1)));

        Decision decision = engine.afterQa(entry, v("2026.12.04.1"), false, clock.advance(Duration.ofMinutes(5)));

        assertEquals(FAILED, state(assertInvariants(decision.after()), "2026.12.04.1"));
        assertEquals("QA failed", decision.transition().reason());
        assertEquals(Map.of("latest", v("2026.12.03.1"), "stable", v("2026.12.03.1")), decision.after().channels());
        assertTrue(decision.channelChanges().isEmpty());
    }

    @Test
    void soakingVersionStaysTestingWithLatestOnItUntilTheSoakEndsToTheInstant() throws Exception {
        Duration soak = Duration.ofDays(2);
        PolicyEngine engine = engine(policies(true, soak, List.of()));
        ImageEntry entry = underTest(ImageEntry.empty(IMAGE), "2026.12.03.1", clock.instant());
        Instant passed = clock.advance(Duration.ofMinutes(5));

        Decision decision = engine.afterQa(entry, v("2026.12.03.1"), true, passed);

        entry = assertInvariants(decision.after());
        assertNull(decision.transition());
        assertEquals(TESTING, state(entry, "2026.12.03.1"));
        assertEquals(Map.of("latest", v("2026.12.03.1")), entry.channels());
        assertEquals(List.of(new ChannelChange("latest", null, "2026.12.03.1")), decision.channelChanges());
        assertEquals("QA passed; soaking until 2026-12-05T10:05:00Z", decision.explanation());

        assertEquals(List.of(), engine.tick(List.of(entry), clock.set(passed.plus(soak).minusMillis(1))));

        List<Moved> promoted = engine.tick(List.of(entry), clock.set(passed.plus(soak)));

        assertEquals(1, promoted.size());
        ImageEntry after = assertInvariants(promoted.get(0).entry());
        assertEquals(STABLE, state(after, "2026.12.03.1"));
        assertEquals(passed.plus(soak), after.version(v("2026.12.03.1")).orElseThrow().since());
        assertEquals("QA passed at 2026-12-03T10:05:00Z and soaked 2 days", promoted.get(0).transition().reason());
        assertEquals(List.of(new ChannelChange("stable", null, "2026.12.03.1")),
                promoted.get(0).transition().channelChanges());
        assertEquals(List.of(), engine.tick(List.of(after), clock.instant()), "a second tick finds nothing to do");
    }

    @Test
    void versionThatFailsARerunDuringItsSoakFailsAndLatestFallsBackToTheStableVersion() throws Exception {
        PolicyEngine engine = engine(policies(true, Duration.ofDays(2), List.of()));
        ImageEntry entry = stableVersion(engine(Policies.defaults()), ImageEntry.empty(IMAGE), "2026.12.03.1");
        entry = underTest(entry, "2026.12.04.1", clock.advance(Duration.ofDays(1)));
        entry = engine.afterQa(entry, v("2026.12.04.1"), true, clock.advance(Duration.ofMinutes(5))).after();
        assertEquals(v("2026.12.04.1"), entry.channels().get("latest"));

        Decision failed = engine.afterQa(entry, v("2026.12.04.1"), false, clock.advance(Duration.ofHours(1)));

        assertEquals(FAILED, state(assertInvariants(failed.after()), "2026.12.04.1"));
        assertEquals(List.of(new ChannelChange("latest", "2026.12.04.1", "2026.12.03.1")), failed.channelChanges());
        assertEquals(List.of(), engine.tick(List.of(failed.after()), clock.advance(Duration.ofDays(3))));
    }

    @Test
    void redeliveredQaResultChangesNothing() throws Exception {
        PolicyEngine engine = engine(Policies.defaults());
        ImageEntry entry = underTest(ImageEntry.empty(IMAGE), "2026.12.03.1", clock.instant());
        ImageEntry promoted = engine.afterQa(entry, v("2026.12.03.1"), true, clock.advance(Duration.ofMinutes(5)))
                .after();

        Decision again = engine.afterQa(promoted, v("2026.12.03.1"), true, clock.advance(Duration.ofMinutes(1)));

        assertFalse(again.changed());
        assertEquals(promoted, again.after());
        assertEquals("QA pass of 2026.12.03.1 was recorded already at 2026-12-03T10:05:00Z", again.explanation());
    }

    @Test
    void qaResultForAVersionThatIsNotUnderTestIsRefused() throws Exception {
        PolicyEngine engine = engine(Policies.defaults());
        ImageEntry stable = stableVersion(engine, ImageEntry.empty(IMAGE), "2026.12.03.1");

        RefusedException refused = assertThrows(RefusedException.class,
                () -> engine.afterQa(stable, v("2026.12.03.1"), false, clock.instant()));
        RefusedException unknown = assertThrows(RefusedException.class,
                () -> engine.afterQa(stable, v("2026.12.09.1"), true, clock.instant()));

        assertEquals("debian-12-minimal 2026.12.03.1 is stable, not testing: a QA result cannot fail it",
                refused.getMessage());
        assertEquals("debian-12-minimal has no version 2026.12.09.1", unknown.getMessage());
    }

    @Test
    void withPromoteAfterQaOffAPassedVersionWaitsForAPerson() throws Exception {
        PolicyEngine engine = engine(policies(false, Duration.ZERO, List.of()));
        ImageEntry entry = underTest(ImageEntry.empty(IMAGE), "2026.12.03.1", clock.instant());

        Decision decision = engine.afterQa(entry, v("2026.12.03.1"), true, clock.advance(Duration.ofMinutes(5)));

        assertEquals(TESTING, state(decision.after(), "2026.12.03.1"));
        assertEquals("QA passed; stays testing until someone promotes it (promote.after-qa is off)",
                decision.explanation());
        assertEquals(List.of(), engine.tick(List.of(decision.after()), clock.advance(Duration.ofDays(365))));

        Decision promoted = engine.promote(decision.after(), v("2026.12.03.1"), "alice", "checked by hand",
                clock.instant());

        assertEquals(STABLE, state(assertInvariants(promoted.after()), "2026.12.03.1"));
        assertEquals("by alice: checked by hand", promoted.transition().reason());
        assertEquals(v("2026.12.03.1"), promoted.after().channels().get("stable"));
    }

    @Test
    void approvalChannelWaitsForItsApprovalWhileTheOthersArePublished() throws Exception {
        PolicyEngine engine = engine(policies(true, Duration.ZERO, List.of("stable")));
        ImageEntry entry = underTest(ImageEntry.empty(IMAGE), "2026.12.03.1", clock.instant());

        Decision promoted = engine.afterQa(entry, v("2026.12.03.1"), true, clock.advance(Duration.ofMinutes(5)));

        entry = assertInvariants(promoted.after());
        assertEquals(STABLE, state(entry, "2026.12.03.1"));
        assertEquals(Map.of("latest", v("2026.12.03.1")), entry.channels());
        assertEquals("QA passed: 2026.12.03.1 promoted to stable; channel stable waits for approval",
                promoted.explanation());

        Decision approved = engine.approve(entry, v("2026.12.03.1"), "stable", "alice", clock.advance(
                Duration.ofHours(3)));

        assertEquals(Map.of("latest", v("2026.12.03.1"), "stable", v("2026.12.03.1")),
                assertInvariants(approved.after()).channels());
        assertNull(approved.transition());
        assertEquals(List.of(new ChannelChange("stable", null, "2026.12.03.1")), approved.channelChanges());
        assertEquals("channel stable now points at 2026.12.03.1, approved by alice at 2026-12-03T13:05:00Z",
                approved.explanation());
        assertFalse(engine.approve(approved.after(), v("2026.12.03.1"), "stable", "bob", clock.instant()).changed());
    }

    @Test
    void approvalIsRefusedForAVersionNotYetStableAChannelWithoutApprovalAndAStepBack() throws Exception {
        PolicyEngine engine = engine(policies(true, Duration.ofDays(1), List.of("stable")));
        ImageEntry entry = underTest(ImageEntry.empty(IMAGE), "2026.12.03.1", clock.instant());
        ImageEntry soaking = engine.afterQa(entry, v("2026.12.03.1"), true, clock.advance(Duration.ofMinutes(5)))
                .after();

        RefusedException notStable = assertThrows(RefusedException.class,
                () -> engine.approve(soaking, v("2026.12.03.1"), "stable", "alice", clock.instant()));
        RefusedException notGated = assertThrows(RefusedException.class,
                () -> engine.approve(soaking, v("2026.12.03.1"), "latest", "alice", clock.instant()));
        RefusedException notAChannel = assertThrows(RefusedException.class,
                () -> engine.approve(soaking, v("2026.12.03.1"), "beta", "alice", clock.instant()));

        assertEquals("debian-12-minimal 2026.12.03.1 is testing: only a stable version can be approved for stable",
                notStable.getMessage());
        assertEquals("channel latest needs no approval: policy publishes to it (approval channels: stable)",
                notGated.getMessage());
        assertEquals("debian-12-minimal does not publish to channel beta (its channels: stable, latest)",
                notAChannel.getMessage());

        ImageEntry one = engine.tick(List.of(soaking), clock.advance(Duration.ofDays(1))).get(0).entry();
        ImageEntry two = engine.tick(List.of(engine.afterQa(underTest(one, "2026.12.05.1", clock.instant()),
                v("2026.12.05.1"), true, clock.instant()).after()), clock.advance(Duration.ofDays(1))).get(0).entry();
        ImageEntry approvedTwo = engine.approve(two, v("2026.12.05.1"), "stable", "alice", clock.instant()).after();

        RefusedException back = assertThrows(RefusedException.class,
                () -> engine.approve(approvedTwo, v("2026.12.03.1"), "stable", "alice", clock.instant()));
        assertEquals("channel stable of debian-12-minimal points at 2026.12.05.1, newer than 2026.12.03.1; an"
                + " approval does not move a channel back", back.getMessage());
    }

    @Test
    void latestAsAnApprovalChannelCanBeApprovedOnceQaPassedEvenDuringTheSoak() throws Exception {
        PolicyEngine engine = engine(policies(true, Duration.ofDays(1), List.of("latest")));
        ImageEntry entry = underTest(ImageEntry.empty(IMAGE), "2026.12.03.1", clock.instant());

        RefusedException early = assertThrows(RefusedException.class,
                () -> engine.approve(entry, v("2026.12.03.1"), "latest", "alice", clock.instant()));
        Decision soaking = engine.afterQa(entry, v("2026.12.03.1"), true, clock.advance(Duration.ofMinutes(5)));
        Decision approved = engine.approve(soaking.after(), v("2026.12.03.1"), "latest", "alice", clock.instant());

        assertEquals("debian-12-minimal 2026.12.03.1 is testing and has not passed QA: only a version that passed QA"
                + " can be approved for latest", early.getMessage());
        assertEquals(Map.of(), soaking.after().channels());
        assertTrue(soaking.explanation().endsWith("; channel latest waits for approval"), soaking.explanation());
        assertEquals(Map.of("latest", v("2026.12.03.1")), assertInvariants(approved.after()).channels());
    }

    @Test
    void channelsNeverMoveBackWhenAnOlderVersionIsPromotedAfterANewerOne() throws Exception {
        PolicyEngine engine = engine(Policies.defaults());
        ImageEntry entry = underTest(ImageEntry.empty(IMAGE), "2026.12.03.1", clock.instant());
        entry = underTest(entry, "2026.12.03.2", clock.advance(Duration.ofMinutes(1)));
        entry = engine.afterQa(entry, v("2026.12.03.2"), true, clock.advance(Duration.ofMinutes(5))).after();
        Instant newerStable = clock.instant();

        Decision older = engine.afterQa(entry, v("2026.12.03.1"), true, clock.advance(Duration.ofHours(1)));

        entry = assertInvariants(older.after());
        assertEquals(STABLE, state(entry, "2026.12.03.1"));
        assertEquals(Map.of("latest", v("2026.12.03.2"), "stable", v("2026.12.03.2")), entry.channels());
        assertTrue(older.channelChanges().isEmpty());
        // Superseded from when both were stable, not from when the newer one was.
        assertEquals(List.of(), engine.tick(List.of(entry), newerStable.plus(Duration.ofDays(7))));
        List<Moved> deprecated = engine.tick(List.of(entry), clock.advance(Duration.ofDays(7)));
        assertEquals(DEPRECATED, state(deprecated.get(0).entry(), "2026.12.03.1"));
    }

    private ImageEntry stableVersion(PolicyEngine engine, ImageEntry entry, String version) throws Exception {
        ImageEntry tested = underTest(entry, version, clock.instant());
        ImageEntry promoted = engine.afterQa(tested, v(version), true, clock.advance(Duration.ofMinutes(5)))
                .after();
        assertEquals(STABLE, state(promoted, version));
        return promoted;
    }

    private static PolicyEngine engine(Policies policies) {
        return new PolicyEngine(policies, image -> List.of());
    }

    static Policies policies(boolean afterQa, Duration soak, List<String> approvalChannels) {
        Policies defaults = Policies.defaults();
        return new Policies(new Policies.Promote(afterQa, soak, approvalChannels), defaults.deprecate(),
                defaults.revoke(), defaults.retire());
    }
}
