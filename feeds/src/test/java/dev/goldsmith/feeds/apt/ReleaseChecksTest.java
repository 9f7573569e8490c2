package dev.goldsmith.feeds.apt;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.goldsmith.feeds.FeedException;
import org.junit.jupiter.api.Test;

class ReleaseChecksTest {

    private static final String SOURCE = "http://example.org/debian/dists/stable-security/InRelease";
    private static final Instant DATE = Instant.parse("2026-12-02T06:00:01Z");
    private static final Instant VALID_UNTIL = Instant.parse("2026-12-09T06:00:01Z");

    private static Release release(Instant date, Instant validUntil) {
        return new Release(SOURCE, "Example", "Example", "stable-security", "example-security", "13", date,
                validUntil, List.of("amd64"), List.of("main"), true, Map.of());
    }

    private static ReleaseChecks at(String instant) {
        return new ReleaseChecks(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void acceptsACurrentReleaseForTheRequestedSuiteOrCodename() {
        Release release = release(DATE, VALID_UNTIL);

        assertDoesNotThrow(() -> at("2026-12-03T00:00:00Z").check(release, "stable-security", DATE));
        assertDoesNotThrow(() -> at("2026-12-03T00:00:00Z").check(release, "example-security", null));
    }

    @Test
    void rejectsAReleasePastItsValidUntil() {
        FeedException e = assertThrows(FeedException.class,
                () -> at("2026-12-09T06:00:01Z").checkCurrent(release(DATE, VALID_UNTIL)));

        assertEquals(FeedException.Kind.EXPIRED, e.kind());
        assertEquals(SOURCE + ": Release expired at 2026-12-09T06:00:01Z (Valid-Until); it is now"
                + " 2026-12-09T06:00:01Z", e.getMessage());
    }

    @Test
    void rejectsAReleaseDatedFurtherAheadThanTheClockSkewAllows() {
        ReleaseChecks checks = new ReleaseChecks(Clock.fixed(DATE.minusSeconds(600), ZoneOffset.UTC),
                Duration.ofMinutes(5));

        FeedException e = assertThrows(FeedException.class, () -> checks.checkCurrent(release(DATE, null)));

        assertEquals(FeedException.Kind.EXPIRED, e.kind());
        assertEquals(SOURCE + ": Release is not valid yet: its Date 2026-12-02T06:00:01Z is 600 s ahead of this"
                + " host's clock 2026-12-02T05:50:01Z", e.getMessage());
        assertDoesNotThrow(() -> new ReleaseChecks(Clock.fixed(DATE.minusSeconds(299), ZoneOffset.UTC))
                .checkCurrent(release(DATE, null)));
    }

    @Test
    void rejectsAReleaseWithoutDate() {
        FeedException e = assertThrows(FeedException.class,
                () -> at("2026-12-03T00:00:00Z").checkCurrent(release(null, null)));

        assertEquals(FeedException.Kind.MALFORMED, e.kind());
    }

    @Test
    void rejectsAReleaseOlderThanTheOneSeenBeforeButAcceptsTheSameOneAgain() {
        Release release = release(DATE, null);

        FeedException e = assertThrows(FeedException.class,
                () -> ReleaseChecks.checkNotRolledBack(release, DATE.plusSeconds(1)));

        assertEquals(FeedException.Kind.ROLLBACK, e.kind());
        assertEquals(SOURCE + ": Release Date 2026-12-02T06:00:01Z is older than the 2026-12-02T06:00:02Z already"
                + " seen; refusing to go back", e.getMessage());
        assertDoesNotThrow(() -> ReleaseChecks.checkNotRolledBack(release, DATE));
        assertDoesNotThrow(() -> ReleaseChecks.checkNotRolledBack(release, null));
    }

    @Test
    void rejectsAReleaseSignedForAnotherSuiteAsASignatureFailure() {
        FeedException e = assertThrows(FeedException.class,
                () -> at("2026-12-03T00:00:00Z").check(release(DATE, VALID_UNTIL), "oldstable-security", null));

        assertEquals(FeedException.Kind.SIGNATURE, e.kind());
        assertEquals(SOURCE + ": Release is signed for Suite 'stable-security', Codename 'example-security', not for"
                + " the requested 'oldstable-security'", e.getMessage());
    }

    @Test
    void realBookwormReleaseMatchesItsCodenameAndItsSuite() throws Exception {
        Release bookworm = ReleaseParserTest.realBookworm();
        ReleaseChecks checks = at("2026-12-03T00:00:00Z");

        assertDoesNotThrow(() -> checks.check(bookworm, "bookworm", Instant.parse("2026-05-16T09:00:00Z")));
        assertDoesNotThrow(() -> checks.check(bookworm, "oldstable", null));
        assertThrows(FeedException.class, () -> checks.check(bookworm, "trixie", null));
    }
}
