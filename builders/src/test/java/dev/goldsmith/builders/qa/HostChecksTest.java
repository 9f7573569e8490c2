package dev.goldsmith.builders.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.catalog.event.Severity;
import dev.goldsmith.catalog.image.InstalledPackage;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.impact.AvailableVersions;
import dev.goldsmith.catalog.version.VersionScheme;
import org.junit.jupiter.api.Test;

class HostChecksTest {

    private static final List<AdvisoryData> ALMA9 = Fixtures.osvAdvisories("almalinux/almalinux9");

    @Test
    void almaLinuxImageFailsForTheKernelWhoseFixIsOfferedAndWaitsForLibndp() {
        Manifest manifest = almaImage("5.14.0-570.12.1.el9_6");
        AvailableVersions available = new AvailableVersions();
        available.published(rpm("kernel", "5.14.0-611.24.1.el9_7"));

        CheckResult result = HostChecks.advisories(manifest, ALMA9, available);

        assertFalse(result.passed());
        assertEquals(HostChecks.ADVISORIES, result.name());
        assertEquals(CheckResult.Origin.HOST, result.origin());
        String detail = result.detail();
        assertTrue(detail.startsWith("fix available but not installed: kernel 5.14.0-570.12.1.el9_6, fixed in "
                + "5.14.0-570.46.1.el9_6 (ALSA-2025:16398"), detail);
        assertTrue(detail.contains("kernel 5.14.0-570.12.1.el9_6, fixed in 5.14.0-611.20.1.el9_7 (ALSA-2026:0445"),
                detail);
        assertTrue(detail.contains("kernel 5.14.0-570.12.1.el9_6, fixed in 5.14.0-611.24.1.el9_7 (ALSA-2026:0793"),
                detail);
        assertTrue(detail.contains("(4 packages checked against 13 advisories)"), detail);
        assertTrue(detail.endsWith("; waiting for a fix to be offered: libndp 1.8-6.el9_4 (ALSA-2024:4636 "
                + "CVE-2024-5564)"), detail);
        assertFalse(detail.contains("runc"), "runc is at the fixed version, epoch included: " + detail);
    }

    @Test
    void rebuiltAlmaLinuxImagePassesWhileLibndpStillWaitsForItsFix() {
        AvailableVersions available = new AvailableVersions();
        available.published(rpm("kernel", "5.14.0-611.24.1.el9_7"));

        CheckResult result = HostChecks.advisories(almaImage("5.14.0-611.24.1.el9_7"), ALMA9, available);

        assertTrue(result.passed(), result.detail());
        assertEquals("4 packages checked against 13 advisories; waiting for a fix to be offered: libndp "
                + "1.8-6.el9_4 (ALSA-2024:4636 CVE-2024-5564)", result.detail());
    }

    @Test
    void debianImageFromTheRealBookwormIndexFailsWhereBookwormSecurityOffersTheFix() {
        List<Fixtures.Stanza> main = Fixtures.debianPackages("Packages.bookworm-main-amd64.2000-stanzas.txt");
        Manifest manifest = Fixtures.manifest("debian-12-big", "debian-12", 1, Fixtures.installed(main));
        AvailableVersions available = new AvailableVersions();
        Fixtures.published("bookworm-security", "debian-12",
                Fixtures.debianPackages("Packages.bookworm-security-main-amd64.300-stanzas.txt"))
                .forEach(available::published);
        // Synthetic advisories by source package; their fixed versions are the ones the real security index has.
        List<AdvisoryData> advisories = List.of(
                dsa("DSA-9001-1", "imagemagick", "8:6.9.11.60+dfsg-1.6+deb12u16"),
                dsa("DSA-9002-1", "thunderbird", "1:153.8.0esr-1~deb12u1"),
                dsa("DSA-9003-1", "dpdk", "22.11.7-1~deb12u1"));

        CheckResult result = HostChecks.advisories(manifest, advisories, available);

        assertFalse(result.passed());
        assertEquals("fix available but not installed: "
                + "imagemagick-6.q16hdri 8:6.9.11.60+dfsg-1.6+deb12u11, fixed in 8:6.9.11.60+dfsg-1.6+deb12u16 "
                + "(DSA-9001-1 CVE-2099-9001); "
                + "thunderbird-l10n-cy 1:140.12.0esr-1~deb12u1, fixed in 1:153.8.0esr-1~deb12u1 (DSA-9002-1 "
                + "CVE-2099-9002); "
                + "thunderbird-l10n-lv 1:140.12.0esr-1~deb12u1, fixed in 1:153.8.0esr-1~deb12u1 (DSA-9002-1 "
                + "CVE-2099-9002) (" + main.size() + " packages checked against 3 advisories)", result.detail(),
                "dpdk 22.11.11-0+deb12u1 is newer than the fix 22.11.7-1~deb12u1 in dpkg order");
    }

