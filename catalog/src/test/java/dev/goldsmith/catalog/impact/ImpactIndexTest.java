package dev.goldsmith.catalog.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.catalog.event.Severity;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.InstalledPackage;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.version.VersionScheme;
import org.junit.jupiter.api.Test;

class ImpactIndexTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    static Manifest manifest(String image, String version, String distro, InstalledPackage... packages) {
        return new Manifest(image, ImageVersionId.parse(version), distro, "0.0.1", List.of(packages),
                new Manifest.Artifact("/images/" + image + ".qcow2", "qcow2", SHA, 1), "local",
                List.of(new Manifest.Step("provision", Duration.ofSeconds(1))), List.of(),
                Instant.parse("2026-12-01T00:00:00Z"));
    }

    private static PackageData published(String distro, String name, String version) {
        return new PackageData("bookworm-security", distro, name, version, "amd64", name, version,
                new PackageData.PackageFile("pool/" + name + ".deb", 1, SHA));
    }

    @Test
    void newerVersionReachesExactlyTheImagesHoldingAnOlderOneInOrderOfDpkg() {
        ImpactIndex index = new ImpactIndex();
        index.add(manifest("web", "2026.12.01.1", "debian-12",
                new InstalledPackage("libssl3", "3.0.15-1~deb12u1", "amd64", "openssl")));
        index.add(manifest("db", "2026.12.01.1", "debian-12",
                new InstalledPackage("libssl3", "3.0.16-1~deb12u1", "amd64", "openssl")));
        index.add(manifest("alma", "2026.12.01.1", "almalinux-9",
                new InstalledPackage("libssl3", "3.0.1-1.el9", "x86_64", "openssl")));

        List<ImageImpact> impacts = index.packagesPublished(List.of(
                published("debian-12", "libssl3", "3.0.16-1~deb12u1"),
                published("debian-12", "libssl3", "3.0.16~rc1-1")));

        assertEquals(1, impacts.size(), "only web holds an older libssl3; ~rc1 sorts before the release");
        assertEquals("web", impacts.get(0).image().image());
        Change change = impacts.get(0).changes().get(0);
        assertEquals("3.0.15-1~deb12u1", change.installed());
        assertEquals("3.0.16-1~deb12u1", change.available());
    }

    @Test
    void advisoryReachesImagesInItsRangeBySourceOrBinaryNameWithRpmOrdering() {
        ImpactIndex index = new ImpactIndex();
        index.add(manifest("alma-java", "2026.12.01.1", "almalinux-8",
                new InstalledPackage("java-1.8.0-openjdk", "1:1.8.0.402.b06-2.el8", "x86_64", null)));
        index.add(manifest("alma-fixed", "2026.12.01.1", "almalinux-8",
                new InstalledPackage("java-1.8.0-openjdk", "1:1.8.0.412.b08-2.el8", "x86_64", null)));
        index.add(manifest("alma-no-epoch", "2026.12.01.1", "almalinux-8",
                new InstalledPackage("java-1.8.0-openjdk", "1.8.0.999-1.el8", "x86_64", null)));
        AdvisoryData alsa = new AdvisoryData("ALSA-2024:1818", List.of("CVE-2024-21011"), Severity.MEDIUM,
                Instant.parse("2024-04-18T00:00:00Z"), Instant.parse("2024-04-18T00:00:00Z"), "alma-osv",
                List.of(new AdvisoryData.AffectedPackage("almalinux-8", "java-1.8.0-openjdk", VersionScheme.RPM,
                        null, "1:1.8.0.412.b08-2.el8", null)));

        AvailableVersions available = new AvailableVersions();
        assertTrue(index.advisory(alsa, available).stream().allMatch(ImageImpact::waitingForFix),
                "until the fixed package is published the images wait for it");
        available.published(new PackageData("alma-appstream", "almalinux-8", "java-1.8.0-openjdk",
                "1:1.8.0.412.b08-2.el8", "x86_64", "java-1.8.0-openjdk", "1:1.8.0.412.b08-2.el8",
                new PackageData.PackageFile("Packages/java.rpm", 1, SHA)));

        List<ImageImpact> impacts = index.advisory(alsa, available);

        assertEquals(List.of("alma-java", "alma-no-epoch"),
                impacts.stream().map(i -> i.image().image()).sorted().toList(),
                "a missing epoch is epoch 0, below the fix's epoch 1");
        Change change = impacts.stream().filter(i -> i.image().image().equals("alma-java")).findFirst()
                .orElseThrow().changes().get(0);
        assertEquals("1:1.8.0.412.b08-2.el8", change.available());
        assertEquals(List.of("ALSA-2024:1818"), change.advisories());
        assertEquals(List.of("CVE-2024-21011"), change.cves());
        assertEquals(Severity.MEDIUM, change.severity());
    }

    @Test
    void advisoryWithoutFixMarksTheImageWaitingAndRemovedVersionsAreNotReached() {
        ImpactIndex index = new ImpactIndex();
        index.add(manifest("web", "2026.12.01.1", "debian-12",
                new InstalledPackage("libpam0g", "1.5.2-6+deb12u1", "amd64", "pam")));
        index.add(manifest("web", "2026.11.01.1", "debian-12",
                new InstalledPackage("libpam0g", "1.5.2-6", "amd64", "pam")));
        index.remove("web", ImageVersionId.parse("2026.11.01.1"));
        AdvisoryData cve = new AdvisoryData("CVE-2024-22365", List.of(), Severity.LOW,
                Instant.parse("2024-02-06T00:00:00Z"), Instant.parse("2024-02-06T00:00:00Z"), "ubuntu-osv",
                List.of(new AdvisoryData.AffectedPackage("debian-12", "pam", VersionScheme.DPKG, null, null, null)));

        List<ImageImpact> impacts = index.advisory(cve, new AvailableVersions());

        assertEquals(1, impacts.size());
        assertEquals("2026.12.01.1", impacts.get(0).image().version().toString());
        assertTrue(impacts.get(0).waitingForFix());
        assertNull(impacts.get(0).changes().get(0).available());
        assertEquals(1, index.size());
    }
}
