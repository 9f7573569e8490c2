package dev.goldsmith.catalog.policy;

import static dev.goldsmith.catalog.event.LifecycleState.DEPRECATED;
import static dev.goldsmith.catalog.event.LifecycleState.FAILED;
import static dev.goldsmith.catalog.event.LifecycleState.RETIRED;
import static dev.goldsmith.catalog.event.LifecycleState.REVOKED;
import static dev.goldsmith.catalog.event.LifecycleState.STABLE;
import static dev.goldsmith.catalog.policy.Catalogs.assertInvariants;
import static dev.goldsmith.catalog.policy.Catalogs.state;
import static dev.goldsmith.catalog.policy.Catalogs.underTest;
import static dev.goldsmith.catalog.policy.Catalogs.v;
import static dev.goldsmith.catalog.policy.Catalogs.walked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.goldsmith.catalog.event.ImageTransition.ChannelChange;
import dev.goldsmith.catalog.state.ImageEntry;
import dev.goldsmith.catalog.state.ImageEntry.Moved;
import org.junit.jupiter.api.Test;

class TickTest {

    private static final String IMAGE = "debian-12-minimal";
    private static final Instant T0 = Instant.parse("2026-09-01T10:00:00Z");
    private static final Duration GRACE = Duration.ofDays(7);
    private static final Duration MAX_AGE = Duration.ofDays(90);

    private final MutableClock clock = new MutableClock(T0);
    private final PolicyEngine engine = new PolicyEngine(Policies.defaults(), image -> List.of());

    @Test
    void supersededStableVersionIsDeprecatedWhenTheGracePeriodEndsToTheInstant() throws Exception {
        ImageEntry entry = promoted(ImageEntry.empty(IMAGE), "2026.12.03.1");
        entry = promoted(entry, "2026.12.04.1");
        Instant newerStable = entry.version(v("2026.12.04.1")).orElseThrow().since();

        assertEquals(List.of(), engine.tick(List.of(entry), clock.set(newerStable.plus(GRACE).minusMillis(1))));
        List<Moved> moves = engine.tick(List.of(entry), clock.set(newerStable.plus(GRACE)));

        assertEquals(1, moves.size());
        ImageEntry after = assertInvariants(moves.get(0).entry());
        assertEquals(DEPRECATED, state(after, "2026.12.03.1"));
        assertEquals(STABLE, state(after, "2026.12.04.1"));
        assertEquals("superseded by 2026.12.04.1 for 7 days", moves.get(0).transition().reason());
        assertEquals(Map.of("latest", v("2026.12.04.1"), "stable", v("2026.12.04.1")), after.channels());
        assertEquals(List.of(), engine.tick(List.of(after), clock.instant()), "a second tick finds nothing to do");
    }

    @Test
    void graceIsCountedFromWhenTheFirstNewerVersionBecameStable() throws Exception {
        ImageEntry entry = promoted(ImageEntry.empty(IMAGE), "2026.12.03.1");
        entry = promoted(entry, "2026.12.04.1");
        Instant firstNewer = clock.instant();
        clock.advance(Duration.ofDays(3));
        entry = promoted(entry, "2026.12.07.1");

        List<Moved> moves = engine.tick(List.of(entry), clock.set(firstNewer.plus(GRACE)));

        assertEquals(List.of("2026.12.03.1"), moves.stream().map(m -> m.transition().version()).toList());
        assertEquals("superseded by 2026.12.04.1 for 7 days", moves.get(0).transition().reason());

        ImageEntry after = moves.get(0).entry();
        Instant thirdStable = after.version(v("2026.12.07.1")).orElseThrow().since();
        assertEquals(List.of(), engine.tick(List.of(after), thirdStable.plus(GRACE).minusMillis(1)));
        List<Moved> later = engine.tick(List.of(after), thirdStable.plus(GRACE));

        assertEquals(List.of("2026.12.04.1"), later.stream().map(m -> m.transition().version()).toList());
        assertEquals("superseded by 2026.12.07.1 for 7 days", later.get(0).transition().reason());
    }

