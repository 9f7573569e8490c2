package dev.goldsmith.catalog.policy;

import static dev.goldsmith.catalog.event.LifecycleState.DEPRECATED;
import static dev.goldsmith.catalog.event.LifecycleState.REVOKED;
import static dev.goldsmith.catalog.event.LifecycleState.STABLE;
import static dev.goldsmith.catalog.policy.Catalogs.assertInvariants;
import static dev.goldsmith.catalog.policy.Catalogs.deb;
import static dev.goldsmith.catalog.policy.Catalogs.manifest;
import static dev.goldsmith.catalog.policy.Catalogs.rpm;
import static dev.goldsmith.catalog.policy.Catalogs.state;
import static dev.goldsmith.catalog.policy.Catalogs.v;
import static dev.goldsmith.catalog.policy.Catalogs.walked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.AdvisoryData.AffectedPackage;
import dev.goldsmith.catalog.event.ImageTransition.ChannelChange;
import dev.goldsmith.catalog.event.Remediation;
import dev.goldsmith.catalog.event.Severity;
import dev.goldsmith.catalog.image.InstalledPackage;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.state.ImageEntry;
import dev.goldsmith.catalog.state.ImageEntry.Moved;
import dev.goldsmith.catalog.version.VersionScheme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The revoke policy against real advisories. The feed parsers live in {@code feeds}, which {@code catalog} may not
 * use, so each advisory is written out here as the parser reads the fixture file named beside it
 * ({@code /work/shared/fixtures}, see its README): OSV {@code introduced: "0"} is no lower bound, an AlmaLinux
 * ecosystem {@code AlmaLinux:9} is release {@code almalinux-9}, Ubuntu's {@code Ubuntu:22.04:LTS} is
 * {@code ubuntu-22.04}, and a CSAF product on CPE {@code enterprise_linux:9} is {@code rhel-9}.
 */
class RevokeTest {

    private static final String ALMA = "alma-9-runner";
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");

    /**
     * {@code osv/almalinux/almalinux9/ALSA-2025:20957.json}: "Important: runc security update", related
     * CVE-2025-31133, CVE-2025-52565, CVE-2025-52881; one package, runc in AlmaLinux:9, introduced 0, fixed
     * {@code 4:1.3.0-4.el9_7}; published 2025-11-11, modified 2025-11-19T09:31:22Z.
     */
    private static final AdvisoryData ALSA_2025_20957 = new AdvisoryData("ALSA-2025:20957",
            List.of("CVE-2025-31133", "CVE-2025-52565", "CVE-2025-52881"), Severity.HIGH,
            Instant.parse("2025-11-11T00:00:00Z"), Instant.parse("2025-11-19T09:31:22Z"), "almalinux-osv",
            List.of(new AffectedPackage("almalinux-9", "runc", VersionScheme.RPM, null, "4:1.3.0-4.el9_7", null)));

    /**
     * {@code osv/ubuntu/cve/CVE-2024-22365.json}: source package pam, medium priority; in Ubuntu:22.04:LTS
     * introduced 0, fixed {@code 1.4.0-11ubuntu2.4} (the other four releases left out: no image here runs them).
     */
    private static final AdvisoryData CVE_2024_22365 = new AdvisoryData("CVE-2024-22365", List.of(),
            Severity.MEDIUM, Instant.parse("2024-01-17T00:00:00Z"), Instant.parse("2024-01-17T00:00:00Z"),
            "ubuntu-osv", List.of(new AffectedPackage("ubuntu-22.04", "pam", VersionScheme.DPKG, null,
                    "1.4.0-11ubuntu2.4", null)));

    /**
     * {@code osv/ubuntu/cve/CVE-2024-2236.json}: libgcrypt20 in Ubuntu:22.04:LTS with only {@code introduced: "0"}:
     * affected, and no fix named.
     */
    private static final AdvisoryData CVE_2024_2236 = new AdvisoryData("CVE-2024-2236", List.of(),
            Severity.UNKNOWN, Instant.parse("2024-03-06T22:15:00Z"), Instant.parse("2024-08-20T04:28:41Z"),
            "ubuntu-osv", List.of(new AffectedPackage("ubuntu-22.04", "libgcrypt20", VersionScheme.DPKG, null, null,
                    null)));

