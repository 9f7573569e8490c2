package dev.goldsmith.feeds.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.advisory.AdvisoryReader;
import dev.goldsmith.feeds.advisory.Fixtures;
import dev.goldsmith.feeds.http.HttpFetcher;
import dev.goldsmith.feeds.snapshot.AdvisoryArchive;
import dev.goldsmith.feeds.snapshot.PackageEntry;
import dev.goldsmith.feeds.snapshot.PackageSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedPollerTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @TempDir
    Path dir;

    private final HttpFetcher fetcher = new HttpFetcher(Duration.ofSeconds(5), 1 << 20);
    private FeedPoller poller;

    @BeforeEach
    void createPoller() {
        poller = new FeedPoller(dir, fetcher, 1 << 20, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        fetcher.close();
    }

    @Test
    void firstPollPublishesEverythingAndLaterPollsOnlyTheDifference() throws Exception {
        Poll first = poller.poll("bookworm", repository("openssl=3.0.15-1", "curl=7.88.1-10"));
        assertEquals(2, first.published().size());
        assertEquals(List.of(), first.withdrawn());
        first.commit();

        Poll second = poller.poll("bookworm", repository("openssl=3.0.16-1", "curl=7.88.1-10"));

        assertEquals(List.of("openssl=3.0.16-1"), names(second.published()));
        assertEquals(List.of("openssl=3.0.15-1"), names(second.withdrawn()));
        assertEquals("debian-12", second.withdrawn().get(0).distribution());
        assertEquals(2, second.packagesSeen());
    }

    @Test
    void uncommittedPollYieldsTheSameFactsAgain() throws Exception {
        poller.poll("bookworm", repository("openssl=3.0.15-1")).commit();

        Poll notPublished = poller.poll("bookworm", repository("openssl=3.0.16-1"));
        Poll retried = poller.poll("bookworm", repository("openssl=3.0.16-1"));

        assertEquals(names(notPublished.published()), names(retried.published()));
        assertEquals(names(notPublished.withdrawn()), names(retried.withdrawn()));
    }

    @Test
    void failedReadYieldsNoFactsKeepsTheSnapshotAndMarksTheFeedDegraded() throws Exception {
        poller.poll("bookworm", repository("openssl=3.0.15-1")).commit();

        FeedException e = assertThrows(FeedException.class, () -> poller.poll("bookworm", context -> {
            throw new FeedException(FeedException.Kind.CHECKSUM, "http://127.0.0.1/dists/bookworm/main/Packages.xz",
                    "sha256 differs");
        }));

        FeedState state = poller.state("bookworm");
        assertTrue(state.degraded());
        assertEquals(e.getMessage(), state.lastFailure());
        Poll after = poller.poll("bookworm", repository("openssl=3.0.15-1"));
        assertFalse(after.hasFacts(), "the snapshot from before the failure still stands");
        after.commit();
        assertFalse(poller.state("bookworm").degraded(), "a committed poll clears the degraded state");
    }

    @Test
    void committedAdvisoryPollKeepsTheAdvisoriesWholeAndAnUncommittedOneDoesNot() throws Exception {
        List<AdvisoryData> advisories = new AdvisoryReader("osv").readAdvisories(Fixtures.osv(""));
        FeedReader feed = context -> new FeedContent.Advisories(advisories,
                new FeedContent.ReadDetails(List.of("osv"), null, Map.of(), null));
        Path archive = dir.resolve("osv").resolve(AdvisoryArchive.FILE);

        Poll uncommitted = poller.poll("osv", feed);
        assertFalse(Files.exists(archive), "nothing is kept before the facts are published");
        uncommitted.commit();

        assertEquals(advisories.size(), AdvisoryArchive.read(archive).size());
        assertEquals(advisories.stream().map(AdvisoryData::advisoryId).sorted().toList(),
                AdvisoryArchive.read(archive).stream().map(AdvisoryData::advisoryId).toList());
    }

    private static List<String> names(List<PackageData> packages) {
        return packages.stream().map(p -> p.name() + "=" + p.version()).sorted().toList();
    }

    /** A repository offering exactly the given name=version packages for amd64. */
    private static FeedReader repository(String... packages) {
        return context -> {
            PackageSnapshot.Builder snapshot = new PackageSnapshot.Builder("debian-12");
            List<PackageData> published = new ArrayList<>();
            for (String p : packages) {
                String[] nv = p.split("=");
                PackageEntry entry = new PackageEntry(nv[0], nv[1], "amd64", null, null);
                snapshot.add(entry);
                if (!context.previousPackages().contains(entry)) {
                    published.add(new PackageData(context.feed(), "debian-12", nv[0], nv[1], "amd64", nv[0], nv[1],
                            new PackageData.PackageFile("pool/" + nv[0] + ".deb", 1, SHA)));
                }
            }
            return new FeedContent.Packages(snapshot.build(), published,
                    new FeedContent.ReadDetails(List.of("Packages"), null, Map.of(), null));
        };
    }
}
