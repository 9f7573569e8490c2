package dev.goldsmith.catalog.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventIdsTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void sameFactTwiceGetsTheSameId(EventType type) {
        String first = EventIds.of(type, Samples.dataFor(type));
        String second = EventIds.of(type, Samples.dataFor(type));

        assertEquals(first, second);
        assertEquals(5, UUID.fromString(first).version());
    }

    @Test
    void everyTypeGivesItsSampleADifferentId() {
        long distinct = Arrays.stream(EventType.values())
                .map(type -> EventIds.of(type, Samples.dataFor(type)))
                .distinct()
                .count();

        assertEquals(EventType.values().length, distinct);
    }

    @Test
    void keepsTheIdsAlreadyStored() {
        // Computed independently with Python: uuid.uuid5(NAMESPACE, name) for the name the class comment defines.
        assertEquals("e7136845-9fb0-5716-b423-56edbaf59ef7",
                EventIds.of(EventType.PACKAGE_PUBLISHED, Samples.openssl("3.0.15-1~deb12u2")));
        assertEquals(UUID.fromString("e158a50b-102b-51af-a409-e25993022954"),
                EventIds.nameBased(EventType.DEAD_LETTER, Arrays.asList("goldsmith.builds", null, "\u00e9")));
    }

    @Test
    void packageIdDependsOnVersionAndArchitecture() {
        PackageData p = Samples.openssl("3.0.15-1~deb12u2");
        PackageData arm = new PackageData(p.repositoryId(), p.distribution(), p.name(), p.version(), "arm64",
                p.sourceName(), p.sourceVersion(), p.file());

        String id = EventIds.of(EventType.PACKAGE_PUBLISHED, p);

        assertNotEquals(id, EventIds.of(EventType.PACKAGE_PUBLISHED, Samples.openssl("3.0.15-1~deb12u3")));
        assertNotEquals(id, EventIds.of(EventType.PACKAGE_PUBLISHED, arm));
        assertNotEquals(id, EventIds.of(EventType.PACKAGE_WITHDRAWN, p));
    }

    @Test
    void packageIdIgnoresWhereTheFileLies() {
        PackageData p = Samples.openssl("3.0.15-1~deb12u2");
        PackageData moved = new PackageData(p.repositoryId(), p.distribution(), p.name(), p.version(),
                p.architecture(), p.sourceName(), p.sourceVersion(),
                new PackageData.PackageFile("pool/other/openssl.deb", 1, Samples.SHA));

        assertEquals(EventIds.of(EventType.PACKAGE_PUBLISHED, p), EventIds.of(EventType.PACKAGE_PUBLISHED, moved));
    }

    @Test
    void advisoryIdChangesWithTheRevisionOnly() {
        Instant modified = Instant.parse("2025-03-02T10:00:00Z");
        AdvisoryData a = Samples.dsa(modified);
        AdvisoryData rerated = new AdvisoryData(a.advisoryId(), a.aliases(), Severity.LOW, a.published(),
                a.modified(), a.sourceFeed(), a.affected());

        assertEquals(EventIds.of(EventType.ADVISORY_UPDATED, a), EventIds.of(EventType.ADVISORY_UPDATED, rerated));
        assertNotEquals(EventIds.of(EventType.ADVISORY_UPDATED, a),
                EventIds.of(EventType.ADVISORY_UPDATED, Samples.dsa(modified.plusSeconds(1))));
    }

    @Test
    void rebuildIdIgnoresOrderOfReasonsAndDependsOnTargets() {
        RebuildRequest.Reason openssl = Samples.reason("openssl", "3.0.15-1~deb12u2");
        RebuildRequest.Reason libssl = Samples.reason("libssl3", "3.0.15-1~deb12u2");

        String id = EventIds.of(EventType.REBUILD_REQUESTED, Samples.rebuild(openssl, libssl));

        assertEquals(id, EventIds.of(EventType.REBUILD_REQUESTED, Samples.rebuild(libssl, openssl)));
        assertNotEquals(id, EventIds.of(EventType.REBUILD_REQUESTED,
                Samples.rebuild(openssl, Samples.reason("libssl3", "3.0.15-1~deb12u3"))));
    }

    @Test
    void transitionIdDependsOnTheTargetState() {
        ImageTransition deprecated = Samples.transition(LifecycleState.STABLE, LifecycleState.DEPRECATED);
        ImageTransition retired = Samples.transition(LifecycleState.STABLE, LifecycleState.RETIRED);

        assertNotEquals(EventIds.of(EventType.IMAGE_DEPRECATED, deprecated),
                EventIds.of(EventType.IMAGE_RETIRED, retired));
    }

    @Test
    void deadLetterWithoutEventIdIsIdentifiedByItsPayload() {
        DeadLetter a = new DeadLetter("goldsmith.builds", null, null, "not JSON", "abc", Instant.EPOCH);
        DeadLetter again = new DeadLetter("goldsmith.builds", null, null, "still not JSON", "abc", Instant.MAX);
        DeadLetter other = new DeadLetter("goldsmith.builds", null, null, "not JSON", "abd", Instant.EPOCH);

        assertEquals(EventIds.of(EventType.DEAD_LETTER, a), EventIds.of(EventType.DEAD_LETTER, again));
        assertNotEquals(EventIds.of(EventType.DEAD_LETTER, a), EventIds.of(EventType.DEAD_LETTER, other));
    }

    @Test
    void lengthPrefixKeepsFieldBoundariesApart() {
        assertNotEquals(EventIds.nameBased(EventType.BUILD_SUCCEEDED, List.of("web-base1", "2")),
                EventIds.nameBased(EventType.BUILD_SUCCEEDED, List.of("web-base", "12")));
        assertNotEquals(EventIds.nameBased(EventType.BUILD_SUCCEEDED, Arrays.asList("a", null)),
                EventIds.nameBased(EventType.BUILD_SUCCEEDED, List.of("a", "-")));
    }

    @Test
    void rejects_data_that_does_not_fit_the_type() {
        assertEquals("qa.failed carries QaResult, not BuildSucceeded", assertThrows(IllegalArgumentException.class,
                () -> EventIds.of(EventType.QA_FAILED, Samples.built())).getMessage());
    }
}