    /**
     * {@code csaf/vex/cve-2023-38545.json} (Red Hat VEX, current_release_date 2025-11-21): {@code product_status.fixed}
     * has {@code BaseOS-9.3.0.Z.MAIN:curl-0:7.76.1-26.el9_3.2.src} and {@code ...:libcurl-0:7.76.1-26.el9_3.2.x86_64},
     * the platform's CPE is {@code cpe:/o:redhat:enterprise_linux:9::baseos}, the remediation vendor_fix
     * (RHSA-2023:6745), the threat impact Important. Epoch 0 is left out of the version, as the CSAF parser does.
     */
    private static final AdvisoryData CVE_2023_38545 = new AdvisoryData("CVE-2023-38545", List.of(),
            Severity.HIGH, Instant.parse("2023-10-11T00:00:00Z"), Instant.parse("2025-11-21T14:31:32Z"),
            "redhat-vex", List.of(
                    new AffectedPackage("rhel-9", "curl", VersionScheme.RPM, null, "7.76.1-26.el9_3.2", null,
                            Remediation.VENDOR_FIX),
                    new AffectedPackage("rhel-9", "libcurl", VersionScheme.RPM, null, "7.76.1-26.el9_3.2", null,
                            Remediation.VENDOR_FIX)));

    private final PolicyEngine engine = new PolicyEngine(Policies.defaults(), image -> List.of());

    @ParameterizedTest(name = "newer stable has runc {0}: revoked {1}")
    @CsvSource(delimiter = '|', value = {
        "4:1.3.0-4.el9_7 | true  | the fixed version itself",
        "4:1.3.0-5.el9_7 | true  | a later release of it",
        "4:1.4.1-1.el9_7 | true  | a later upstream version",
        "4:1.3.0-3.el9_7 | false | one release below the fix",
        "1.3.0-4.el9_7   | false | the fixed version without its epoch, which orders below it"})
    void revokesOnlyWhenTheNewerStableVersionHasTheFixedVersionOrAbove(String newerRunc, boolean revoked,
            String why) throws Exception {
        ImageEntry entry = twoStable(ALMA);
        List<Manifest> manifests = List.of(
                manifest(ALMA, "2026.11.01.1", "almalinux-9", rpm("runc", "4:1.2.5-2.el9", "runc")),
                manifest(ALMA, "2026.11.02.1", "almalinux-9", rpm("runc", newerRunc, "runc")));

        Revocation result = engine.revoke(List.of(entry), manifests, ALSA_2025_20957, NOW);

        assertEquals(revoked ? 1 : 0, result.revoked().size(), why);
        if (revoked) {
            Moved moved = result.revoked().get(0);
            assertEquals(REVOKED, state(assertInvariants(moved.entry()), "2026.11.01.1"));
            assertEquals("ALSA-2025:20957 affects runc 4:1.2.5-2.el9; fixed in 2026.11.02.1 (runc " + newerRunc + ")",
                    moved.transition().reason());
            assertEquals(List.of(), result.kept());
        } else {
            assertEquals(List.of("alma-9-runner 2026.11.01.1 kept: ALSA-2025:20957 affects runc 4:1.2.5-2.el9, but"
                    + " no newer stable version has the fix: 2026.11.02.1 has runc " + newerRunc
                    + ", below the fix 4:1.3.0-4.el9_7", "alma-9-runner 2026.11.02.1 kept: ALSA-2025:20957 affects"
                    + " runc " + newerRunc + ", but no newer stable version replaces it"), result.kept());
        }
    }

