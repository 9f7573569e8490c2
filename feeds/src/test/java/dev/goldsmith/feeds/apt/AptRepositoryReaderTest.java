package dev.goldsmith.feeds.apt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.goldsmith.feeds.Cancellation;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.http.HttpFetcher;
import dev.goldsmith.feeds.poll.FeedPoller;
import dev.goldsmith.feeds.poll.Poll;
import dev.goldsmith.feeds.testing.StaticFileServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** A signed APT repository made by the test with a throwaway key, served on loopback, read as a feed. */
class AptRepositoryReaderTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final String DISTS = "debian/dists/bookworm-security/";

    @TempDir
    Path dir;

    private final TestKey key = TestKey.generate();
    private String lastRelease;
    private String packages;
    private StaticFileServer server;
    private HttpFetcher fetcher;
    private FeedPoller poller;

    @BeforeEach
    void publish() throws Exception {
        packages = Files.readString(Path.of(System.getProperty("goldsmith.fixtures"),
                "apt", "Packages.bookworm-security-main-amd64.300-stanzas.txt"));
        writeRepository(packages, NOW.minusSeconds(3600), null);
        server = new StaticFileServer(dir.resolve("www"));
        fetcher = new HttpFetcher(Duration.ofSeconds(10), 64 << 20);
        poller = poller(64 << 20);
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.close();
    }

    @Test
    void readsEveryStanzaVerifiedAndAnUnchangedInReleaseEndsThePoll() throws Exception {
        Poll first = poller.poll("security", reader());
        first.commit();
        Poll second = poller.poll("security", reader());

        assertEquals(300, first.packagesSeen(), "one package version per stanza");
        assertEquals(300, first.published().size());
        assertEquals("debian-12", first.published().get(0).distribution());
        assertTrue(first.signer().contains(key.fingerprint()), first.signer());
        assertEquals(List.of("InRelease", "main/binary-amd64/Packages.xz"), first.filesRead());
        assertTrue(second.unchanged());
        assertEquals(0, server.requests(DISTS + "main/binary-amd64/Packages.xz"), "by-hash, not by name");
    }

    @Test
    void newerIndexYieldsWhatWasPublishedAndWithdrawn() throws Exception {
        poller.poll("security", reader()).commit();
        String[] stanzas = packages.split("\n\n");
        String changed = String.join("\n\n", Arrays.copyOfRange(stanzas, 1, stanzas.length)) + "\n\n"
                + stanzas[1].replaceFirst("(?m)^Version: .*$", "Version: 99:1.0-1");
        writeRepository(changed, NOW.minusSeconds(60), null);

        Poll next = poller.poll("security", reader());

        assertEquals(1, next.published().size());
        assertEquals("99:1.0-1", next.published().get(0).version());
        assertEquals(1, next.withdrawn().size());
        assertEquals(stanzas[0].lines().filter(l -> l.startsWith("Package: ")).findFirst().orElseThrow()
                .substring(9), next.withdrawn().get(0).name());
    }

    @Test
    void withoutInReleaseTheReleaseAndItsDetachedSignatureAreRead() throws Exception {
        Path suite = dir.resolve("www/" + DISTS);
        String release = lastRelease;
        Files.delete(suite.resolve("InRelease"));
        Files.writeString(suite.resolve("Release"), release);
        Files.write(suite.resolve("Release.gpg"), key.detach(release.getBytes(StandardCharsets.UTF_8), true));

        Poll poll = poller.poll("security", reader());

        assertEquals(300, poll.packagesSeen());
        assertEquals("Release", poll.filesRead().get(0));
        assertTrue(poll.signer().contains(key.fingerprint()), poll.signer());
    }

    @Test
    void releaseWithoutItsSignatureIsRefused() throws Exception {
        Path suite = dir.resolve("www/" + DISTS);
        Files.delete(suite.resolve("InRelease"));
        Files.writeString(suite.resolve("Release"), "Origin: Debian\nSuite: bookworm-security\n");

        assertFails(FeedException.Kind.SIGNATURE, "Release.gpg");
    }

    @Test
    void serverErrorYieldsNoFacts() {
        server.force(DISTS + "InRelease", 500);

        assertFails(FeedException.Kind.FETCH, "InRelease: HTTP 500");
    }

    @Test
    void tamperedInReleaseFailsItsSignature() throws Exception {
        Path inRelease = dir.resolve("www/" + DISTS + "InRelease");
        Files.writeString(inRelease, Files.readString(inRelease).replace("Suite: bookworm-security",
                "Suite: bookworm-securitz"));

        assertFails(FeedException.Kind.SIGNATURE, "InRelease");
    }

    @Test
    void releaseSignedByAnUntrustedKeyFails() throws Exception {
        AptRepositoryReader stranger = new AptRepositoryReader(source(), List.of("amd64"),
                OpenPgpVerifier.fromBytes(TestKey.generate().keyring(), "other.gpg").withClock(clock()));

        FeedException e = assertThrows(FeedException.class, () -> poller.poll("security", stranger));

        assertEquals(FeedException.Kind.SIGNATURE, e.kind());
    }

    @Test
    void indexThatDoesNotMatchTheSignedChecksumFails() throws Exception {
        writeRepository(packages, NOW.minusSeconds(3600), "0".repeat(64));

        assertFails(FeedException.Kind.CHECKSUM, "Packages");
    }

    @Test
    void truncatedIndexFails() throws Exception {
        Path index = byHashFile();
        byte[] xz = Files.readAllBytes(index);
        Files.write(index, Arrays.copyOf(xz, xz.length / 2));

        assertFails(FeedException.Kind.CHECKSUM, "main/binary-amd64/Packages");
    }

    @Test
    void olderReleaseThanTheLastOneSeenIsRefusedAsRollback() throws Exception {
        poller.poll("security", reader()).commit();
        writeRepository(packages, NOW.minusSeconds(7200), null);

        assertFails(FeedException.Kind.ROLLBACK, "InRelease");
    }

    @Test
    void cancelledPollYieldsNoFactsAndLeavesTheSnapshotAndTheStateAsTheyWere() throws Exception {
        poller.poll("security", reader()).commit();
        Path feed = dir.resolve("state/security");
        byte[] snapshot = Files.readAllBytes(feed.resolve("packages.snapshot.gz"));
        byte[] state = Files.readAllBytes(feed.resolve("state.json"));
        writeRepository(packages.replaceFirst("(?m)^Version: .*$", "Version: 99:1.0-1"), NOW.minusSeconds(60), null);
        CountDownLatch stalled = server.stall(DISTS + "main/binary-amd64/by-hash/SHA256/" + byHashFile()
                .getFileName());
        Cancellation stop = new Cancellation();
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (HttpFetcher patient = new HttpFetcher(Duration.ofMinutes(5), 64 << 20)) {
            FeedPoller stoppable = new FeedPoller(dir.resolve("state"), patient, 64 << 20, clock(), stop);
            Future<Poll> polling = background.submit(() -> stoppable.poll("security", reader()));
            assertTrue(stalled.await(30, TimeUnit.SECONDS), "the poll reached the index");

            stop.cancel("Goldsmith is stopping");

            // Ignoring the stop, the poll would still wait on the stalled server when the one-minute guard gives up.
            ExecutionException e = assertThrows(ExecutionException.class, () -> polling.get(60, TimeUnit.SECONDS));
            FeedException failure = assertInstanceOf(FeedException.class, e.getCause());
            assertEquals(FeedException.Kind.CANCELLED, failure.kind(), failure.getMessage());
        } finally {
            background.shutdownNow();
        }
        assertArrayEquals(snapshot, Files.readAllBytes(feed.resolve("packages.snapshot.gz")));
        assertArrayEquals(state, Files.readAllBytes(feed.resolve("state.json")));
        assertFalse(poller.state("security").degraded());
    }

    @Test
    void malformedStanzaFailsNamingTheLine() throws Exception {
        writeRepository(packages.replaceFirst("(?m)^Size: ", "Size "), NOW.minusSeconds(3600), null);

        FeedException e = assertFails(FeedException.Kind.MALFORMED, "main/binary-amd64/Packages");
        assertTrue(e.getMessage().contains("line"), e.getMessage());
    }

    @Test
    void decompressionBombStopsAtTheLimit() throws Exception {
        String bomb = packages + "\nDescription: x\n" + (" " + "x".repeat(1000) + "\n").repeat(20_000);
        writeRepository(bomb, NOW.minusSeconds(3600), null);
        poller = poller(4 << 20);

        assertFails(FeedException.Kind.TOO_LARGE, "Packages");
    }

    private FeedException assertFails(FeedException.Kind kind, String fileNamed) {
        FeedException e = assertThrows(FeedException.class, () -> poller.poll("security", reader()));
        assertEquals(kind, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(fileNamed), e.getMessage());
        try {
            assertTrue(poller.state("security").degraded());
            assertEquals(e.getMessage(), poller.state("security").lastFailure());
        } catch (IOException io) {
            throw new AssertionError(io);
        }
        return e;
    }

    private FeedPoller poller(long maxBytes) {
        return new FeedPoller(dir.resolve("state"), fetcher, maxBytes, clock());
    }

    private static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    private AptRepositoryReader reader() throws IOException {
        return new AptRepositoryReader(source(), List.of("amd64"),
                OpenPgpVerifier.fromBytes(key.keyring(), "test.gpg").withClock(clock()));
    }

    private AptSource source() {
        return new AptSource("test", server.uri("debian/").toString(), "bookworm-security", List.of("main"),
                List.of(), null, Map.of());
    }

    private Path byHashFile() throws IOException {
        try (var files = Files.list(dir.resolve("www/" + DISTS + "main/binary-amd64/by-hash/SHA256"))) {
            return files.findFirst().orElseThrow();
        }
    }

    /** Writes the suite: the index as xz (by hash) and an InRelease listing it, signed by the test's key. */
    private void writeRepository(String index, Instant date, String listedSha256) throws Exception {
        byte[] xz = xz(index.getBytes(StandardCharsets.UTF_8));
        String sha = sha256(xz);
        Path suite = dir.resolve("www/" + DISTS);
        Path byHash = Files.createDirectories(suite.resolve("main/binary-amd64/by-hash/SHA256"));
        try (var old = Files.list(byHash)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        // A mirror serving the wrong bytes under the signed hash's name is what a listed hash that differs means.
        Files.write(byHash.resolve(listedSha256 != null ? listedSha256 : sha), xz);
        String release = "Origin: Debian\nLabel: Debian-Security\nSuite: bookworm-security\nVersion: 12\n"
                + "Codename: bookworm-security\nDate: " + aptDate(date) + "\n"
                + "Valid-Until: " + aptDate(NOW.plus(Duration.ofDays(7))) + "\n"
                + "Acquire-By-Hash: yes\nArchitectures: amd64\nComponents: main\nSHA256:\n"
                + " " + (listedSha256 != null ? listedSha256 : sha) + " " + xz.length
                + " main/binary-amd64/Packages.xz\n";
        Files.writeString(suite.resolve("InRelease"), key.clearsign(release));
        lastRelease = release;
    }

    private static String aptDate(Instant when) {
        return DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ROOT)
                .format(when.atZone(ZoneOffset.UTC));
    }

    private static byte[] xz(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XZOutputStream out = new XZOutputStream(bytes, new LZMA2Options())) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
