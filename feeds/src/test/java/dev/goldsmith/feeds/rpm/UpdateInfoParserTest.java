package dev.goldsmith.feeds.rpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.AdvisoryData.AffectedPackage;
import dev.goldsmith.catalog.event.Severity;
import dev.goldsmith.catalog.version.VersionScheme;
import dev.goldsmith.feeds.FeedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UpdateInfoParserTest {

    private static final String RELEASE = "fixture-9";
    private static final String FEED = "fixture-9-updateinfo";

    private final UpdateInfoParser security = new UpdateInfoParser(RELEASE, FEED, UpdateInfoParser.Scope.SECURITY);
    private final UpdateInfoParser all = new UpdateInfoParser(RELEASE, FEED, UpdateInfoParser.Scope.ALL);

    @ParameterizedTest
    @ValueSource(strings = {"repo-gz", "repo-xz"})
    void mapsGeneratedSecurityErratumWithCveAndVerifiesTheFile(String repo) throws Exception {
        UpdateInfo info = readGenerated(repo, security);

        assertEquals(List.of(new AdvisoryData("FIXSA-2023:0001", List.of("CVE-2023-00001"), Severity.HIGH,
                Instant.parse("2023-11-14T00:00:00Z"), Instant.parse("2023-11-15T12:30:00Z"), FEED, List.of(
                        fixed("fixture-alpha", "1.0-2.el9_3"),
                        fixed("fixture-epoch", "2:0.9-1.el9")))), info.advisories());
        assertEquals(new UpdateInfo.Report(1, 1, List.of()), info.report());
    }

    @Test
    void mapsGeneratedBugfixErratumWithModuleOnlyWhenAllTypesAreInScope() throws Exception {
        UpdateInfo info = readGenerated("repo-gz", all);

        assertEquals(List.of("FIXSA-2023:0001", "FIXBA-2023:0002"), ids(info));
        AdvisoryData bugfix = info.advisories().get(1);
        assertEquals(Severity.NONE, bugfix.severity());
        assertEquals(List.of(), bugfix.aliases());
        assertEquals(Instant.parse("2023-11-16T00:00:00Z"), bugfix.published());
        assertEquals(bugfix.published(), bugfix.modified());
        assertEquals(List.of(fixed("fixture-tilde", "1.0-1.el9")), bugfix.affected());
        assertEquals(new UpdateInfo.Report(2, 0, List.of()), info.report());
    }

    @Test
    void readsUpdateinfoOfCreaterepoTestRepositoryAgainstItsRepomdEntry() throws Exception {
        RepoMd.Data entry = Fixtures.repoMd(Fixtures.CREATEREPO).find("updateinfo").orElseThrow();
        String file = "rpm-repodata/createrepo_c-upstream/repo_with_additional_metadata/" + entry.location();

        UpdateInfo securityOnly = security.readAll(Fixtures.path(file), entry);
        UpdateInfo everything = all.readAll(Fixtures.path(file), entry);

        assertEquals(new UpdateInfo(List.of(), new UpdateInfo.Report(0, 1, List.of())), securityOnly);
        assertEquals(List.of(new AdvisoryData("foobarupdate_1", List.of(), Severity.NONE,
                Instant.parse("2012-12-12T00:00:00Z"), Instant.parse("2012-12-12T00:00:00Z"), FEED,
                List.of(fixed("bar", "2.0.1-3")))), everything.advisories());
    }

    @Test
    void readsEmptyUpdateinfoAsNoAdvisoriesWithoutError() throws Exception {
        UpdateInfo info = all.readAll(Fixtures.path(Fixtures.UPDATEINFO_FILES + "updateinfo_00.xml"), null);

        assertEquals(new UpdateInfo(List.of(), new UpdateInfo.Report(0, 0, List.of())), info);
    }

    @Test
    void readsStandaloneEnhancementErratumWithRebootElements() throws Exception {
        UpdateInfo info = all.readAll(Fixtures.path(Fixtures.UPDATEINFO_FILES + "updateinfo_01.xml"), null);

        assertEquals(List.of("foobarupdate_1"), ids(info));
        assertEquals(List.of(fixed("bar", "2.0.1-3")), info.advisories().get(0).affected());
    }

    @Test
    void skipsXzCompressedErratumWithoutIdAndSaysWhy() throws Exception {
        UpdateInfo info = all.readAll(Fixtures.path(Fixtures.UPDATEINFO_FILES + "updateinfo_02.xml.xz"), null);

        assertEquals(List.of(), info.advisories());
        assertEquals(List.of(new UpdateInfo.Skipped(1, null, "update has no <id>")), info.report().skipped());
    }

    @Test
    void countsUntypedErratumAsOutOfSecurityScope() throws Exception {
        UpdateInfo info = security.readAll(Fixtures.path(Fixtures.UPDATEINFO_FILES + "updateinfo_02.xml.xz"), null);

        assertEquals(new UpdateInfo.Report(0, 1, List.of()), info.report());
    }

    @Test
    void mapsRedHatStyleSecurityErrataWithoutEpochsAndWithMangledIssuedDate() throws Exception {
        UpdateInfo info = security.readAll(Fixtures.path(Fixtures.UPDATEINFO_FILES + "updateinfo_03.xml"), null);

        assertEquals(List.of("RHEA-2012:0055", "RHEA-2012:0056", "RHEA-2012:0057"), ids(info));
        assertEquals(new UpdateInfo.Report(3, 3, List.of()), info.report());
        AdvisoryData sea = info.advisories().get(0);
        assertEquals(Severity.UNKNOWN, sea.severity());
        assertEquals(List.of(fixed("walrus", "5.21-1"), fixed("penguin", "0.9.1-1"), fixed("shark", "0.1-1")),
                sea.affected());
        assertEquals(Instant.parse("2012-01-27T16:08:06Z"), sea.published());
        AdvisoryData bear = info.advisories().get(2);
        // issued="15mangled2" cannot be read, so the updated date "2013-01-27 16:08:05 UTC" stands in.
        assertEquals(Instant.parse("2013-01-27T16:08:05Z"), bear.published());
        assertEquals(Instant.parse("2013-01-27T16:08:05Z"), bear.modified());
    }

    @Test
    void mapsModularEnhancementErrataAndEpochSecondsWhenAllTypesAreInScope() throws Exception {
        UpdateInfo info = all.readAll(Fixtures.path(Fixtures.UPDATEINFO_FILES + "updateinfo_03.xml"), null);

        assertEquals(6, info.advisories().size());
        AdvisoryData kangaroo = info.advisories().get(4);
        assertEquals("RHEA-2012:0059", kangaroo.advisoryId());
        assertEquals(List.of(fixed("kangaroo", "0.3-1"), fixed("duck", "0.7-1")), kangaroo.affected());
        AdvisoryData duck = info.advisories().get(5);
        assertEquals(Instant.parse("2019-04-16T15:41:24Z"), duck.published());
        assertEquals(Instant.parse("2018-07-29T06:00:01Z"), duck.modified());
    }

    @Test
    void collapsesArchesOfOneBuildAndLeavesOutSourcePackages() throws Exception {
        UpdateInfo info = security.readAll(stream(updates(update("security", "Moderate",
                pkg("openssl-libs", "1", "3.0.7", "27.el9", "x86_64")
                + pkg("openssl-libs", "1", "3.0.7", "27.el9", "i686")
                + pkg("openssl", "1", "3.0.7", "27.el9", "src")
                + pkg("openssl", "1", "3.0.7", "27.el9", "x86_64")
                + pkg("openssl-libs", "1", "3.0.7", "28.el9", "aarch64")))), "updateinfo.xml", null);

        assertEquals(List.of(fixed("openssl-libs", "1:3.0.7-27.el9"), fixed("openssl", "1:3.0.7-27.el9"),
                fixed("openssl-libs", "1:3.0.7-28.el9")), info.advisories().get(0).affected());
        assertEquals(Severity.MEDIUM, info.advisories().get(0).severity());
    }

    @Test
    void collectsCvesFromCveReferencesAndFromOtherReferenceTitles() throws Exception {
        String references = "<references>"
                + "<reference type=\"self\" id=\"ALSA-2023:1234\" title=\"ALSA-2023:1234\" href=\"https://x/1\"/>"
                + "<reference type=\"cve\" id=\"CVE-2023-0286\" title=\"CVE-2023-0286\" href=\"https://x/2\"/>"
                + "<reference type=\"bugzilla\" id=\"2164440\" title=\"CVE-2023-0286 openssl: X.400 address type"
                + " confusion in X.400 GeneralName\" href=\"https://x/3\"/>"
                + "<reference type=\"bugzilla\" id=\"2164487\" title=\"cve-2022-4304 openssl: timing oracle\"/>"
                + "<reference type=\"cve\" href=\"https://vendor.example.org/security/cve/CVE-2023-0215\"/>"
                + "<reference type=\"other\" title=\"not a CVE-2023-12 id, nor XCVE-2023-99999\"/>"
                + "</references>";
        String xml = updates(update("security", "Important", pkg("openssl", "1", "3.0.7", "6.el9_2", "x86_64"))
                .replace("<pkglist>", references + "<pkglist>"));

        AdvisoryData advisory = security.readAll(stream(xml), "updateinfo.xml", null).advisories().get(0);

        assertEquals(List.of("CVE-2023-0286", "CVE-2022-4304", "CVE-2023-0215"), advisory.aliases());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "security, Critical, CRITICAL",
        "security, Important, HIGH",
        "security, important, HIGH",
        "security, Moderate, MEDIUM",
        "security, medium, MEDIUM",
        "security, Low, LOW",
        "security, None, UNKNOWN",
        "security, '', UNKNOWN",
        "security, severity_1, UNKNOWN",
        "bugfix, Critical, NONE",
        "enhancement, '', NONE"})
    void mapsSeverityByTypeAndRating(String type, String rating, Severity expected) throws Exception {
        String xml = updates(update(type, rating, pkg("bash", null, "5.1.8", "9.el9", "x86_64")));

        assertEquals(expected, all.readAll(stream(xml), "updateinfo.xml", null).advisories().get(0).severity());
    }

    @Test
    void treatsMissingSeverityElementAsUnknown() throws Exception {
        String xml = updates(update("security", "x", pkg("bash", null, "5.1.8", "9.el9", "x86_64"))
                .replace("<severity>x</severity>", ""));

        assertEquals(Severity.UNKNOWN, security.readAll(stream(xml), "u.xml", null).advisories().get(0).severity());
    }

    @Test
    void readsDateFromElementTextWhenThereIsNoDateAttribute() throws Exception {
        String xml = updates(update("security", "Low", pkg("bash", null, "5.1.8", "9.el9", "x86_64"))
                .replace("<issued date=\"2024-05-01 10:00:00\"/>", "<issued>2024-04-30</issued>"));

        AdvisoryData advisory = security.readAll(stream(xml), "u.xml", null).advisories().get(0);

        assertEquals(Instant.parse("2024-04-30T00:00:00Z"), advisory.published());
        assertEquals(Instant.parse("2024-04-30T00:00:00Z"), advisory.modified());
    }

    @Test
    void skipsErratumWithoutAnyReadableDateAndReadsTheNext() throws Exception {
        String undated = update("security", "Low", pkg("bash", null, "5.1.8", "9.el9", "x86_64"))
                .replace("<issued date=\"2024-05-01 10:00:00\"/>", "<issued date=\"soon\"/>");
        String dated = update("security", "Low", pkg("zsh", null, "5.8", "9.el9", "x86_64"))
                .replace("TEST-2024:0001", "TEST-2024:0002");
        String both = updates(undated, dated);

        UpdateInfo info = security.readAll(stream(both), "u.xml", null);

        assertEquals(List.of("TEST-2024:0002"), ids(info));
        assertEquals(List.of(new UpdateInfo.Skipped(1, "TEST-2024:0001",
                "has no readable date: issued 'soon', updated absent")), info.report().skipped());
    }

    @Test
    void skipsSecondErratumWithTheSameId() throws Exception {
        String one = update("security", "Low", pkg("bash", null, "5.1.8", "9.el9", "x86_64"));
        String twice = updates(one, one);

        UpdateInfo info = security.readAll(stream(twice), "u.xml", null);

        assertEquals(List.of("TEST-2024:0001"), ids(info));
        assertEquals(List.of(new UpdateInfo.Skipped(2, "TEST-2024:0001",
                "id seen before in this file; the first was kept")), info.report().skipped());
    }

    @Test
    void skipsErratumWithOnlySourcePackagesOrAPackageWithoutVersion() throws Exception {
        String sourceOnly = updates(update("security", "Low", pkg("bash", null, "5.1.8", "9.el9", "src")));
        String noVersion = updates(update("security", "Low",
                "<package name=\"bash\" release=\"1\" arch=\"x86_64\"/>"));

        UpdateInfo.Report a = security.readAll(stream(sourceOnly), "u.xml", null).report();
        UpdateInfo.Report b = security.readAll(stream(noVersion), "u.xml", null).report();

        assertEquals("lists no binary packages", a.skipped().get(0).reason());
        assertEquals("package 1 lacks its name, version or release", b.skipped().get(0).reason());
    }

    @Test
    void rejectsDocumentThatIsNotUpdateinfo() {
        FeedException e = assertThrows(FeedException.class, () -> security.readAll(
                stream("<metadata packages=\"0\"/>"), "https://m.example/repodata/x-updateinfo.xml.gz", null));

        assertEquals(FeedException.Kind.MALFORMED, e.kind());
        assertEquals("https://m.example/repodata/x-updateinfo.xml.gz", e.source());
    }

    @Test
    void rejectsUpdateinfoWithDoctype() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE updates [<!ENTITY x \"y\">]><updates/>";

        FeedException e = assertThrows(FeedException.class, () -> security.readAll(stream(xml), "u.xml", null));

        assertTrue(e.getMessage().endsWith("DOCTYPE not allowed"), e.getMessage());
    }

    @Test
    void rejectsUpdateinfoThatDiffersFromItsRepomdEntry() throws Exception {
        RepoMd.Data gzEntry = Fixtures.repoMd(Fixtures.GENERATED_GZ).find("updateinfo").orElseThrow();
        RepoMd.Data xzEntry = Fixtures.repoMd(Fixtures.GENERATED_XZ).find("updateinfo").orElseThrow();
        String xzFile = "rpm-repodata/generated/repo-xz/" + xzEntry.location();

        FeedException e = assertThrows(FeedException.class,
                () -> security.readAll(Fixtures.path(xzFile), gzEntry));

        assertEquals(FeedException.Kind.CHECKSUM, e.kind());
        assertEquals(Fixtures.path(xzFile).toString(), e.source());
    }

    @Test
    void refusesBlankReleaseOrFeed() {
        assertThrows(IllegalArgumentException.class,
                () -> new UpdateInfoParser(" ", FEED, UpdateInfoParser.Scope.SECURITY));
        assertThrows(IllegalArgumentException.class,
                () -> new UpdateInfoParser(RELEASE, "", UpdateInfoParser.Scope.SECURITY));
    }

    private static UpdateInfo readGenerated(String repo, UpdateInfoParser parser) throws Exception {
        RepoMd.Data entry = Fixtures.repoMd("rpm-repodata/generated/" + repo + "/repodata/").find("updateinfo")
                .orElseThrow();
        return parser.readAll(Fixtures.path("rpm-repodata/generated/" + repo + "/" + entry.location()), entry);
    }

    private static AffectedPackage fixed(String name, String version) {
        return new AffectedPackage(RELEASE, name, VersionScheme.RPM, null, version, null);
    }

    private static List<String> ids(UpdateInfo info) {
        return info.advisories().stream().map(AdvisoryData::advisoryId).toList();
    }

    private static String updates(String... updates) {
        return "<?xml version=\"1.0\"?>\n<updates>\n" + String.join("\n", updates) + "\n</updates>\n";
    }

    private static String update(String type, String severity, String packages) {
        return "<update type=\"" + type + "\" status=\"final\">"
                + "<id>TEST-2024:0001</id><title>test</title><issued date=\"2024-05-01 10:00:00\"/>"
                + "<severity>" + severity + "</severity>"
                + "<pkglist><collection short=\"c\"><name>C</name>" + packages + "</collection></pkglist>"
                + "</update>";
    }

    private static String pkg(String name, String epoch, String version, String release, String arch) {
        return "<package name=\"" + name + "\"" + (epoch == null ? "" : " epoch=\"" + epoch + "\"")
                + " version=\"" + version + "\" release=\"" + release + "\" arch=\"" + arch + "\" src=\"" + name
                + "-" + version + "-" + release + ".src.rpm\"><filename>" + name + "-" + version + "-" + release
                + "." + arch + ".rpm</filename></package>";
    }

    private static ByteArrayInputStream stream(String xml) {
        return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }
}