    @Test
    void channelsOnTheRevokedVersionMoveToTheVersionWithTheFix() throws Exception {
        ImageEntry entry = twoStable(ALMA).point("stable", v("2026.11.01.1")).orElseThrow().entry()
                .point("latest", v("2026.11.02.1")).orElseThrow().entry();
        List<Manifest> manifests = List.of(
                manifest(ALMA, "2026.11.01.1", "almalinux-9", rpm("runc", "4:1.2.5-2.el9", "runc")),
                manifest(ALMA, "2026.11.02.1", "almalinux-9", rpm("runc", "4:1.3.0-4.el9_7", "runc")));

        Moved moved = engine.revoke(List.of(entry), manifests, ALSA_2025_20957, NOW).revoked().get(0);

        assertEquals(Map.of("latest", v("2026.11.02.1"), "stable", v("2026.11.02.1")),
                assertInvariants(moved.entry()).channels());
        assertEquals(List.of(new ChannelChange("stable", "2026.11.01.1", "2026.11.02.1")),
                moved.transition().channelChanges());
        assertEquals(NOW, moved.entry().version(v("2026.11.01.1")).orElseThrow().since());
    }

    @Test
    void deprecatedVersionsAreRevokedTooButTheFixingVersionAndOtherImagesAreNot() throws Exception {
        ImageEntry entry = walked(ImageEntry.empty(ALMA), "2026.11.01.1", T0, STABLE, DEPRECATED);
        entry = walked(entry, "2026.11.02.1", T0.plus(Duration.ofDays(1)), STABLE, DEPRECATED);
        entry = walked(entry, "2026.11.03.1", T0.plus(Duration.ofDays(2)), STABLE);
        ImageEntry other = twoStable("alma-8-runner");
        List<Manifest> manifests = List.of(
                manifest(ALMA, "2026.11.01.1", "almalinux-9", rpm("runc", "4:1.1.12-1.el9", "runc")),
                manifest(ALMA, "2026.11.02.1", "almalinux-9", rpm("runc", "4:1.2.5-2.el9", "runc")),
                manifest(ALMA, "2026.11.03.1", "almalinux-9", rpm("runc", "4:1.3.0-4.el9_7", "runc")),
                manifest("alma-8-runner", "2026.11.01.1", "almalinux-8", rpm("runc", "1:1.1.12-1.el8", "runc")),
                manifest("alma-8-runner", "2026.11.02.1", "almalinux-8", rpm("runc", "1:1.1.12-5.el8", "runc")));

        Revocation result = engine.revoke(List.of(other, entry), manifests, ALSA_2025_20957, NOW);

        assertEquals(List.of("2026.11.01.1", "2026.11.02.1"), result.revoked().stream()
                .map(m -> m.transition().version()).toList());
        ImageEntry after = assertInvariants(result.revoked().get(1).entry());
        assertEquals(List.of(REVOKED, REVOKED, STABLE), after.versions().stream().map(ver -> ver.state()).toList());
        assertEquals(List.of(), result.kept(), "the AlmaLinux 8 image is not affected by an AlmaLinux 9 advisory");
    }

    @Test
    void withoutANewerStableVersionTheAffectedVersionIsKeptAndTheResultSaysWhy() throws Exception {
        ImageEntry entry = walked(ImageEntry.empty(ALMA), "2026.11.01.1", T0, STABLE);
        entry = walked(entry, "2026.11.02.1", T0.plus(Duration.ofDays(1)));
        List<Manifest> manifests = List.of(
                manifest(ALMA, "2026.11.01.1", "almalinux-9", rpm("runc", "4:1.2.5-2.el9", "runc")),
                manifest(ALMA, "2026.11.02.1", "almalinux-9", rpm("runc", "4:1.3.0-4.el9_7", "runc")));

        Revocation result = engine.revoke(List.of(entry), manifests, ALSA_2025_20957, NOW);

        assertEquals(List.of(), result.revoked());
        assertEquals(List.of("alma-9-runner 2026.11.01.1 kept: ALSA-2025:20957 affects runc 4:1.2.5-2.el9, but no"
                + " newer stable version replaces it"), result.kept(), "a version still under test is no replacement");
    }