    @Test
    void zeroGraceDeprecatesInTheSameTickThatPromotesTheSoakedSuccessor() throws Exception {
        Policies defaults = Policies.defaults();
        PolicyEngine soaking = new PolicyEngine(new Policies(new Policies.Promote(true, Duration.ofHours(6),
                List.of()), new Policies.Deprecate(Duration.ZERO), defaults.revoke(), defaults.retire()),
                image -> List.of());
        ImageEntry entry = promoted(ImageEntry.empty(IMAGE), "2026.12.03.1");
        entry = underTest(entry, "2026.12.04.1", clock.advance(Duration.ofDays(1)));
        entry = soaking.afterQa(entry, v("2026.12.04.1"), true, clock.advance(Duration.ofMinutes(5))).after();

        List<Moved> moves = soaking.tick(List.of(entry), clock.advance(Duration.ofHours(6)));

        assertEquals(List.of("testing->stable 2026.12.04.1", "stable->deprecated 2026.12.03.1"), moves.stream()
                .map(m -> m.transition().from().name().toLowerCase() + "->"
                        + m.transition().to().name().toLowerCase() + " " + m.transition().version()).toList());
        assertEquals("superseded by 2026.12.04.1 for 0 seconds", moves.get(1).transition().reason());
        assertEquals(List.of(new ChannelChange("stable", "2026.12.03.1", "2026.12.04.1")),
                moves.get(0).transition().channelChanges());
        assertInvariants(moves, IMAGE, entry);
    }

    @Test
    void retiresByAgeWhileKeepingTheNewestUsableVersionsWhateverTheOthersAre() throws Exception {
        // Oldest first: failed, deprecated, revoked, deprecated, deprecated, stable, testing. keep 3 keeps the newest
        // three usable ones (the stable and two deprecated); revoked and failed count for nothing.
        ImageEntry entry = walked(ImageEntry.empty(IMAGE), "2026.09.01.1", T0, FAILED);
        entry = walked(entry, "2026.09.02.1", T0.plus(Duration.ofDays(1)), STABLE, DEPRECATED);
        entry = walked(entry, "2026.09.03.1", T0.plus(Duration.ofDays(2)), STABLE, REVOKED);
        entry = walked(entry, "2026.09.04.1", T0.plus(Duration.ofDays(3)), STABLE, DEPRECATED);
        entry = walked(entry, "2026.09.05.1", T0.plus(Duration.ofDays(4)), STABLE, DEPRECATED);
        entry = walked(entry, "2026.09.06.1", T0.plus(Duration.ofDays(5)), STABLE);
        entry = walked(entry, "2026.09.07.1", T0.plus(Duration.ofDays(6)));
        entry = entry.point("stable", v("2026.09.06.1")).orElseThrow().entry()
                .point("old", v("2026.09.02.1")).orElseThrow().entry();

        assertEquals(List.of(), engine.tick(List.of(entry), clock.set(T0.plus(MAX_AGE).minusSeconds(1))));
        List<Moved> moves = engine.tick(List.of(entry), clock.set(T0.plus(MAX_AGE).plus(Duration.ofDays(30))));

        assertEquals(Map.of("2026.09.01.1", "failed and older than 90 days",
                "2026.09.02.1", "older than 90 days; 3 newer versions kept",
                "2026.09.03.1", "revoked and older than 90 days"), reasons(moves));
        assertEquals(List.of("2026.09.01.1", "2026.09.02.1", "2026.09.03.1"), versions(moves));
        ImageEntry after = assertInvariants(moves, IMAGE, entry);
        assertEquals(List.of(RETIRED, RETIRED, RETIRED, DEPRECATED, DEPRECATED, STABLE),
                after.versions().stream().limit(6).map(ver -> ver.state()).toList());
        assertEquals(Map.of("old", v("2026.09.06.1"), "stable", v("2026.09.06.1")), after.channels(),
                "the channel on the retired version moves to the newest stable one");
        assertEquals(List.of(new ChannelChange("old", "2026.09.02.1", "2026.09.06.1")),
                moves.get(1).transition().channelChanges());
    }

