package dev.goldsmith.feeds.advisory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedHatReleasesTest {

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "cpe:/o:redhat:enterprise_linux:9::baseos          | rhel-9                      | repository ignored",
        "cpe:/a:redhat:enterprise_linux:8::appstream       | rhel-8                      | application stream too",
        "cpe:/o:redhat:enterprise_linux:7::server          | rhel-7                      | RHEL 7 variants collapse",
        "cpe:/o:redhat:enterprise_linux:9                  | rhel-9                      | no repository at all",
        "cpe:/o:redhat:rhel_eus:9.4::baseos                | rhel-9.4-eus                | EUS builds are their own",
        "cpe:/a:redhat:rhel_aus:8.4::appstream             | rhel-8.4-aus                | AUS likewise",
        "cpe:/a:redhat:openshift:4.14::el9                 | openshift-4.14-el9          | layered, per RHEL build",
        "cpe:/a:redhat:openshift:3.11                      | openshift-3.11              | layered, one build",
        "cpe:/a:redhat:rhel_satellite_client:6::el7        | rhel_satellite_client-6-el7 | not an extended stream",
        "cpe:/a:redhat:ocp_tools                           | -                           | product without version",
        "cpe:/o:redhat:rhel_eus:9::baseos                  | -                           | EUS needs a minor",
        "cpe:/o:fedoraproject:fedora:40                    | -                           | another vendor",
        "cpe:2.3:o:redhat:enterprise_linux:9:*:*:*:*:*:*:* | -                           | CPE 2.3 not read",
        "-                                                 | -                           | no CPE",
    })
    void namesTheReleaseOfARedHatCpe(String cpe, String release, String reason) {
        assertEquals(Optional.ofNullable(release), RedHatReleases.ofCpe(cpe), reason);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "Red Hat:enterprise_linux:9::appstream | rhel-9",
        "Red Hat:rhel_eus:9.2::baseos          | rhel-9.2-eus",
        "Red Hat:ocp_tools                     | -",
        "AlmaLinux:9                           | -",
    })
    void readsTheOsvRedHatEcosystemAsACpe(String ecosystem, String release) {
        assertEquals(Optional.ofNullable(release), RedHatReleases.ofOsvEcosystem(ecosystem));
    }
}