    @Test
    void binaryPackagesMatchTheAdvisoryBySourceNameInDpkgOrder() throws Exception {
        String image = "ubuntu-22-base";
        ImageEntry entry = twoStable(image);
        List<Manifest> manifests = List.of(
                manifest(image, "2026.11.01.1", "ubuntu-22.04", deb("libpam0g", "1.4.0-11ubuntu2.3", "pam"),
                        deb("libpam-modules", "1.4.0-11ubuntu2.3", "pam")),
                manifest(image, "2026.11.02.1", "ubuntu-22.04", deb("libpam0g", "1.4.0-11ubuntu2.4", "pam"),
                        deb("libpam-modules", "1.4.0-11ubuntu2.4", "pam")));

        Revocation result = engine.revoke(List.of(entry), manifests, CVE_2024_22365, NOW);

        assertEquals(1, result.revoked().size());
        assertEquals("CVE-2024-22365 affects libpam-modules 1.4.0-11ubuntu2.3, libpam0g 1.4.0-11ubuntu2.3; fixed in"
                + " 2026.11.02.1 (libpam-modules 1.4.0-11ubuntu2.4, libpam0g 1.4.0-11ubuntu2.4)",
                result.revoked().get(0).transition().reason());
    }

    @Test
    void advisoryWithoutAFixedVersionRevokesNothingAndSaysSo() throws Exception {
        String image = "ubuntu-22-base";
        ImageEntry entry = twoStable(image);
        List<Manifest> manifests = List.of(
                manifest(image, "2026.11.01.1", "ubuntu-22.04", deb("libgcrypt20", "1.9.4-3ubuntu3", null)),
                manifest(image, "2026.11.02.1", "ubuntu-22.04", deb("libgcrypt20", "1.9.4-3ubuntu3", null)));

        Revocation result = engine.revoke(List.of(entry), manifests, CVE_2024_2236, NOW);

        assertEquals(List.of(), result.revoked());
        assertEquals(List.of("ubuntu-22-base 2026.11.01.1 kept: CVE-2024-2236 affects libgcrypt20 1.9.4-3ubuntu3, but"
                + " no newer stable version has the fix: CVE-2024-2236 names no fixed version of libgcrypt20",
                "ubuntu-22-base 2026.11.02.1 kept: CVE-2024-2236 affects libgcrypt20 1.9.4-3ubuntu3, but no newer"
                + " stable version replaces it"), result.kept());
    }

    @Test
    void everyAffectedPackageMustBeFixedInTheSameNewerVersion() throws Exception {
        String image = "rhel-9-web";
        ImageEntry entry = twoStable(image);
        List<Manifest> partly = List.of(
                manifest(image, "2026.11.01.1", "rhel-9", rpm("curl", "7.76.1-26.el9_3.1", "curl"),
                        rpm("libcurl", "7.76.1-26.el9_3.1", "curl")),
                manifest(image, "2026.11.02.1", "rhel-9", rpm("curl", "7.76.1-26.el9_3.2", "curl"),
                        rpm("libcurl", "7.76.1-26.el9_3.1", "curl")));
        List<Manifest> fully = List.of(partly.get(0),
                manifest(image, "2026.11.02.1", "rhel-9", rpm("curl", "7.76.1-26.el9_3.2", "curl"),
                        rpm("libcurl", "7.76.1-26.el9_3.2", "curl")));

        Revocation kept = engine.revoke(List.of(entry), partly, CVE_2023_38545, NOW);
        Revocation revoked = engine.revoke(List.of(entry), fully, CVE_2023_38545, NOW);

        assertEquals(List.of(), kept.revoked());
        assertTrue(kept.kept().get(0).endsWith("2026.11.02.1 has libcurl 7.76.1-26.el9_3.1, below the fix"
                + " 7.76.1-26.el9_3.2"), kept.kept().get(0));
        assertEquals("CVE-2023-38545 affects curl 7.76.1-26.el9_3.1, libcurl 7.76.1-26.el9_3.1; fixed in"
                + " 2026.11.02.1 (curl 7.76.1-26.el9_3.2, libcurl 7.76.1-26.el9_3.2)",
                revoked.revoked().get(0).transition().reason());
    }