    @Test
    void maxAgeIsCountedFromCreationToTheInstant() throws Exception {
        ImageEntry entry = walked(ImageEntry.empty(IMAGE), "2026.09.01.1", T0, FAILED);

        assertEquals(List.of(), engine.tick(List.of(entry), T0.plus(MAX_AGE).minusMillis(1)));
        List<Moved> moves = engine.tick(List.of(entry), T0.plus(MAX_AGE));

        assertEquals(List.of("2026.09.01.1"), versions(moves));
    }

    @Test
    void keepsEveryDeprecatedVersionWhileThereAreNoMoreThanKeepUsableOnes() throws Exception {
        ImageEntry entry = walked(ImageEntry.empty(IMAGE), "2026.09.01.1", T0, STABLE, DEPRECATED);
        entry = walked(entry, "2026.09.02.1", T0, STABLE, DEPRECATED);
        entry = walked(entry, "2026.09.03.1", T0, STABLE, REVOKED);
        entry = walked(entry, "2026.09.04.1", T0, STABLE, DEPRECATED);

        List<Moved> moves = engine.tick(List.of(entry), clock.set(T0.plus(Duration.ofDays(400))));

        assertEquals(List.of("2026.09.03.1"), versions(moves));
    }

    @Test
    void stableVersionsAreNeverRetiredByAge() throws Exception {
        ImageEntry entry = walked(ImageEntry.empty(IMAGE), "2026.09.01.1", T0, STABLE);

        assertEquals(List.of(), engine.tick(List.of(entry), T0.plus(Duration.ofDays(4000))));
    }

    @Test
    void sameEntriesInAnyOrderGiveTheSameTransitionsInTheSameOrder() throws Exception {
        List<ImageEntry> entries = new ArrayList<>();
        for (String image : List.of("web", "alma-9-base", "db", "cache")) {
            ImageEntry entry = walked(ImageEntry.empty(image), "2026.09.01.1", T0, FAILED);
            entry = walked(entry, "2026.09.02.1", T0, STABLE, DEPRECATED);
            entries.add(walked(entry, "2026.09.03.1", T0, STABLE));
        }
        Instant later = T0.plus(Duration.ofDays(200));
        PolicyEngine keepOne = new PolicyEngine(new Policies(Policies.defaults().promote(),
                Policies.defaults().deprecate(), Policies.defaults().revoke(), new Policies.Retire(MAX_AGE, 1)),
                image -> List.of());

        List<Moved> first = keepOne.tick(entries, later);
        List<ImageEntry> backwards = new ArrayList<>(entries);
        Collections.reverse(backwards);
        List<Moved> reversed = keepOne.tick(backwards, later);

        assertEquals(first, reversed);
        assertEquals(List.of("alma-9-base", "alma-9-base", "cache", "cache", "db", "db", "web", "web"),
                first.stream().map(m -> m.transition().image()).toList());
        assertEquals(List.of("2026.09.01.1", "2026.09.02.1"), first.subList(0, 2).stream()
                .map(m -> m.transition().version()).toList());
    }

    @Test
    void sameImageTwiceIsRefused() throws Exception {
        ImageEntry entry = walked(ImageEntry.empty(IMAGE), "2026.09.01.1", T0, STABLE);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> engine.tick(List.of(entry, entry), T0));

        assertTrue(refused.getMessage().contains("debian-12-minimal is given twice"), refused.getMessage());
    }

    /** Puts a new version under test and lets it pass QA now; the default policies promote it at once. */
    private ImageEntry promoted(ImageEntry entry, String version) throws Exception {
        ImageEntry tested = underTest(entry, version, clock.advance(Duration.ofHours(1)));
        return engine.afterQa(tested, v(version), true, clock.advance(Duration.ofMinutes(5))).after();
    }

    private static List<String> versions(List<Moved> moves) {
        return moves.stream().map(m -> m.transition().version()).toList();
    }

    private static Map<String, String> reasons(List<Moved> moves) {
        Map<String, String> reasons = new TreeMap<>();
        moves.forEach(m -> reasons.put(m.transition().version(), m.transition().reason()));
        return reasons;
    }
}
