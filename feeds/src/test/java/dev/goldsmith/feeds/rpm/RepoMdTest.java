package dev.goldsmith.feeds.rpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import dev.goldsmith.feeds.FeedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepoMdTest {

    private static final String SOURCE = "https://mirror.example/el9/repodata/repomd.xml";

    @Test
    void readsZstdRepositoryWithAllFieldsOfEachEntry() throws Exception {
        RepoMd repomd = Fixtures.repoMd(Fixtures.OREON);

        assertEquals("1703745495", repomd.revision());
        assertEquals(List.of("primary", "filelists", "other"), types(repomd));
        RepoMd.Data primary = repomd.find("primary").orElseThrow();
        assertEquals("repodata/84cb113681831266eac9607ef97396a5146c9eb2af52907a5512b8e2b4edd5b3-primary.xml.zst",
                primary.location());
        assertEquals("84cb113681831266eac9607ef97396a5146c9eb2af52907a5512b8e2b4edd5b3-primary.xml.zst",
                primary.fileName());
        assertEquals(new Checksum("sha256", "84cb113681831266eac9607ef97396a5146c9eb2af52907a5512b8e2b4edd5b3"),
                primary.checksum());
        assertEquals(Optional.of(new Checksum("sha256",
                "90dd6795646e85decd59055850ad2f02b71c0f672bcccb31ed08426f7c21bf89")), primary.openChecksum());
        assertEquals(OptionalLong.of(735), primary.size());
        assertEquals(OptionalLong.of(1644), primary.openSize());
        assertEquals(Optional.of(Instant.ofEpochSecond(1703745495)), primary.timestamp());
        assertEquals(OptionalInt.empty(), primary.databaseVersion());
        assertTrue(repomd.find("updateinfo").isEmpty());
    }

    @Test
    void readsCreaterepoTestRepositoryWithDatabasesZchunkGroupsAndModules() throws Exception {
        RepoMd repomd = Fixtures.repoMd(Fixtures.CREATEREPO);

        assertEquals("1554795405", repomd.revision());
        assertEquals(List.of("primary", "filelists", "other", "primary_db", "filelists_db", "other_db",
                "primary_zck", "filelists_zck", "other_zck", "group", "group_gz", "group_gz_zck", "group_zck",
                "modules", "modules_zck", "updateinfo", "updateinfo_zck"), types(repomd));
        RepoMd.Data primaryDb = repomd.find("primary_db").orElseThrow();
        assertEquals(OptionalInt.of(10), primaryDb.databaseVersion());
        assertEquals(OptionalLong.of(106496), primaryDb.openSize());
        RepoMd.Data group = repomd.find("group").orElseThrow();
        assertEquals(Optional.empty(), group.openChecksum());
        assertEquals(OptionalLong.empty(), group.openSize());
        RepoMd.Data updateinfo = repomd.find("updateinfo").orElseThrow();
        assertEquals("repodata/88514679cb03d8f51e850ad3639c089f899e83407a2380ef9e62873a8eb1db13-updateinfo_01.xml.gz",
                updateinfo.location());
        assertEquals(OptionalLong.of(533), updateinfo.size());
        assertEquals(OptionalLong.of(88281), repomd.find("modules").orElseThrow().size());
    }

    @Test
    void readsOldStyleAmazonRepomdWithFixedNamesAndDatabaseVersionEverywhere() throws Exception {
        String file = "rpm-repodata/amazonlinux-repomd/test_repomd.xml";
        RepoMd repomd = RepoMd.parse(Fixtures.bytes(file), file);

        assertEquals("1568754421", repomd.revision());
        assertEquals(List.of("primary_db", "other_db", "group_gz", "group", "filelists_db", "updateinfo"),
                types(repomd));
        RepoMd.Data updateinfo = repomd.find("updateinfo").orElseThrow();
        assertEquals("repodata/updateinfo.xml.gz", updateinfo.location());
        assertEquals("9dd3ce045294b530720d13829817254e3cd67ec1ac36f66069238d9d111d3cc0",
                updateinfo.checksum().value());
        assertEquals(OptionalLong.of(610596), updateinfo.size());
        assertEquals(OptionalLong.of(6402617), updateinfo.openSize());
        assertEquals(Optional.of(Instant.ofEpochSecond(1568754407)), updateinfo.timestamp());
        assertEquals(OptionalInt.of(10), updateinfo.databaseVersion());
        assertEquals(OptionalLong.of(11025366), repomd.find("filelists_db").orElseThrow().size());
    }

    @Test
    void readsGeneratedRepositoriesWhoseCompressionDiffersButContentIsTheSame() throws Exception {
        RepoMd gz = Fixtures.repoMd(Fixtures.GENERATED_GZ);
        RepoMd xz = Fixtures.repoMd(Fixtures.GENERATED_XZ);

        for (RepoMd repomd : List.of(gz, xz)) {
            assertEquals("1700000000", repomd.revision());
            assertEquals(List.of("primary", "filelists", "other", "updateinfo"), types(repomd));
            assertEquals(Optional.of(Instant.ofEpochSecond(1796312080)),
                    repomd.find("updateinfo").orElseThrow().timestamp());
        }
        RepoMd.Data gzPrimary = gz.find("primary").orElseThrow();
        RepoMd.Data xzPrimary = xz.find("primary").orElseThrow();
        assertTrue(gzPrimary.location().endsWith("-primary.xml.gz"), gzPrimary.location());
        assertTrue(xzPrimary.location().endsWith("-primary.xml.xz"), xzPrimary.location());
        assertEquals(OptionalLong.of(1715), gzPrimary.size());
        assertEquals(OptionalLong.of(1696), xzPrimary.size());
        assertEquals(gzPrimary.openChecksum(), xzPrimary.openChecksum());
        assertEquals(OptionalLong.of(10293), xzPrimary.openSize());
    }

    @Test
    void readsOldYumShaTypeAndUppercaseDigestAndFractionalTimestamp() throws Exception {
        RepoMd repomd = parse(data("primary", "<checksum type=\"sha\">" + "AB".repeat(20) + "</checksum>"
                + "<location href=\"repodata/primary.xml.gz\"/><timestamp>1320316512.52</timestamp>"));

        RepoMd.Data primary = repomd.find("primary").orElseThrow();
        assertEquals(new Checksum("sha1", "ab".repeat(20)), primary.checksum());
        assertEquals(Optional.of(Instant.ofEpochSecond(1320316512, 520_000_000)), primary.timestamp());
    }

    @Test
    void rejectsMd5AsUnsupported() {
        FeedException e = assertThrows(FeedException.class, () -> parse(data("primary",
                "<checksum type=\"md5\">" + "ab".repeat(16) + "</checksum><location href=\"p.xml.gz\"/>")));

        assertEquals(FeedException.Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("checksum of data 'primary' uses 'md5'"), e.getMessage());
    }

    @Test
    void rejectsDigestOfWrongLength() {
        FeedException e = assertThrows(FeedException.class, () -> parse(data("primary",
                "<checksum type=\"sha256\">abc</checksum><location href=\"p.xml.gz\"/>")));

        assertEquals(FeedException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains("64 lowercase hex digits"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../primary.xml.gz", "repodata/../../etc/passwd", "/etc/passwd",
        "https://evil.example/primary.xml.gz", "file:///etc/passwd", "repodata\\primary.xml.gz"})
    void rejectsLocationOutsideTheRepository(String href) {
        FeedException e = assertThrows(FeedException.class, () -> parse(data("primary",
                sha256() + "<location href=\"" + href + "\"/>")));

        assertEquals(FeedException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains(href), e.getMessage());
    }

    @Test
    void rejectsTypeListedTwice() {
        String entry = sha256() + "<location href=\"repodata/p.xml.gz\"/>";
        String xml = "<repomd xmlns=\"http://linux.duke.edu/metadata/repo\"><revision>1</revision>"
                + "<data type=\"primary\">" + entry + "</data><data type=\"primary\">" + entry + "</data></repomd>";

        FeedException e = assertThrows(FeedException.class, () -> parse(xml));

        assertTrue(e.getMessage().contains("'primary' is listed twice"), e.getMessage());
    }

    @Test
    void rejectsEntryWithoutChecksumAndRepomdWithoutRevision() {
        FeedException noChecksum = assertThrows(FeedException.class,
                () -> parse(data("other", "<location href=\"repodata/o.xml.gz\"/>")));
        FeedException noRevision = assertThrows(FeedException.class,
                () -> parse("<repomd xmlns=\"http://linux.duke.edu/metadata/repo\"></repomd>"));

        assertTrue(noChecksum.getMessage().endsWith("data 'other' has no <checksum>"), noChecksum.getMessage());
        assertTrue(noRevision.getMessage().endsWith("repomd has no <revision>"), noRevision.getMessage());
    }

    @Test
    void rejectsOtherDocumentAndNamesTheSource() {
        FeedException e = assertThrows(FeedException.class, () -> parse("<metadata packages=\"0\"/>"));

        assertEquals(FeedException.Kind.MALFORMED, e.kind());
        assertEquals(SOURCE, e.source());
        assertTrue(e.getMessage().contains("root element is <metadata>"), e.getMessage());
    }

    @Test
    void rejectsNegativeSize() {
        FeedException e = assertThrows(FeedException.class, () -> parse(data("primary",
                sha256() + "<location href=\"repodata/p.xml.gz\"/><size>-1</size>")));

        assertTrue(e.getMessage().contains("size of data 'primary' must be a whole number"), e.getMessage());
    }

    @Test
    void findsNothingForAbsentType() throws Exception {
        assertFalse(Fixtures.repoMd(Fixtures.OREON).find("modules").isPresent());
    }

    private static RepoMd parse(String xml) throws FeedException {
        return RepoMd.parse(xml.getBytes(StandardCharsets.UTF_8), SOURCE);
    }

    private static String data(String type, String body) {
        return "<repomd xmlns=\"http://linux.duke.edu/metadata/repo\"><revision>7</revision><data type=\"" + type
                + "\">" + body + "</data></repomd>";
    }

    private static String sha256() {
        return "<checksum type=\"sha256\">" + "0".repeat(64) + "</checksum>";
    }

    private static List<String> types(RepoMd repomd) {
        return repomd.data().stream().map(RepoMd.Data::type).toList();
    }
}
