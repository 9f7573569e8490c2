package dev.goldsmith.feeds.rpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.zip.GZIPOutputStream;

import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.feeds.Cancellation;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.io.Compression;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrimaryParserTest {

    private static final List<String> GENERATED_NEVRAS = List.of(
            "fixture-alpha-1.0-1.el9.noarch",
            "fixture-alpha-1.0-2.el9_3.noarch",
            "fixture-caret-1.0^20240101git1a2b3c-1.el9.noarch",
            "fixture-deps-1:3.2.1-4.fc40.noarch",
            "fixture-epoch-2:0.9-1.el9.noarch",
            "fixture-kernel-4.18.0-372.9.1.el8_6.noarch",
            "fixture-module-2.7.0-10.module+el8.4.0+570+c2eaf144.noarch",
            "fixture-tilde-1.0-1.el9.noarch",
            "fixture-tilde-1.0~rc1-1.el9.noarch");

    private static byte[] generatedXml;

    private final PrimaryParser parser = new PrimaryParser();

    @BeforeAll
    static void decompressGeneratedPrimary() throws Exception {
        RepoMd.Data primary = Fixtures.repoMd(Fixtures.GENERATED_GZ).find("primary").orElseThrow();
        byte[] gz = Fixtures.bytes("rpm-repodata/generated/repo-gz/" + primary.location());
        generatedXml = Compression.GZIP.decompress(new ByteArrayInputStream(gz), 1 << 20, "t").readAllBytes();
    }

    @Test
    void readsTheOnePackageOfTheZstdRepositoryAndVerifiesIt() throws Exception {
        List<RpmPackage> packages = readFixture(Fixtures.OREON, "rpm-repodata/oreon-security-zstd/");

        assertEquals(1, packages.size());
        RpmPackage repos = packages.get(0);
        assertEquals("oreon-repos", repos.name());
        assertEquals("noarch", repos.arch());
        assertEquals(new Evr(0, "40", "1"), repos.evr());
        assertEquals("40-1", repos.version());
        assertEquals(new Checksum("sha256", "0852e25ae07219c11675481ce5d721fd0b25c465a2970538d81b7269f70d0542"),
                repos.checksum());
        assertEquals(7433, repos.size());
        assertEquals("oreon-repos-40-1.noarch.rpm", repos.location());
        assertEquals("oreon-repos-40-1.src.rpm", repos.sourceRpm());
        assertEquals("oreon-repos", repos.sourceName());
        assertEquals("40-1", repos.sourceVersion());
    }

    @Test
    void readsCreaterepoUpstreamGzipPrimary() throws Exception {
        List<RpmPackage> packages = readFixture(Fixtures.CREATEREPO,
                "rpm-repodata/createrepo_c-upstream/repo_with_additional_metadata/");

        assertEquals(1, packages.size());
        RpmPackage fontconfig = packages.get(0);
        assertEquals("fontconfig-2.8.0-5.el6.x86_64", nevra(fontconfig));
        assertEquals(189964, fontconfig.size());
        assertEquals("fontconfig-2.8.0-5.el6.x86_64.rpm", fontconfig.location());
        assertEquals("fontconfig", fontconfig.sourceName());
        assertEquals("6a915b6e1ad740994aa9688d70a67ff2b6b72e0ced668794aeb27b2d0f2e237b", fontconfig.checksum().value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"repo-gz", "repo-xz"})
    void readsAllNinePackagesOfTheGeneratedRepositories(String repo) throws Exception {
        List<RpmPackage> packages = readFixture("rpm-repodata/generated/" + repo + "/repodata/",
                "rpm-repodata/generated/" + repo + "/");

        assertEquals(GENERATED_NEVRAS, packages.stream().map(PrimaryParserTest::nevra).toList());
        RpmPackage epoch = find(packages, "fixture-epoch");
        assertEquals(new Evr(2, "0.9", "1.el9"), epoch.evr());
        assertEquals("2:0.9-1.el9", epoch.sourceVersion());
        assertEquals(6477, epoch.size());
        RpmPackage module = find(packages, "fixture-module");
        assertEquals("10.module+el8.4.0+570+c2eaf144", module.evr().release());
        assertEquals("Packages/fixture-module-2.7.0-10.module+el8.4.0+570+c2eaf144.noarch.rpm", module.location());
        RpmPackage caret = find(packages, "fixture-caret");
        assertEquals("fixture-caret", caret.sourceName());
        assertEquals("1.0^20240101git1a2b3c-1.el9", caret.sourceVersion());
    }

    @Test
    void convertsToPackageDataWithEpochInTheVersion() throws Exception {
        RpmPackage epoch = find(parser.readAll(stream(generatedXml), "primary.xml", null), "fixture-epoch");

        PackageData data = epoch.toPackageData("fixture-baseos", "fixture-9");

        assertEquals(new PackageData("fixture-baseos", "fixture-9", "fixture-epoch", "2:0.9-1.el9", "noarch",
                "fixture-epoch", "2:0.9-1.el9", new PackageData.PackageFile(
                        "Packages/fixture-epoch-0.9-1.el9.noarch.rpm", 6477,
                        "0bb4f8d6abc761af0c0073e887153607e82b337ad6ea37206fc7d696e2ae4d34")), data);
    }

    @Test
    void readsBzip2PrimaryAndVerifiesItAgainstItsEntry() throws Exception {
        byte[] bz2 = bzip2(generatedXml);
        RepoMd.Data entry = entry("repodata/abc-primary.xml.bz2", bz2, generatedXml);

        List<RpmPackage> packages = parser.readAll(stream(bz2), "https://m.example/repodata/abc-primary.xml.bz2",
                entry);

        assertEquals(GENERATED_NEVRAS, packages.stream().map(PrimaryParserTest::nevra).toList());
    }

    @Test
    void streamsPackagesInDocumentOrderAndReturnsTheCount() throws Exception {
        List<String> names = new ArrayList<>();

        long count = parser.read(stream(generatedXml), "primary.xml", null, p -> names.add(p.name()));

        assertEquals(9, count);
        assertEquals(List.of("fixture-alpha", "fixture-alpha", "fixture-caret", "fixture-deps", "fixture-epoch",
                "fixture-kernel", "fixture-module", "fixture-tilde", "fixture-tilde"), names);
    }

    @Test
    void cancellingStopsBeforeTheNextPackageAndIsReportedAsCancelledNotAsAShortFile() throws Exception {
        RepoMd.Data entry = Fixtures.repoMd(Fixtures.GENERATED_XZ).find("primary").orElseThrow();
        Cancellation cancellation = new Cancellation();
        List<String> names = new ArrayList<>();

        FeedException e = assertThrows(FeedException.class,
                () -> new PrimaryParser(1 << 20, cancellation).read(stream(xzFixture()), entry.location(), entry,
                        p -> {
                            names.add(p.name());
                            if (names.size() == 2) {
                                cancellation.cancel("Goldsmith is stopping");
                            }
                        }));

        assertEquals(FeedException.Kind.CANCELLED, e.kind());
        assertEquals(List.of("fixture-alpha", "fixture-alpha"), names);
    }

    @Test
    void rejectsTruncatedXzAsMalformedWhenReadUnchecked() throws Exception {
        byte[] xz = xzFixture();
        byte[] truncated = Arrays.copyOf(xz, xz.length - 40);

        FeedException e = assertThrows(FeedException.class,
                () -> parser.readAll(stream(truncated), "primary.xml.xz", null));

        assertEquals(FeedException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().startsWith("primary.xml.xz: truncated or corrupt data"), e.getMessage());
    }

    @Test
    void rejectsTruncatedXzAsChecksumMismatchWhenCheckedAgainstRepomd() throws Exception {
        RepoMd.Data entry = Fixtures.repoMd(Fixtures.GENERATED_XZ).find("primary").orElseThrow();
        byte[] xz = xzFixture();
        byte[] truncated = Arrays.copyOf(xz, xz.length / 2);

        FeedException e = assertThrows(FeedException.class,
                () -> parser.readAll(stream(truncated), entry.location(), entry));

        assertEquals(FeedException.Kind.CHECKSUM, e.kind());
        assertEquals(entry.location(), e.source());
        assertTrue(e.getMessage().contains("size mismatch: repomd.xml states 1696 bytes, read " + xz.length / 2),
                e.getMessage());
    }

    @Test
    void rejectsFileWhoseChecksumDiffersAndNamesExpectedAndActual() throws Exception {
        RepoMd.Data real = Fixtures.repoMd(Fixtures.GENERATED_XZ).find("primary").orElseThrow();
        String wrong = "f".repeat(64);
        RepoMd.Data entry = withChecksum(real, new Checksum("sha256", wrong));
        String source = "https://m.example/el9/" + real.location();

        FeedException e = assertThrows(FeedException.class, () -> parser.readAll(stream(xzFixture()), source, entry));

        assertEquals(FeedException.Kind.CHECKSUM, e.kind());
        assertEquals(source, e.source());
        assertTrue(e.getMessage().contains("checksum mismatch: repomd.xml states sha256 " + wrong
                + ", the file has sha256 " + real.checksum().value()), e.getMessage());
    }

    @Test
    void rejectsSha512MismatchToo() throws Exception {
        byte[] gz = gzip(generatedXml);
        RepoMd.Data real = entry("repodata/p.xml.gz", gz, generatedXml);
        RepoMd.Data sha512 = withChecksum(real, new Checksum("sha512", "0".repeat(128)));

        FeedException e = assertThrows(FeedException.class, () -> parser.readAll(stream(gz), "p.xml.gz", sha512));

        assertEquals(FeedException.Kind.CHECKSUM, e.kind());
        assertTrue(e.getMessage().contains("states sha512 " + "0".repeat(128)), e.getMessage());
    }

    @Test
    void acceptsSha1EntryOfOldRepositories() throws Exception {
        byte[] gz = gzip(generatedXml);
        RepoMd.Data real = entry("repodata/p.xml.gz", gz, generatedXml);
        RepoMd.Data sha1 = withChecksum(real, new Checksum("sha1", hex("SHA-1", gz)));

        assertEquals(9, parser.readAll(stream(gz), "p.xml.gz", sha1).size());
    }

    @Test
    void rejectsContentWhoseOpenChecksumDiffers() throws Exception {
        byte[] gz = gzip(generatedXml);
        RepoMd.Data real = entry("repodata/p.xml.gz", gz, generatedXml);
        RepoMd.Data entry = new RepoMd.Data(real.type(), real.location(), real.checksum(),
                Optional.of(new Checksum("sha256", "1".repeat(64))), real.size(), real.openSize(), real.timestamp(),
                real.databaseVersion());

        FeedException e = assertThrows(FeedException.class, () -> parser.readAll(stream(gz), "p.xml.gz", entry));

        assertEquals(FeedException.Kind.CHECKSUM, e.kind());
        assertTrue(e.getMessage().contains("open-checksum mismatch"), e.getMessage());
    }

    @Test
    void stopsReadingFileLongerThanStated() throws Exception {
        byte[] gz = gzip(generatedXml);
        RepoMd.Data real = entry("repodata/p.xml.gz", gz, generatedXml);
        RepoMd.Data shorter = new RepoMd.Data(real.type(), real.location(), real.checksum(), real.openChecksum(),
                OptionalLong.of(100), real.openSize(), real.timestamp(), real.databaseVersion());

        FeedException e = assertThrows(FeedException.class, () -> parser.readAll(stream(gz), "p.xml.gz", shorter));

        assertEquals(FeedException.Kind.CHECKSUM, e.kind());
        assertTrue(e.getMessage().contains("size mismatch: repomd.xml states 100 bytes, the file is longer"),
                e.getMessage());
    }

    @Test
    void rejectsPackageCountThatDiffersFromTheListedPackages() {
        String xml = new String(generatedXml, StandardCharsets.UTF_8);
        int last = xml.lastIndexOf("<package type=\"rpm\">");
        String oneMissing = xml.substring(0, last) + "</metadata>\n";

        FeedException e = assertThrows(FeedException.class,
                () -> parser.readAll(stream(oneMissing.getBytes(StandardCharsets.UTF_8)), "primary.xml", null));

        assertEquals(FeedException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().endsWith("states packages=\"9\" but lists 8"), e.getMessage());
    }

    @Test
    void rejectsMetadataWithoutPackageCount() {
        String xml = "<metadata xmlns=\"http://linux.duke.edu/metadata/common\"></metadata>";

        FeedException e = assertThrows(FeedException.class,
                () -> parser.readAll(stream(xml.getBytes(StandardCharsets.UTF_8)), "primary.xml", null));

        assertTrue(e.getMessage().contains("must state its package count"), e.getMessage());
    }

    @Test
    void rejectsPackageWithoutChecksumAndNamesIt() {
        String xml = new String(generatedXml, StandardCharsets.UTF_8)
                .replaceFirst("<checksum type=\"sha256\" pkgid=\"YES\">[0-9a-f]{64}</checksum>", "");

        FeedException e = assertThrows(FeedException.class,
                () -> parser.readAll(stream(xml.getBytes(StandardCharsets.UTF_8)), "primary.xml", null));

        assertEquals(FeedException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains("package 1 (fixture-alpha) lacks one of"), e.getMessage());
    }

    @Test
    void rejectsPackageLocationOutsideTheRepository() {
        String xml = new String(generatedXml, StandardCharsets.UTF_8)
                .replace("Packages/fixture-alpha-1.0-1.el9.noarch.rpm", "../../etc/shadow");

        FeedException e = assertThrows(FeedException.class,
                () -> parser.readAll(stream(xml.getBytes(StandardCharsets.UTF_8)), "primary.xml", null));

        assertTrue(e.getMessage().contains("'../../etc/shadow' climbs out of the repository"), e.getMessage());
    }

    @Test
    void rejectsDecompressedContentPastTheLimitAsTooLarge() throws Exception {
        PrimaryParser small = new PrimaryParser(1000);

        FeedException e = assertThrows(FeedException.class,
                () -> small.readAll(stream(gzip(generatedXml)), "primary.xml.gz", null));

        assertEquals(FeedException.Kind.TOO_LARGE, e.kind());
    }

    @Test
    void refusesZchunkAsUnsupported() throws Exception {
        RepoMd.Data zck = Fixtures.repoMd(Fixtures.CREATEREPO).find("primary_zck").orElseThrow();

        FeedException e = assertThrows(FeedException.class,
                () -> parser.readAll(stream(new byte[] {0, 'Z', 'C', 'K', '1'}), zck.location(), zck));

        assertEquals(FeedException.Kind.UNSUPPORTED, e.kind());
    }

    @Test
    void listsSourcePackageUnderItsOwnName() throws Exception {
        String xml = "<metadata xmlns=\"http://linux.duke.edu/metadata/common\" "
                + "xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\" packages=\"1\"><package type=\"rpm\">"
                + "<name>openssl</name><arch>src</arch><version epoch=\"1\" ver=\"3.0.7\" rel=\"27.el9\"/>"
                + "<checksum type=\"sha256\" pkgid=\"YES\">" + "a".repeat(64) + "</checksum>"
                + "<size package=\"10\"/><location href=\"SRPMS/openssl-3.0.7-27.el9.src.rpm\"/>"
                + "<format><rpm:sourcerpm/></format></package></metadata>";

        RpmPackage openssl = parser.readAll(stream(xml.getBytes(StandardCharsets.UTF_8)), "primary.xml", null)
                .get(0);

        assertNull(openssl.sourceRpm());
        assertEquals("openssl", openssl.sourceName());
        assertEquals("1:3.0.7-27.el9", openssl.sourceVersion());
    }

    private List<RpmPackage> readFixture(String repodata, String repoRoot) throws Exception {
        RepoMd.Data entry = Fixtures.repoMd(repodata).find("primary").orElseThrow();
        String file = repoRoot + entry.location();
        return parser.readAll(Fixtures.path(file), entry);
    }

    private static byte[] xzFixture() throws Exception {
        RepoMd.Data entry = Fixtures.repoMd(Fixtures.GENERATED_XZ).find("primary").orElseThrow();
        return Fixtures.bytes("rpm-repodata/generated/repo-xz/" + entry.location());
    }

    private static RpmPackage find(List<RpmPackage> packages, String name) {
        return packages.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static String nevra(RpmPackage p) {
        return p.name() + "-" + p.version() + "." + p.arch();
    }

    private static RepoMd.Data entry(String location, byte[] stored, byte[] open) throws Exception {
        return new RepoMd.Data("primary", location, new Checksum("sha256", hex("SHA-256", stored)),
                Optional.of(new Checksum("sha256", hex("SHA-256", open))), OptionalLong.of(stored.length),
                OptionalLong.of(open.length), Optional.empty(), OptionalInt.empty());
    }

    private static RepoMd.Data withChecksum(RepoMd.Data d, Checksum checksum) {
        return new RepoMd.Data(d.type(), d.location(), checksum, d.openChecksum(), d.size(), d.openSize(),
                d.timestamp(), d.databaseVersion());
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    private static byte[] bzip2(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (BZip2CompressorOutputStream out = new BZip2CompressorOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static ByteArrayInputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }
}