    @Test
    void ubuntuImageWaitsUntilTheFixedDjangoIsOfferedThenFails() {
        List<AdvisoryData> usn = Fixtures.osvAdvisories("ubuntu/usn");
        Manifest manifest = Fixtures.manifest("trusty-web", "ubuntu-14.04", 1,
                List.of(new InstalledPackage("python-django", "1.6.1-2", "all", null)));
        AvailableVersions available = new AvailableVersions();

        CheckResult before = HostChecks.advisories(manifest, usn, available);
        available.published(new PackageData("trusty-security", "ubuntu-14.04", "python-django", "1.6.1-2ubuntu0.1",
                "all", "python-django", "1.6.1-2ubuntu0.1", new PackageData.PackageFile("pool/d.deb", 1,
                        Fixtures.SHA)));
        CheckResult after = HostChecks.advisories(manifest, usn, available);

        assertTrue(before.passed(), before.detail());
        assertTrue(before.detail().endsWith("waiting for a fix to be offered: python-django 1.6.1-2 (USN-2169-1 "
                + "CVE-2014-0472 CVE-2014-0473 CVE-2014-0474)"), before.detail());
        assertFalse(after.passed());
        assertTrue(after.detail().startsWith("fix available but not installed: python-django 1.6.1-2, fixed in "
                + "1.6.1-2ubuntu0.1 (USN-2169-1"), after.detail());
    }

    @Test
    void artifactSizeIsCheckedOnlyAgainstABudget() {
        Manifest small = Fixtures.manifest("img", "debian-12", 700L << 20, List.of());
        Manifest large = Fixtures.manifest("img", "debian-12", (5L << 30) / 2, List.of());
        QaBudgets budgets = new QaBudgets(2L << 30, null);

        CheckResult fits = HostChecks.artifactSize(small, budgets).orElseThrow();
        CheckResult over = HostChecks.artifactSize(large, budgets).orElseThrow();

        assertTrue(fits.passed());
        assertEquals("700.0 MiB is within the budget of 2.0 GiB", fits.detail());
        assertFalse(over.passed());
        assertEquals("2.5 GiB exceeds the budget of 2.0 GiB", over.detail());
        assertTrue(HostChecks.artifactSize(large, QaBudgets.NONE).isEmpty());
    }

    @Test
    void bootTimeIsCheckedAgainstItsBudgetAndFailsWhenUnknown() {
        QaBudgets budgets = new QaBudgets(null, Duration.ofSeconds(60));

        CheckResult quick = HostChecks.bootTime(Duration.ofMillis(23_400), budgets).orElseThrow();
        CheckResult slow = HostChecks.bootTime(Duration.ofSeconds(75), budgets).orElseThrow();
        CheckResult unknown = HostChecks.bootTime(null, budgets).orElseThrow();

        assertEquals("booted in 23.4 s, within the budget of 60.0 s", quick.detail());
        assertTrue(quick.passed());
        assertEquals("booted in 75.0 s, over the budget of 60.0 s", slow.detail());
        assertFalse(slow.passed());
        assertFalse(unknown.passed());
        assertEquals("boot time unknown: the VM did not report it; the budget is 60.0 s", unknown.detail());
        assertTrue(HostChecks.bootTime(Duration.ofHours(1), QaBudgets.NONE).isEmpty());
    }

    @Test
    void allChecksTheBudgetsTheSuiteSets() {
        Manifest manifest = almaImage("5.14.0-611.24.1.el9_7");

        List<CheckResult> none = HostChecks.all(manifest, ALMA9, new AvailableVersions(), QaBudgets.NONE, null);
        List<CheckResult> both = HostChecks.all(manifest, ALMA9, new AvailableVersions(),
                new QaBudgets(1L << 30, Duration.ofSeconds(60)), Duration.ofSeconds(20));

        assertEquals(List.of(HostChecks.ADVISORIES), none.stream().map(CheckResult::name).toList());
        assertEquals(List.of(HostChecks.ADVISORIES, HostChecks.ARTIFACT_SIZE, HostChecks.BOOT_TIME),
                both.stream().map(CheckResult::name).toList());
        assertTrue(both.stream().allMatch(CheckResult::passed), both.toString());
    }

    private static Manifest almaImage(String kernel) {
        return Fixtures.manifest("alma-9-base", "almalinux-9", 900L << 20, List.of(
                new InstalledPackage("kernel", kernel, "x86_64", null),
                new InstalledPackage("runc", "4:1.3.0-4.el9_7", "x86_64", null),
                new InstalledPackage("libndp", "1.8-6.el9_4", "x86_64", null),
                new InstalledPackage("openssh-server", "8.7p1-43.el9", "x86_64", "openssh")));
    }

    private static PackageData rpm(String name, String version) {
        return new PackageData("alma-baseos", "almalinux-9", name, version, "x86_64", name, version,
                new PackageData.PackageFile("Packages/" + name + ".rpm", 1, Fixtures.SHA));
    }

    private static AdvisoryData dsa(String id, String source, String fixed) {
        Instant when = Instant.parse("2026-12-01T00:00:00Z");
        return new AdvisoryData(id, List.of("CVE-2099-" + id.substring(4, 8)), Severity.HIGH, when, when,
                "debian-security-test", List.of(new AdvisoryData.AffectedPackage("debian-12", source,
                        VersionScheme.DPKG, null, fixed, null)));
    }
}
