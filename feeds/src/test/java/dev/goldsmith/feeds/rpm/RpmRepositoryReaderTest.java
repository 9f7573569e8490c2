package dev.goldsmith.feeds.rpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;

import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.http.HttpFetcher;
import dev.goldsmith.feeds.poll.FeedPoller;
import dev.goldsmith.feeds.poll.Poll;
import dev.goldsmith.feeds.testing.StaticFileServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RpmRepositoryReaderTest {

    @TempDir
    Path dir;

    private Path repo;
    private StaticFileServer server;
    private HttpFetcher fetcher;
    private FeedPoller poller;

    @BeforeEach
    void serveTheGeneratedRepository() throws IOException {
        repo = dir.resolve("mirror");
        copyTree(Fixtures.path("rpm-repodata/generated/repo-xz"), repo);
        server = new StaticFileServer(repo);
        fetcher = new HttpFetcher(Duration.ofSeconds(10), 64 << 20);
        poller = new FeedPoller(dir.resolve("state"), fetcher, 64 << 20, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.close();
    }

    @Test
    void firstPollPublishesEveryPackageAndAnUnchangedRepomdCostsOneRequest() throws Exception {
        RpmRepositoryReader reader = new RpmRepositoryReader(server.uri(""), "almalinux-9", null);

        Poll first = poller.poll("alma", reader);
        first.commit();
        Poll second = poller.poll("alma", reader);

        assertEquals(9, first.packagesSeen());
        assertEquals(9, first.published().size());
        assertTrue(first.published().stream().allMatch(p -> p.distribution().equals("almalinux-9")));
        assertTrue(first.published().stream().anyMatch(p -> p.version().startsWith("2:")), "epoch kept");
        assertTrue(second.unchanged());
        assertFalse(second.hasFacts());
        assertEquals(2, server.requests("repodata/repomd.xml"));
    }

    @Test
    void primaryThatFailsItsChecksumYieldsNoFactsAndNamesTheFile() throws Exception {
        Path primary;
        try (Stream<Path> files = Files.list(repo.resolve("repodata"))) {
            primary = files.filter(p -> p.toString().endsWith("primary.xml.xz")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(primary);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(primary, bytes);

        FeedException e = assertThrows(FeedException.class,
                () -> poller.poll("alma", new RpmRepositoryReader(server.uri(""), "almalinux-9", null)));

        assertEquals(FeedException.Kind.CHECKSUM, e.kind());
        assertTrue(e.getMessage().contains("primary.xml.xz"), e.getMessage());
        assertTrue(poller.state("alma").degraded());
    }

    @Test
    void securityErrataOfTheRepositoryBecomeAdvisories() throws Exception {
        Poll poll = poller.poll("alma-errata", new UpdateInfoReader(server.uri(""), "almalinux-9", null));

        assertEquals(1, poll.newAdvisories().size());
        assertEquals("FIXSA-2023:0001", poll.newAdvisories().get(0).advisoryId());
        assertEquals("almalinux-9", poll.newAdvisories().get(0).affected().get(0).release());
    }

    @Test
    void localMirrorIsReadThroughFileUrls() throws Exception {
        Poll poll = poller.poll("local", new RpmRepositoryReader(repo.toUri(), "almalinux-9", null));
        poll.commit();

        assertEquals(9, poll.packagesSeen());
        assertTrue(poller.poll("local", new RpmRepositoryReader(repo.toUri(), "almalinux-9", null)).unchanged());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
