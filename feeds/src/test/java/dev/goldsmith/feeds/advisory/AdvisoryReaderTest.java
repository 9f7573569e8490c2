package dev.goldsmith.feeds.advisory;

import static dev.goldsmith.feeds.advisory.Fixtures.assertFeedException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.feeds.Cancellation;
import dev.goldsmith.feeds.FeedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdvisoryReaderTest {

    private static final String FEED = "test-feed";

    private final AdvisoryReader reader = new AdvisoryReader(FEED);

    @TempDir
    Path tmp;

    @Test
    void readsTheOsvFixtureDirectoryRecursivelyInNameOrder() throws Exception {
        AdvisoryBatch batch = reader.read(Fixtures.root().resolve("osv"));

        assertEquals(41, batch.advisories().size());
        assertEquals("ALSA-2025:14178", batch.advisories().get(0).advisoryId(), "almalinux10 sorts first");
        assertEquals("USN-2169-1", batch.advisories().get(40).advisoryId());
        assertEquals(List.of(), batch.omissions());
        assertTrue(batch.advisories().stream().allMatch(a -> a.sourceFeed().equals(FEED)));
    }

    @Test
    void readsAnOsvZipEntryByEntryToTheSameAdvisoriesAsTheDirectory() throws Exception {
        Path osv = Fixtures.root().resolve("osv");
        Path zip = tmp.resolve("all.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("almalinux/"));
            out.putNextEntry(new ZipEntry("README.md"));
            out.write("not an advisory".getBytes(StandardCharsets.UTF_8));
            for (Path file : Fixtures.filesBelow(osv, ".json")) {
                out.putNextEntry(new ZipEntry(osv.relativize(file).toString()));
                Files.copy(file, out);
            }
        }

        List<AdvisoryData> fromZip = reader.readAdvisories(zip);

        assertEquals(reader.readAdvisories(osv), fromZip);
    }

    @Test
    void cancelledReaderGivesUpBetweenDocuments() {
        Cancellation cancellation = new Cancellation();
        cancellation.cancel("Goldsmith is stopping");
        AdvisoryReader stopping = new AdvisoryReader(FEED, EnumSet.allOf(AdvisoryFormat.class),
                AdvisoryReader.DEFAULT_MAX_DOCUMENT_BYTES, cancellation);

        FeedException e = assertThrows(FeedException.class, () -> stopping.read(Fixtures.root().resolve("osv")));

        assertFeedException(e, FeedException.Kind.CANCELLED, "cancelled: Goldsmith is stopping");
    }

    @Test
    void failsTheWholeZipOnOneBrokenEntryAndNamesIt() throws Exception {
        Path zip = zipOf(
                "a/ALSA-2024:3163.json", Files.readAllBytes(Fixtures.osv("almalinux/almalinux8/ALSA-2024:3163.json")),
                "b/ALSA-2099:0001.json", "{\"id\": \"ALSA-2099:0001\", \"affected\": ["
                        .getBytes(StandardCharsets.UTF_8),
                "c/USN-2169-1.json", Files.readAllBytes(Fixtures.osv("ubuntu/usn/USN-2169-1.json")));

        FeedException e = assertThrows(FeedException.class, () -> reader.read(zip));

        assertEquals(zip + "!/b/ALSA-2099:0001.json", e.source());
        assertFeedException(e, FeedException.Kind.MALFORMED, "is not valid JSON", FEED);
    }

    @Test
    void failsTheWholeZipOnAnEntryWithAnUnknownEcosystemNamingFeedEntryAndEcosystem() throws Exception {
        String alpine = """
                {"id": "ALPINE-CVE-2099-1", "modified": "2099-01-01T00:00:00Z", "affected": [
                  {"package": {"ecosystem": "Alpine:v3.20", "name": "openssl"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.3.2-r0"}]}]}]}""";
        Path zip = zipOf(
                "ALSA-2024:3163.json", Files.readAllBytes(Fixtures.osv("almalinux/almalinux8/ALSA-2024:3163.json")),
                "ALPINE-CVE-2099-1.json", alpine.getBytes(StandardCharsets.UTF_8));

        FeedException e = assertThrows(FeedException.class, () -> reader.read(zip));

        assertEquals(zip + "!/ALPINE-CVE-2099-1.json", e.source());
        assertFeedException(e, FeedException.Kind.UNSUPPORTED, "'Alpine:v3.20'", "feed " + FEED);
    }

    @Test
    void rejectsATruncatedZipInsteadOfReadingTheEntriesBeforeTheCut() throws Exception {
        Path osv = Fixtures.root().resolve("osv/almalinux/almalinux9");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Path file : Fixtures.filesBelow(osv, ".json")) {
                out.putNextEntry(new ZipEntry(file.getFileName().toString()));
                Files.copy(file, out);
            }
        }
        Path zip = Files.write(tmp.resolve("cut.zip"), Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2));

        FeedException e = assertThrows(FeedException.class, () -> reader.read(zip));

        assertEquals(zip.toString(), e.source());
        assertFeedException(e, FeedException.Kind.MALFORMED, "is not a readable zip archive");
    }

    @Test
    void recognisesCsafByContentAndReadsItXzCompressed() throws Exception {
        AdvisoryBatch kernel = reader.read(Fixtures.csaf("advisories/rhsa-2025_3215.json.xz"));
        AdvisoryBatch all = reader.read(Fixtures.root().resolve("csaf"));

        assertEquals("RHSA-2025:3215", kernel.advisories().get(0).advisoryId());
        assertEquals(79, kernel.advisories().get(0).affected().size());
        assertEquals(9, all.advisories().size(), "6 of the 15 documents name no affected RPM");
        assertEquals(6, all.omitted(Omission.Reason.NO_AFFECTED_PACKAGES));
        assertEquals(2197, all.omitted(Omission.Reason.NOT_AFFECTED));
    }

    @Test
    void readsTheLargeKernelAdvisoryWellUnderASecondOnceWarm() throws Exception {
        Path kernel = Fixtures.csaf("advisories/rhsa-2025_3215.json.xz");
        reader.read(kernel);

        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            reader.read(kernel);
            best = Math.min(best, System.nanoTime() - start);
        }

        assertTrue(Duration.ofNanos(best).compareTo(Duration.ofSeconds(1)) < 0,
                "3.2 MB of CSAF took " + Duration.ofNanos(best).toMillis() + " ms");
    }

    @Test
    void refusesAFormatTheFeedDoesNotPublish() {
        AdvisoryReader osvOnly = new AdvisoryReader(FEED, EnumSet.of(AdvisoryFormat.OSV),
                AdvisoryReader.DEFAULT_MAX_DOCUMENT_BYTES);
        Path csaf = Fixtures.csaf("vex/CVE-2024-34500.json");

        FeedException e = assertThrows(FeedException.class, () -> osvOnly.read(csaf));

        assertEquals(csaf.toString(), e.source());
        assertFeedException(e, FeedException.Kind.UNSUPPORTED, "is CSAF, but feed test-feed reads only [OSV]");
    }

    @Test
    void rejectsJsonThatIsNeitherFormat() throws Exception {
        Path file = Files.writeString(tmp.resolve("package.json"), "{\"name\": \"left-pad\", \"version\": \"1.3.0\"}");

        FeedException e = assertThrows(FeedException.class, () -> reader.read(file));

        assertFeedException(e, FeedException.Kind.MALFORMED, "is neither a CSAF document", FEED);
    }

    @Test
    void rejectsInvalidJsonDuplicateMembersAndTrailingContent() throws Exception {
        String valid = Files.readString(Fixtures.osv("almalinux/almalinux8/ALSA-2024:3163.json"));
        for (String broken : List.of("", valid.substring(0, 300), valid.replaceFirst("\\{", "{\"id\": \"X\","),
                valid + " {}")) {
            Path file = Files.writeString(tmp.resolve("broken.json"), broken);

            FeedException e = assertThrows(FeedException.class, () -> reader.read(file));

            assertEquals(file.toString(), e.source());
            assertEquals(FeedException.Kind.MALFORMED, e.kind(), e.getMessage());
        }
    }

    @Test
    void rejectsADocumentLargerThanTheLimitAfterDecompression() {
        AdvisoryReader small = new AdvisoryReader(FEED, EnumSet.allOf(AdvisoryFormat.class), 1 << 20);
        Path kernel = Fixtures.csaf("advisories/rhsa-2025_3215.json.xz");

        FeedException e = assertThrows(FeedException.class, () -> small.read(kernel));

        assertFeedException(e, FeedException.Kind.TOO_LARGE, "is larger than 1048576 bytes decompressed");
    }

    @Test
    void keepsTheLaterRevisionWhenTwoDocumentsShareAnId() throws Exception {
        ObjectNode later = Fixtures.tree(Fixtures.osv("almalinux/almalinux8/ALSA-2024:3163.json"));
        later.put("modified", "2025-01-01T00:00:00Z");
        Path older = Files.copy(Fixtures.osv("almalinux/almalinux8/ALSA-2024:3163.json"), tmp.resolve("a.json"));
        Path newer = tmp.resolve("b.json");
        Fixtures.JSON.writeValue(newer.toFile(), later);

        AdvisoryBatch batch = reader.read(tmp);

        assertEquals(1, batch.advisories().size());
        assertEquals("2025-01-01T00:00:00Z", batch.advisories().get(0).modified().toString());
        assertEquals(List.of(new Omission(older.toString(), "ALSA-2024:3163", Omission.Reason.DUPLICATE, 1,
                "kept " + newer)), batch.omissions());
    }

    @Test
    void skipsHiddenDirectoriesAndFilesThatAreNoJsonDocuments() throws Exception {
        Files.createDirectories(tmp.resolve(".git/objects"));
        Files.writeString(tmp.resolve(".git/objects/broken.json"), "{");
        Files.writeString(tmp.resolve("README.md"), "# advisories");
        Files.copy(Fixtures.osv("ubuntu/usn/USN-2169-1.json"), tmp.resolve("USN-2169-1.json"));

        assertEquals(List.of("USN-2169-1"), reader.readAdvisories(tmp).stream().map(AdvisoryData::advisoryId)
                .toList());
    }

    @Test
    void readsACompressedDocumentFromAStream() throws Exception {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gzipped)) {
            Files.copy(Fixtures.csaf("vex/CVE-2024-34500.json"), out);
        }

        DocumentResult result = reader.readDocument(new ByteArrayInputStream(gzipped.toByteArray()),
                "https://security.example/csaf/vex/2024/cve-2024-34500.json.gz");

        assertEquals("CVE-2024-34500", result.advisory().advisoryId());
    }

    @Test
    void failsToFetchAPathThatDoesNotExist() {
        Path missing = tmp.resolve("nowhere.json");

        FeedException e = assertThrows(FeedException.class, () -> reader.read(missing));

        assertEquals(FeedException.Kind.FETCH, e.kind(), e.getMessage());
        assertEquals(missing.toString(), e.source());
    }

    /** Writes a zip of alternating entry names and contents. */
    private Path zipOf(Object... namesAndContents) throws IOException {
        Path zip = tmp.resolve("feed.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                out.putNextEntry(new ZipEntry((String) namesAndContents[i]));
                out.write((byte[]) namesAndContents[i + 1]);
            }
        }
        return zip;
    }
}
