package dev.goldsmith.catalog.event;

import dev.goldsmith.catalog.version.VersionScheme;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Realistic payloads for every event type, shared by the event tests. */
final class Samples {

    static final Instant NOW = Instant.parse("2025-03-04T05:06:07.123456Z");
    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private Samples() {
    }

    static Events events() {
        return new Events(Events.feedSource("debian-security"), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static PackageData openssl(String version) {
        return new PackageData("debian-security", "debian-12", "openssl", version, "amd64", "openssl", version,
                new PackageData.PackageFile("pool/updates/main/o/openssl/openssl_" + version + "_amd64.deb",
                        1_482_304L, SHA));
    }

    static AdvisoryData dsa(Instant modified) {
        return new AdvisoryData("DSA-5678-1", List.of("CVE-2025-0001", "CVE-2025-0002"), Severity.CRITICAL,
                Instant.parse("2025-03-01T00:00:00Z"), modified, "debian-security-tracker",
                List.of(new AdvisoryData.AffectedPackage("debian-12", "openssl", VersionScheme.DPKG, null,
                                "3.0.15-1~deb12u2", null),
                        new AdvisoryData.AffectedPackage("debian-11", "openssl", VersionScheme.DPKG, "1.1.1n-0",
                                null, null, Remediation.NONE_AVAILABLE)));
    }

    static RebuildRequest rebuild(RebuildRequest.Reason... reasons) {
        return new RebuildRequest("web-base", List.of(reasons), true, NOW);
    }

    static RebuildRequest.Reason reason(String packageName, String available) {
        return new RebuildRequest.Reason(packageName, "3.0.15-1~deb12u1", available, List.of("DSA-5678-1"),
                List.of("CVE-2025-0001"), Severity.CRITICAL);
    }

    static BuildSucceeded built() {
        return new BuildSucceeded("web-base", "2025.03.04.1", "kvm-01.lab", "/var/lib/goldsmith/web-base.qcow2",
                SHA, 734_003_200L, List.of(new StepTiming("create-disk", Duration.ofMillis(1500)),
                        new StepTiming("provision", Duration.ofSeconds(312))));
    }

    static QaResult qa(int failures) {
        return new QaResult("web-base", "2025.03.04.1", "smoke", 12, failures, 0, 1,
                "images/web-base/2025.03.04.1/qa.xml", failures == 0 ? null : failures + " tests failed");
    }

    static ImageTransition transition(LifecycleState from, LifecycleState to) {
        return new ImageTransition("web-base", "2025.03.04.1", from, to, "QA suite smoke passed",
                List.of(new ImageTransition.ChannelChange("stable", "2025.02.20.1", "2025.03.04.1")));
    }

    static DeadLetter deadLetter(String originalEventId) {
        return new DeadLetter("goldsmith.builds", "web-base", originalEventId, "libvirt host kvm-01 unreachable",
                "{\"not\": \"an event\"}", NOW);
    }

    /** Returns a payload that fits {@code type}. */
    static EventData dataFor(EventType type) {
        return switch (type) {
            case PACKAGE_PUBLISHED, PACKAGE_WITHDRAWN -> openssl("3.0.15-1~deb12u2");
            case ADVISORY_PUBLISHED, ADVISORY_UPDATED -> dsa(Instant.parse("2025-03-02T10:00:00Z"));
            case REBUILD_REQUESTED -> rebuild(reason("openssl", "3.0.15-1~deb12u2"), reason("libssl3", "3.0.15-1"));
            case BUILD_SUCCEEDED -> built();
            case BUILD_FAILED -> new BuildFailed("web-base", "2025.03.04.2", null, "boot-builder",
                    "domain did not reach the guest agent within 300 s",
                    List.of(new StepTiming("boot-builder", Duration.ofMinutes(5))));
            case QA_PASSED -> qa(0);
            case QA_FAILED -> qa(2);
            case IMAGE_PROMOTED -> transition(LifecycleState.TESTING, LifecycleState.STABLE);
            case IMAGE_DEPRECATED -> transition(LifecycleState.STABLE, LifecycleState.DEPRECATED);
            case IMAGE_REVOKED -> transition(LifecycleState.STABLE, LifecycleState.REVOKED);
            case IMAGE_RETIRED -> transition(LifecycleState.DEPRECATED, LifecycleState.RETIRED);
            case DEAD_LETTER -> deadLetter(null);
        };
    }

    /** Returns a complete event of {@code type}, as a producer would build it. */
    static CloudEvent eventOf(EventType type) {
        return events().create(type, dataFor(type));
    }

    static URI catalogSource() {
        return Events.componentSource("catalog");
    }
}
