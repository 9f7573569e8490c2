package dev.goldsmith.feeds.advisory.osv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import dev.goldsmith.catalog.version.VersionScheme;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OsvEcosystemsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Debian:12                             | debian-12    | DPKG",
        "Ubuntu:22.04:LTS                      | ubuntu-22.04 | DPKG",
        "Ubuntu:24.10                          | ubuntu-24.10 | DPKG",
        "Ubuntu:Pro:16.04:LTS                  | ubuntu-16.04 | DPKG",
        "AlmaLinux:9                           | almalinux-9  | RPM",
        "AlmaLinux:10                          | almalinux-10 | RPM",
        "Rocky Linux:9                         | rocky-9      | RPM",
        "Red Hat:enterprise_linux:9::appstream | rhel-9       | RPM",
        "Red Hat:rhel_eus:9.2::baseos          | rhel-9.2-eus | RPM",
    })
    void mapsTheDistributionEcosystems(String ecosystem, String release, VersionScheme scheme) {
        assertEquals(Optional.of(new OsvEcosystems.Release(release, scheme)), OsvEcosystems.release(ecosystem));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Debian                            | no release",
        "Debian:sid                        | no numbered release",
        "Ubuntu:Pro:FIPS-updates:22.04:LTS | FIPS builds differ from the release's",
        "AlmaLinux                         | no release",
        "Rocky Linux:9.4                   | Rocky names major releases",
        "Alpine:v3.20                      | not read",
        "npm                               | not a distribution",
        "Red Hat:ocp_tools                 | CPE without version",
    })
    void mapsNothingElse(String ecosystem, String reason) {
        assertEquals(Optional.empty(), OsvEcosystems.release(ecosystem), reason);
    }
}
