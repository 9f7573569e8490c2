package dev.goldsmith.catalog.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class PoliciesTest {

    @Test
    void refusesNegativeDurationsNamingTheField() {
        assertEquals("promote.soak must not be negative, was PT-1H", assertThrows(IllegalArgumentException.class,
                () -> new Policies.Promote(true, Duration.ofHours(-1), List.of())).getMessage());
        assertEquals("deprecate.grace must not be negative, was PT-1S", assertThrows(IllegalArgumentException.class,
                () -> new Policies.Deprecate(Duration.ofSeconds(-1))).getMessage());
        assertEquals("retire.max-age must not be negative, was PT-2400H", assertThrows(IllegalArgumentException.class,
                () -> new Policies.Retire(Duration.ofDays(-100), 3)).getMessage());
        assertEquals("deprecate.grace is required, was null", assertThrows(IllegalArgumentException.class,
                () -> new Policies.Deprecate(null)).getMessage());
    }

    @Test
    void refusesKeepBelowOne() {
        assertEquals("retire.keep must be at least 1, was 0", assertThrows(IllegalArgumentException.class,
                () -> new Policies.Retire(Duration.ofDays(90), 0)).getMessage());
    }

    @Test
    void refusesApprovalChannelsThatAreNotChannelNamesOrAreListedTwice() {
        IllegalArgumentException slash = assertThrows(IllegalArgumentException.class,
                () -> new Policies.Promote(true, Duration.ZERO, List.of("stable", "team/web")));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> new Policies.Promote(true, Duration.ZERO, List.of("stable", "latest", "stable")));

        assertEquals("promote.approval-channels[1]: 'team/web' is not a channel name: use up to 128 letters, digits,"
                + " '.', '_' and '-', starting and ending with a letter or digit", slash.getMessage());
        assertEquals("promote.approval-channels[2]: channel 'stable' is listed twice", twice.getMessage());
    }

    @Test
    void channelNamesFollowTheBlueprintRule() {
        for (String good : List.of("stable", "latest", "team-web.2", "Beta_1")) {
            assertTrue(Policies.channelNameProblem(good).isEmpty(), good);
        }
        for (String bad : List.of("", "-stable", "stable.", "../x", "a b", "x".repeat(129))) {
            assertFalse(Policies.channelNameProblem(bad).isEmpty(), bad);
        }
    }

    @Test
    void zeroDurationsAreAllowed() {
        Policies none = new Policies(new Policies.Promote(true, Duration.ZERO, List.of()),
                new Policies.Deprecate(Duration.ZERO), new Policies.Revoke(true),
                new Policies.Retire(Duration.ZERO, 1));

        assertTrue(none.promote().soak().isZero());
        assertFalse(none.promote().needsApproval("stable"));
    }

    @Test
    void spansAreWrittenAsOperatorsReadThem() {
        assertEquals("7 days", Spans.text(Duration.ofDays(7)));
        assertEquals("1 day 12 hours", Spans.text(Duration.ofHours(36)));
        assertEquals("1 hour 30 minutes", Spans.text(Duration.ofMinutes(90)));
        assertEquals("0 seconds", Spans.text(Duration.ZERO));
        assertEquals("1 second 500 milliseconds", Spans.text(Duration.ofMillis(1500)));
    }
}