    @Test
    void versionWithoutAManifestIsKeptAndNamed() throws Exception {
        ImageEntry entry = twoStable(ALMA);
        List<Manifest> manifests = List.of(
                manifest(ALMA, "2026.11.02.1", "almalinux-9", rpm("runc", "4:1.3.0-4.el9_7", "runc")));

        Revocation result = engine.revoke(List.of(entry), manifests, ALSA_2025_20957, NOW);

        assertEquals(List.of("alma-9-runner 2026.11.01.1 kept: no manifest, so whether ALSA-2025:20957 affects it is"
                + " unknown"), result.kept());
    }

    @Test
    void revokePolicyOffRevokesNothing() throws Exception {
        Policies defaults = Policies.defaults();
        PolicyEngine off = new PolicyEngine(new Policies(defaults.promote(), defaults.deprecate(),
                new Policies.Revoke(false), defaults.retire()), image -> List.of());
        List<Manifest> manifests = List.of(
                manifest(ALMA, "2026.11.01.1", "almalinux-9", rpm("runc", "4:1.2.5-2.el9", "runc")),
                manifest(ALMA, "2026.11.02.1", "almalinux-9", rpm("runc", "4:1.3.0-4.el9_7", "runc")));

        Revocation result = off.revoke(List.of(twoStable(ALMA)), manifests, ALSA_2025_20957, NOW);

        assertEquals(List.of(), result.revoked());
        assertEquals(List.of("ALSA-2025:20957 revokes nothing: the revoke policy is off"
                + " (policies.revoke.enabled: false)"), result.kept());
    }

    @Test
    void kernelAdvisoryReasonNamesThreePackagesAndCountsTheRest() throws Exception {
        // osv/almalinux/almalinux9/ALSA-2026:0445.json: 74 kernel packages, all fixed in 5.14.0-611.20.1.el9_7;
        // the first five of them in the file's order.
        List<String> names = List.of("kernel", "kernel-64k", "kernel-64k-core", "kernel-64k-debug",
                "kernel-64k-debug-core");
        AdvisoryData kernel = new AdvisoryData("ALSA-2026:0445", List.of(), Severity.MEDIUM,
                Instant.parse("2026-01-12T00:00:00Z"), Instant.parse("2026-01-16T15:31:40Z"), "almalinux-osv",
                names.stream().map(n -> new AffectedPackage("almalinux-9", n, VersionScheme.RPM, null,
                        "5.14.0-611.20.1.el9_7", null)).toList());
        List<Manifest> manifests = List.of(
                manifest(ALMA, "2026.11.01.1", "almalinux-9", names.stream()
                        .map(n -> rpm(n, "5.14.0-611.16.1.el9_7", "kernel")).toArray(
                                InstalledPackage[]::new)),
                manifest(ALMA, "2026.11.02.1", "almalinux-9", names.stream()
                        .map(n -> rpm(n, "5.14.0-611.20.1.el9_7", "kernel")).toArray(
                                InstalledPackage[]::new)));

        String reason = engine.revoke(List.of(twoStable(ALMA)), manifests, kernel, NOW).revoked().get(0)
                .transition().reason();

        assertEquals("ALSA-2026:0445 affects kernel 5.14.0-611.16.1.el9_7, kernel-64k 5.14.0-611.16.1.el9_7,"
                + " kernel-64k-core 5.14.0-611.16.1.el9_7 and 2 more; fixed in 2026.11.02.1 (kernel"
                + " 5.14.0-611.20.1.el9_7, kernel-64k 5.14.0-611.20.1.el9_7, kernel-64k-core 5.14.0-611.20.1.el9_7"
                + " and 2 more)", reason);
    }

    /** Returns an image with two stable versions, 2026.11.01.1 and the newer 2026.11.02.1. */
    private static ImageEntry twoStable(String image) throws Exception {
        ImageEntry entry = walked(ImageEntry.empty(image), "2026.11.01.1", T0, STABLE);
        return walked(entry, "2026.11.02.1", T0.plus(Duration.ofDays(1)), STABLE);
    }
}
