package dev.goldsmith.catalog.event;

import dev.goldsmith.catalog.version.VersionScheme;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class EventDataTest {

    @Test
    void rejects_blank_required_text_naming_field_and_value() {
        assertMessage("repositoryId must not be blank, was ' '", () -> new PackageData(" ", "debian-12", "openssl",
                "3.0.15-1", "amd64", "openssl", "3.0.15-1", null));
        assertMessage("image must not be blank, was null", () -> new RebuildRequest(null,
                List.of(Samples.reason("openssl", "3.0.15-1")), false, Instant.EPOCH));
    }

    @Test
    void rejects_malformed_checksum() {
        assertMessage("file.sha256 must be 64 lowercase hex digits, was 'ABC'",
                () -> new PackageData.PackageFile("pool/a.deb", 1, "ABC"));
        assertMessage("sha256 must be 64 lowercase hex digits, was '" + Samples.SHA.toUpperCase() + "'",
                () -> new BuildSucceeded("web-base", "1", "kvm-01", "/a.qcow2", Samples.SHA.toUpperCase(), 1,
                        List.of()));
    }

    @Test
    void rejects_negative_sizes_and_durations() {
        assertMessage("file.size must not be negative, was -1",
                () -> new PackageData.PackageFile("pool/a.deb", -1, Samples.SHA));
        assertMessage("duration of step provision must not be negative, was PT-1S",
                () -> new StepTiming("provision", Duration.ofSeconds(-1)));
    }

    @Test
    void copiesListsSoLaterChangesDoNotLeakIn() {
        List<String> aliases = new ArrayList<>(List.of("CVE-2025-0001"));
        AdvisoryData advisory = new AdvisoryData("DSA-1", aliases, Severity.HIGH, Instant.EPOCH, Instant.EPOCH,
                "debian-security-tracker", Samples.dsa(Instant.EPOCH).affected());

        aliases.add("CVE-2025-9999");

        assertEquals(List.of("CVE-2025-0001"), advisory.aliases());
        assertThrows(UnsupportedOperationException.class, () -> advisory.aliases().add("CVE-2025-9999"));
    }

    @Test
    void rejects_null_list_element_naming_its_index() {
        assertMessage("reasons[1] is required, was null", () -> new RebuildRequest("web-base",
                Arrays.asList(Samples.reason("openssl", "3.0.15-1"), null), false, Instant.EPOCH));
        assertMessage("aliases[0] must not be blank, was ''", () -> new AdvisoryData("DSA-1", List.of(""),
                Severity.LOW, Instant.EPOCH, Instant.EPOCH, "osv", Samples.dsa(Instant.EPOCH).affected()));
    }

    @Test
    void rejects_rebuild_request_without_reasons() {
        assertMessage("reasons must not be empty", () -> new RebuildRequest("web-base", List.of(), true,
                Instant.EPOCH));
    }

    @Test
    void rejects_range_that_ends_both_in_a_fix_and_a_last_affected_version() {
        assertMessage("affected openssl in debian-12 states both fixed '3.0.15-1' and lastAffected '3.0.14-1'; a"
                + " range ends in one of them", () -> new AdvisoryData.AffectedPackage("debian-12", "openssl",
                        VersionScheme.DPKG, null, "3.0.15-1", "3.0.14-1"));
    }

    @Test
    void tellsWhetherAFixExists() {
        List<AdvisoryData.AffectedPackage> affected = Samples.dsa(Instant.EPOCH).affected();

        assertTrue(affected.get(0).hasFix());
        assertFalse(affected.get(1).hasFix());
    }

    @Test
    void rejects_qa_counts_that_do_not_add_up() {
        assertMessage("failures 3 + errors 1 + skipped 0 exceed tests 2", () -> new QaResult("web-base", "1",
                "smoke", 2, 3, 1, 0, null, null));
    }

    @Test
    void rejects_transition_that_stays_in_its_state() {
        assertMessage("from and to are both STABLE for web-base 1", () -> new ImageTransition("web-base", "1",
                LifecycleState.STABLE, LifecycleState.STABLE, "no-op", List.of()));
    }

    @Test
    void rejects_channel_change_that_does_not_move() {
        assertMessage("channel stable does not move: previousVersion and newVersion are both 1",
                () -> new ImageTransition.ChannelChange("stable", "1", "1"));
    }

    @Test
    void allowsChannelToBeLeftPointingNowhere() {
        ImageTransition.ChannelChange change = new ImageTransition.ChannelChange("stable", "2025.03.04.1", null);

        assertEquals(null, change.newVersion());
    }

    @Test
    void keysFollowTheTopicTable() {
        assertEquals("debian-security", Samples.openssl("1").key());
        assertEquals("DSA-5678-1", Samples.dsa(Instant.EPOCH).key());
        assertEquals("web-base", Samples.rebuild(Samples.reason("openssl", "1")).key());
        assertEquals("web-base", Samples.built().key());
        assertEquals("web-base", Samples.qa(0).key());
        assertEquals("web-base", Samples.transition(LifecycleState.TESTING, LifecycleState.STABLE).key());
        assertEquals("web-base", Samples.deadLetter(null).key());
    }

    @Test
    void allowsDeadLetterWithoutKeyOrEventId() {
        DeadLetter letter = new DeadLetter("goldsmith.packages", null, null, "not JSON", "\u0000garbage",
                Instant.EPOCH);

        assertEquals(null, letter.key());
    }

    private static void assertMessage(String expected, Executable construction) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, construction).getMessage());
    }
}
