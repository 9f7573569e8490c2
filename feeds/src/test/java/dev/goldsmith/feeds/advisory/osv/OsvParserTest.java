package dev.goldsmith.feeds.advisory.osv;

import static dev.goldsmith.feeds.advisory.Fixtures.assertFeedException;
import static dev.goldsmith.feeds.advisory.Fixtures.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.AdvisoryData.AffectedPackage;
import dev.goldsmith.catalog.event.Severity;
import dev.goldsmith.catalog.version.VersionScheme;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.advisory.DocumentResult;
import dev.goldsmith.feeds.advisory.Fixtures;
import dev.goldsmith.feeds.advisory.Omission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OsvParserTest {

    private static final String FEED = "osv-test";
    private final OsvParser parser = new OsvParser(FEED);

    @Test
    void readsEveryFixtureRecordIntoAnAdvisoryWithAffectedPackages() throws Exception {
        List<Path> files = Fixtures.filesBelow(Fixtures.root().resolve("osv"), ".json");

        int packages = 0;
        for (Path file : files) {
            AdvisoryData advisory = parse(file);
            assertEquals(FEED, advisory.sourceFeed());
            assertEquals(file.getFileName().toString(), advisory.advisoryId() + ".json");
            assertTrue(!advisory.modified().isBefore(Instant.parse("2014-01-01T00:00:00Z")), file.toString());
            packages += advisory.affected().size();
        }

        assertEquals(41, files.size());
        assertEquals(691, packages, "one affected package per ECOSYSTEM range in the fixtures");
    }

    @ParameterizedTest(name = "{0}: {1} packages")
    @CsvSource({
        "almalinux/almalinux8/ALSA-2024:3163.json, 2, almalinux-8",
        "almalinux/almalinux8/ALBA-2021:1599.json, 1, almalinux-8",
        "almalinux/almalinux10/ALSA-2026:36956.json, 75, almalinux-10",
        "almalinux/almalinux9/ALSA-2025:16398.json, 76, almalinux-9",
        "ubuntu/cve/CVE-2024-22365.json, 5, ubuntu-14.04",
    })
    void yieldsOneAffectedPackagePerRange(String file, int count, String firstRelease) throws Exception {
        AdvisoryData advisory = parse(Fixtures.osv(file));

        assertEquals(count, advisory.affected().size());
        assertEquals(firstRelease, advisory.affected().get(0).release());
    }

    @Test
    void readsAnAlmaLinuxSecurityAdvisory() throws Exception {
        AdvisoryData advisory = parse(Fixtures.osv("almalinux/almalinux8/ALSA-2024:3163.json"));

        assertEquals("ALSA-2024:3163", advisory.advisoryId());
        assertEquals(List.of("CVE-2024-22365"), advisory.aliases());
        assertEquals(Severity.MEDIUM, advisory.severity(), "from the summary 'Moderate: pam security update'");
        assertEquals(Instant.parse("2024-05-22T00:00:00Z"), advisory.published());
        assertEquals(Instant.parse("2024-05-29T14:42:42Z"), advisory.modified());
        assertEquals(List.of(
                new AffectedPackage("almalinux-8", "pam", VersionScheme.RPM, null, "1.3.1-33.el8", null),
                new AffectedPackage("almalinux-8", "pam-devel", VersionScheme.RPM, null, "1.3.1-33.el8", null)),
                advisory.affected());
    }

    @Test
    void keepsEpochsAndTildesOfFixedVersionsVerbatim() throws Exception {
        AdvisoryData tomcat = parse(Fixtures.osv("almalinux/almalinux10/ALSA-2025:14178.json"));
        AdvisoryData avahi = parse(Fixtures.osv("almalinux/almalinux10/ALSA-2025:16441.json"));
        AdvisoryData maven = parse(Fixtures.osv("almalinux/almalinux9/ALSA-2026:38500.json"));

        assertEquals("1:9.0.87-5.el10_0.3", named(tomcat.affected(), "tomcat9").get(0).fixed());
        assertEquals(Set.of("0.9~rc2-1.el10_0.1"), fixedVersions(avahi));
        assertTrue(fixedVersions(maven).contains("1:0.9.0~M3-7.module_el9.6.0+148+fb6dc857"), fixedVersions(maven)
                .toString());
    }

    @Test
    void keepsEachModuleBuildOfAPackageAsItsOwnRange() throws Exception {
        AdvisoryData nginx = parse(Fixtures.osv("almalinux/almalinux8/ALSA-2019:2799.json"));

        assertEquals(Set.of("1:1.14.1-9.module_el8.3.0+2165+af250afe.alma",
                "1:1.14.1-9.module_el8.4.0+2221+af250afe.alma", "1:1.14.1-9.module_el8.5.0+34+dc1cfba5.alma"),
                new TreeSet<>(named(nginx.affected(), "nginx").stream().map(AffectedPackage::fixed).toList()));
    }

    @Test
    void splitsAnAdvisoryThatCoversTwoReleases() throws Exception {
        AdvisoryData java = parse(Fixtures.osv("almalinux/almalinux9/ALSA-2024:1818.json"));

        assertEquals(37, java.affected().size());
        assertEquals(Set.of("almalinux-8", "almalinux-9"),
                new TreeSet<>(java.affected().stream().map(AffectedPackage::release).toList()));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "almalinux/almalinux8/ALSA-2020:4628.json, LOW",
        "almalinux/almalinux8/ALSA-2019:2799.json, HIGH",
        "almalinux/almalinux9/ALBA-2022:8256.json, HIGH",
        "almalinux/almalinux8/ALBA-2022:0348.json, UNKNOWN",
        "ubuntu/cve/CVE-2024-22365.json, MEDIUM",
        "ubuntu/cve/CVE-2024-2236.json, UNKNOWN",
    })
    void ratesBySummaryPriorityOrCvss(String file, Severity expected) throws Exception {
        assertEquals(expected, parse(Fixtures.osv(file)).severity());
    }

    @Test
    void prefersTheDistributionsRatingToTheCvssScore() throws Exception {
        ObjectNode record = Fixtures.tree(Fixtures.osv("ubuntu/cve/CVE-2024-22365.json"));
        ((ObjectNode) record.get("severity").get(0)).put("score", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");

        assertEquals(Severity.MEDIUM, parse(record).severity(), "ubuntu_priority medium beats CVSS 9.8");

        for (JsonNode affected : record.get("affected")) {
            ((ObjectNode) affected.get("ecosystem_specific")).remove("ubuntu_priority");
        }
        assertEquals(Severity.CRITICAL, parse(record).severity(), "with no priority, the CVSS 9.8 counts");

        ((ArrayNode) record.get("severity")).addObject().put("type", "Ubuntu").put("score", "low");
        assertEquals(Severity.LOW, parse(record).severity(), "an Ubuntu severity entry is a priority too");
    }

    @Test
    void keepsAnUbuntuPackageWithoutFixAsStillVulnerable() throws Exception {
        AdvisoryData advisory = parse(Fixtures.osv("ubuntu/cve/CVE-2024-2236.json"));

        assertEquals(6, advisory.affected().size());
        for (AffectedPackage affected : advisory.affected()) {
            assertNull(affected.fixed(), affected.toString());
            assertNull(affected.introduced(), "introduced 0 means every earlier version");
            assertNull(affected.lastAffected(), "the versions list is not read next to a range");
        }
        assertEquals(new AffectedPackage("ubuntu-16.04", "libgcrypt20", VersionScheme.DPKG, null, null, null),
                advisory.affected().get(1));
        assertEquals(List.of(), advisory.aliases(), "a record named after its CVE has no other alias");
    }

    @Test
    void mapsUbuntuProEntriesToTheirReleaseAndReadsBothShapesOfBinaries() throws Exception {
        AdvisoryData pam = parse(Fixtures.osv("ubuntu/cve/CVE-2024-22365.json"));
        AdvisoryData django = parse(Fixtures.osv("ubuntu/usn/USN-2169-1.json"));

        assertEquals(new AffectedPackage("ubuntu-14.04", "pam", VersionScheme.DPKG, null, "1.1.8-1ubuntu2.2+esm4",
                null), pam.affected().get(0));
        assertEquals(new AffectedPackage("ubuntu-14.04", "python-django", VersionScheme.DPKG, null,
                "1.6.1-2ubuntu0.1", null), django.affected().get(0));
    }

    @Test
    void takesCvesFromUpstreamAndTheCveMapAsAliases() throws Exception {
        AdvisoryData advisory = parse(Fixtures.osv("ubuntu/usn/USN-2169-1.json"));

        assertEquals(List.of("CVE-2014-0472", "CVE-2014-0473", "CVE-2014-0474"), advisory.aliases());
        assertEquals(Instant.parse("2014-04-22T11:58:31.107433Z"), advisory.published());
    }

    @Test
    void readsEachListedVersionOfAnEntryWithoutRangesAsOneAffectedVersion() throws Exception {
        ObjectNode record = Fixtures.tree(Fixtures.osv("ubuntu/usn/USN-2169-1.json"));
        ((ObjectNode) record.get("affected").get(0)).remove("ranges");

        List<AffectedPackage> affected = parse(record).affected();

        assertEquals(4, affected.size());
        assertEquals(new AffectedPackage("ubuntu-14.04", "python-django", VersionScheme.DPKG, "1.6-1", null,
                "1.6-1"), affected.get(1));
    }

    @Test
    void yieldsOnePackagePerIntroducedEventAcrossRangesAndEndsLastAffectedRanges() throws Exception {
        JsonNode record = record("""
                {"affected": [{"package": {"ecosystem": "Debian:12", "name": "openssl"},
                  "ranges": [
                    {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.0.11-1~deb12u1"},
                                                     {"introduced": "3.0.13-1"}, {"fixed": "3.0.15-1~deb12u1"}]},
                    {"type": "ECOSYSTEM", "events": [{"introduced": "3.1.0-1"}, {"last_affected": "3.1.4-2"}]},
                    {"type": "ECOSYSTEM", "events": [{"introduced": "3.2.0-1"}]}]}]}""");

        assertEquals(List.of(
                new AffectedPackage("debian-12", "openssl", VersionScheme.DPKG, null, "3.0.11-1~deb12u1", null),
                new AffectedPackage("debian-12", "openssl", VersionScheme.DPKG, "3.0.13-1", "3.0.15-1~deb12u1", null),
                new AffectedPackage("debian-12", "openssl", VersionScheme.DPKG, "3.1.0-1", null, "3.1.4-2"),
                new AffectedPackage("debian-12", "openssl", VersionScheme.DPKG, "3.2.0-1", null, null)),
                parse(record).affected());
    }

    @Test
    void readsRockyAndRedHatEcosystemsAsRpmReleases() throws Exception {
        JsonNode record = record("""
                {"affected": [
                  {"package": {"ecosystem": "Rocky Linux:9", "name": "openssl"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1:3.0.7-27.el9"}]}]},
                  {"package": {"ecosystem": "Red Hat:enterprise_linux:9::appstream", "name": "openssl"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1:3.0.7-27.el9"}]}]}]}
                """);

        assertEquals(List.of("rocky-9", "rhel-9"), parse(record).affected().stream().map(AffectedPackage::release)
                .toList());
    }

    @Test
    void defaultsPublishedToModifiedWhenTheRecordOmitsIt() throws Exception {
        ObjectNode record = Fixtures.tree(Fixtures.osv("almalinux/almalinux8/ALSA-2024:3163.json"));
        record.remove("published");

        assertEquals(Instant.parse("2024-05-29T14:42:42Z"), parse(record).published());
    }

    @Test
    void countsAWithdrawnRecordInsteadOfReadingIt() throws Exception {
        ObjectNode record = Fixtures.tree(Fixtures.osv("almalinux/almalinux8/ALSA-2024:3163.json"));
        record.put("withdrawn", "2024-06-01T00:00:00Z");

        DocumentResult result = parser.parse(record, "ALSA-2024:3163.json");

        assertNull(result.advisory());
        assertEquals(List.of(new Omission("ALSA-2024:3163.json", "ALSA-2024:3163", Omission.Reason.WITHDRAWN, 1,
                "ALSA-2024:3163")), result.omissions());
    }

    @Test
    void countsARecordWithoutAffectedPackages() throws Exception {
        DocumentResult result = parser.parse(record("{\"affected\": []}"), "t.json");

        assertNull(result.advisory());
        assertEquals(Omission.Reason.NO_AFFECTED_PACKAGES, result.omissions().get(0).reason());
    }

    @Test
    void rejects_unknown_ecosystem_naming_file_feed_and_ecosystem() throws Exception {
        JsonNode record = record("""
                {"affected": [{"package": {"ecosystem": "Alpine:v3.20", "name": "openssl"},
                  "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]}]}""");

        FeedException e = assertThrows(FeedException.class, () -> parser.parse(record, "osv/ALPINE-1.json"));

        assertEquals("osv/ALPINE-1.json", e.source());
        assertFeedException(e, FeedException.Kind.UNSUPPORTED, "osv/ALPINE-1.json: ", "'Alpine:v3.20'",
                "affected[0]", "openssl", "feed osv-test");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "id        | id is missing",
        "modified  | modified is missing",
    })
    void rejects_record_without_required_field(String field, String reason) throws Exception {
        ObjectNode record = Fixtures.tree(Fixtures.osv("almalinux/almalinux8/ALSA-2024:3163.json"));
        record.remove(field);

        FeedException e = assertThrows(FeedException.class, () -> parser.parse(record, "ALSA-2024:3163.json"));

        assertFeedException(e, FeedException.Kind.MALFORMED, "ALSA-2024:3163.json: " + reason);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "{\"modified\": \"yesterday\"}"
            + " | MALFORMED | modified is not an RFC 3339 timestamp: 'yesterday'",
        "{\"affected\": [{\"package\": {\"ecosystem\": \"Debian:12\"}}]}"
            + " | MALFORMED | affected[0].package.name is missing",
        "{\"affected\": [{\"package\": {\"ecosystem\": \"Debian:12\", \"name\": \"x\"}, \"ranges\": [{\"type\":"
            + " \"GIT\", \"events\": [{\"introduced\": \"0\"}]}]}]}"
            + " | UNSUPPORTED | affected[0].ranges[0] is a GIT range",
        "{\"affected\": [{\"package\": {\"ecosystem\": \"Debian:12\", \"name\": \"x\"}, \"ranges\": [{\"type\":"
            + " \"ECOSYSTEM\", \"events\": [{\"introduced\": \"0\"}, {\"limit\": \"2\"}]}]}]}"
            + " | UNSUPPORTED | affected[0].ranges[0].events[1] is a limit event",
        "{\"affected\": [{\"package\": {\"ecosystem\": \"Debian:12\", \"name\": \"x\"}, \"ranges\": [{\"type\":"
            + " \"ECOSYSTEM\", \"events\": [{\"introduced\": \"1\"}, {\"introduced\": \"0\"}, {\"fixed\": \"2\"}]}]}]}"
            + " | UNSUPPORTED | affected[0].ranges[0].events[1] introduces 0 before the range opened earlier",
        "{\"affected\": [{\"package\": {\"ecosystem\": \"Debian:12\", \"name\": \"x\"}, \"ranges\": [{\"type\":"
            + " \"ECOSYSTEM\", \"events\": [{\"fixed\": \"2\"}, {\"introduced\": \"0\"}]}]}]}"
            + " | UNSUPPORTED | affected[0].ranges[0].events[0] ends a range at 2 that no introduced event opened",
        "{\"affected\": [{\"package\": {\"ecosystem\": \"Debian:12\", \"name\": \"x\"}, \"ranges\": [{\"type\":"
            + " \"ECOSYSTEM\", \"events\": [{\"introduced\": \"0\", \"fixed\": \"2\"}]}]}]}"
            + " | MALFORMED | affected[0].ranges[0].events[0] must hold exactly one of",
        "{\"affected\": [{\"package\": {\"ecosystem\": \"Debian:12\", \"name\": \"x\"}, \"ranges\": [{\"type\":"
            + " \"ECOSYSTEM\", \"events\": [{\"fixed\": \"2\"}]}]}]}"
            + " | UNSUPPORTED | ends a range at 2 that no introduced event opened",
        "{\"severity\": [{\"type\": \"CVSS_V3\", \"score\": \"CVSS:3.1/AV:N\"}]}"
            + " | MALFORMED | severity[0].score: base metric AC is missing",
        "{\"aliases\": [42]}"
            + " | MALFORMED | aliases[0] must be a string, was NUMBER",
        "{\"schema_version\": \"2.0.0\"}"
            + " | UNSUPPORTED | schema_version 2.0.0 is not 1.x",
    })
    void rejects_what_it_cannot_believe_or_does_not_read(String overlay, FeedException.Kind kind, String reason)
            throws Exception {
        JsonNode record = record(overlay);

        FeedException e = assertThrows(FeedException.class, () -> parser.parse(record, "t.json"));

        assertFeedException(e, kind, reason);
    }

    @Test
    void rejects_record_that_is_not_an_object() {
        FeedException e = assertThrows(FeedException.class, () -> parser.parse(Fixtures.JSON.createArrayNode(),
                "t.json"));

        assertFeedException(e, FeedException.Kind.MALFORMED, "an OSV record must be a JSON object, was ARRAY");
    }

    /** Returns a minimal valid record with the members of {@code overlay} put over it. */
    private static JsonNode record(String overlay) throws IOException {
        ObjectNode record = (ObjectNode) Fixtures.JSON.readTree("""
                {"schema_version": "1.6.0", "id": "TEST-1", "modified": "2024-01-02T03:04:05Z",
                 "affected": [{"package": {"ecosystem": "Debian:12", "name": "openssl"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.0.15-1"}]}]}]}
                """);
        record.setAll((ObjectNode) Fixtures.JSON.readTree(overlay));
        return record;
    }

    private AdvisoryData parse(Path file) throws IOException, FeedException {
        return parse(Fixtures.tree(file));
    }

    private AdvisoryData parse(JsonNode record) throws FeedException {
        DocumentResult result = parser.parse(record, "test.json");
        assertNotNull(result.advisory(), () -> "no advisory: " + result.omissions());
        return result.advisory();
    }

    private static Set<String> fixedVersions(AdvisoryData advisory) {
        return new TreeSet<>(advisory.affected().stream().map(AffectedPackage::fixed).toList());
    }
}
