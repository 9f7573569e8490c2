package dev.goldsmith.catalog.lifecycle;

import static dev.goldsmith.catalog.event.LifecycleState.BUILDING;
import static dev.goldsmith.catalog.event.LifecycleState.BUILT;
import static dev.goldsmith.catalog.event.LifecycleState.DEPRECATED;
import static dev.goldsmith.catalog.event.LifecycleState.FAILED;
import static dev.goldsmith.catalog.event.LifecycleState.RETIRED;
import static dev.goldsmith.catalog.event.LifecycleState.REVOKED;
import static dev.goldsmith.catalog.event.LifecycleState.STABLE;
import static dev.goldsmith.catalog.event.LifecycleState.TESTING;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import dev.goldsmith.catalog.event.LifecycleState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LifecycleTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "BUILDING, BUILT", "BUILDING, FAILED", "BUILT, TESTING", "BUILT, FAILED", "TESTING, STABLE",
        "TESTING, FAILED", "TESTING, REVOKED", "STABLE, DEPRECATED", "STABLE, REVOKED", "DEPRECATED, RETIRED",
        "DEPRECATED, REVOKED", "REVOKED, RETIRED", "FAILED, RETIRED"})
    void allowsTheTransitionsOfTheArchitecture(LifecycleState from, LifecycleState to) {
        assertDoesNotThrow(() -> Lifecycle.check("web", "2026.12.03.1", from, to));
    }

    @Test
    void refusesSkippingQaWithAReasonNamingWhatIsAllowed() {
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> Lifecycle.check("web", "2026.12.03.1", BUILT, STABLE));

        assertEquals("web 2026.12.03.1 cannot go from built to stable: from built it can only go to testing or failed",
                e.getMessage());
    }

    @Test
    void nothingLeavesRetiredAndNothingGoesBack() {
        for (LifecycleState to : LifecycleState.values()) {
            assertThrows(IllegalTransitionException.class, () -> Lifecycle.check("web", "1", RETIRED, to));
        }
        assertThrows(IllegalTransitionException.class, () -> Lifecycle.check("web", "1", REVOKED, STABLE));
        assertThrows(IllegalTransitionException.class, () -> Lifecycle.check("web", "1", DEPRECATED, STABLE));
        assertEquals(Set.of(), Lifecycle.next(RETIRED));
    }

    @Test
    void channelsNeverPointAtRevokedRetiredOrFailedVersions() {
        assertTrue(Lifecycle.channelsMayPointAt(STABLE));
        assertTrue(Lifecycle.channelsMayPointAt(DEPRECATED));
        assertFalse(Lifecycle.channelsMayPointAt(REVOKED));
        assertFalse(Lifecycle.channelsMayPointAt(RETIRED));
        assertFalse(Lifecycle.channelsMayPointAt(FAILED));
        assertFalse(Lifecycle.channelsMayPointAt(BUILDING));
        assertTrue(Lifecycle.channelsMayPointAt(TESTING) && Lifecycle.channelsMayPointAt(BUILT),
                "a team's own channel may follow versions under test");
    }
}
