package dev.goldsmith.catalog.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventTypeTest {

    @Test
    void coversTheTopicTableOfTheArchitecture() {
        Map<Topic, List<String>> expected = new EnumMap<>(Topic.class);
        expected.put(Topic.PACKAGES, List.of("package.published", "package.withdrawn"));
        expected.put(Topic.ADVISORIES, List.of("advisory.published", "advisory.updated"));
        expected.put(Topic.REBUILDS, List.of("rebuild.requested"));
        expected.put(Topic.BUILDS, List.of("build.succeeded", "build.failed"));
        expected.put(Topic.QA, List.of("qa.passed", "qa.failed"));
        expected.put(Topic.CATALOG, List.of("image.promoted", "image.deprecated", "image.revoked", "image.retired"));
        expected.put(Topic.DEAD_LETTERS, List.of("dead-letter"));

        Map<Topic, List<String>> actual = Arrays.stream(EventType.values()).collect(Collectors.groupingBy(
                EventType::topic, () -> new EnumMap<>(Topic.class),
                Collectors.mapping(EventType::eventName, Collectors.toList())));

        assertEquals(expected, actual);
    }

    @Test
    void writesTheVersionedCloudEventsType() {
        assertEquals("dev.goldsmith.package.published.v1", EventType.PACKAGE_PUBLISHED.cloudEventType());
        assertEquals("dev.goldsmith.dead-letter.v1", EventType.DEAD_LETTER.cloudEventType());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void parsesItsOwnType(EventType type) {
        assertEquals(type, EventType.fromType(type.cloudEventType()));
    }

    @Test
    void rejects_unknown_event_name() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventType.fromType("dev.goldsmith.image.exploded.v1"));

        assertTrue(e.getMessage().startsWith("unknown event type 'dev.goldsmith.image.exploded.v1'; known names:"
                + " package.published, "), e.getMessage());
    }

    @Test
    void rejects_unsupported_version_and_names_the_supported_one() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventType.fromType("dev.goldsmith.qa.failed.v7"));

        assertEquals("event type 'dev.goldsmith.qa.failed.v7' has unsupported version v7; this build reads"
                + " dev.goldsmith.qa.failed.v1", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"package.published", "dev.goldsmith.package.published", "dev.goldsmith.v1",
        "dev.goldsmith.package.published.vX", "org.other.package.published.v1", ""})
    void rejects_malformed_type(String type) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventType.fromType(type));

        assertEquals("event type '" + type + "' is not of the form dev.goldsmith.<name>.v<version>", e.getMessage());
    }

    @Test
    void rejects_null_type() {
        assertEquals("event type is required, was null",
                assertThrows(IllegalArgumentException.class, () -> EventType.fromType(null)).getMessage());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void samplePayloadFitsItsType(EventType type) {
        EventData data = Samples.dataFor(type);

        type.requireFits(data);

        assertTrue(type.dataClass().isInstance(data));
    }

    @Test
    void rejects_payload_of_another_type() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventType.BUILD_FAILED.requireFits(Samples.built()));

        assertEquals("build.failed carries BuildFailed, not BuildSucceeded", e.getMessage());
    }

    @Test
    void rejects_transition_to_another_state_than_the_type_names() {
        ImageTransition deprecation = Samples.transition(LifecycleState.STABLE, LifecycleState.DEPRECATED);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventType.IMAGE_REVOKED.requireFits(deprecation));

        assertEquals("image.revoked of web-base 2025.03.04.1 must move to REVOKED, was to DEPRECATED",
                e.getMessage());
    }

    @Test
    void acceptsWithdrawnPackageWithoutFile() {
        PackageData p = Samples.openssl("3.0.11-1~deb12u2");
        PackageData withoutFile = new PackageData(p.repositoryId(), p.distribution(), p.name(), p.version(),
                p.architecture(), p.sourceName(), p.sourceVersion(), null);

        EventType.PACKAGE_WITHDRAWN.requireFits(withoutFile);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventType.PACKAGE_PUBLISHED.requireFits(withoutFile));

        assertEquals("package.published of openssl 3.0.11-1~deb12u2 needs its file (filename, size, sha256), was"
                + " null", e.getMessage());
    }
}
