package dev.goldsmith.feeds.poll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.feeds.Cancellation;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.http.HttpFetcher;
import dev.goldsmith.feeds.snapshot.AdvisoryArchive;
import dev.goldsmith.feeds.snapshot.AdvisorySnapshot;
import dev.goldsmith.feeds.snapshot.PackageEntry;
import dev.goldsmith.feeds.snapshot.PackageSnapshot;

/**
 * Polls feeds: reads each through its reader, compares what it found with the feed's snapshot, and returns the facts.
 *
 * <p>Each feed has a directory under the feeds directory holding {@code state.json}, its snapshot
 * ({@code packages.snapshot.gz} or {@code advisories.json}) and {@code work/} for downloads. A read that fails leaves
 * the snapshot untouched and records the reason in the state; a read that succeeds changes nothing on disk until the
 * caller commits the {@link Poll}. A read that is cancelled leaves the snapshot and the state alone: it says nothing
 * about the feed.
 */
public final class FeedPoller {

    private final Path feedsDir;
    private final HttpFetcher fetcher;
    private final long maxBytes;
    private final Clock clock;
    private final Cancellation cancellation;

    /**
     * @param maxBytes the largest file a reader may accept, downloaded or decompressed
     */
    public FeedPoller(Path feedsDir, HttpFetcher fetcher, long maxBytes, Clock clock) {
        this(feedsDir, fetcher, maxBytes, clock, Cancellation.never());
    }

    /**
     * Creates a poller whose polls give up as {@link FeedException.Kind#CANCELLED} once {@code cancellation} is
     * cancelled: downloads end, and readers stop between two packages or documents.
     */
    public FeedPoller(Path feedsDir, HttpFetcher fetcher, long maxBytes, Clock clock, Cancellation cancellation) {
        this.feedsDir = feedsDir;
        this.fetcher = fetcher;
        this.maxBytes = maxBytes;
        this.clock = clock;
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
    }

    /** Returns the state the feed {@code feed} is in, from its last poll. */
    public FeedState state(String feed) throws IOException {
        return FeedState.read(dir(feed).resolve("state.json"));
    }

    /**
     * Reads {@code feed} and returns the facts against its snapshot; a failure is recorded in the feed's state and
     * rethrown, a cancellation only rethrown.
     */
    public Poll poll(String feed, FeedReader reader) throws FeedException, IOException {
        return poll(feed, reader, maxBytes);
    }

    /** Polls like {@link #poll(String, FeedReader)}, accepting files of at most {@code limit} bytes. */
    public Poll poll(String feed, FeedReader reader, long limit) throws FeedException, IOException {
        cancellation.throwIfCancelled(feed);
        Path dir = dir(feed);
        FeedState state = state(feed);
        Path packagesFile = dir.resolve("packages.snapshot.gz");
        Path advisoriesFile = dir.resolve("advisories.json");
        PackageSnapshot previousPackages = PackageSnapshot.read(packagesFile);
        Path work = emptyWorkDir(dir);
        long started = System.nanoTime();
        FeedContent content;
        try {
            content = reader.read(new FeedContext(feed, fetcher, work, state, previousPackages, limit, clock,
                    cancellation));
        } catch (FeedException e) {
            if (e.kind() != FeedException.Kind.CANCELLED) {
                recordFailure(feed, e.getMessage());
            }
            throw e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        FeedState succeeded = state.succeeded(clock.instant(), content.details().validators(),
                content.details().signedDate());
        Path stateFile = dir.resolve("state.json");

        if (content instanceof FeedContent.Packages packages) {
            List<PackageData> withdrawn = withdrawn(feed, previousPackages, packages);
            return new Poll(feed, content, withdrawn, List.of(), List.of(), took, () -> {
                packages.snapshot().write(packagesFile);
                succeeded.write(stateFile);
            });
        }
        if (content instanceof FeedContent.Advisories advisories) {
            AdvisorySnapshot previous = AdvisorySnapshot.read(advisoriesFile);
            AdvisorySnapshot next = AdvisorySnapshot.of(advisories.advisories());
            return new Poll(feed, content, List.of(), next.added(previous, advisories.advisories()),
                    next.changed(previous, advisories.advisories()), took, () -> {
                        next.write(advisoriesFile);
                        AdvisoryArchive.write(dir.resolve(AdvisoryArchive.FILE), advisories.advisories());
                        succeeded.write(stateFile);
                    });
        }
        return new Poll(feed, content, List.of(), List.of(), List.of(), took, () -> succeeded.write(stateFile));
    }

    /** Records that a poll of {@code feed} failed, or that its facts could not be published, with the reason. */
    public void recordFailure(String feed, String reason) throws IOException {
        state(feed).failed(reason, clock.instant()).write(dir(feed).resolve("state.json"));
    }

    private static List<PackageData> withdrawn(String feed, PackageSnapshot previous, FeedContent.Packages now) {
        // Withdrawn versions belonged to the distribution the previous poll saw.
        String distribution = previous.distribution().isEmpty() ? now.snapshot().distribution()
                : previous.distribution();
        List<PackageData> withdrawn = new ArrayList<>();
        for (PackageEntry gone : previous.missingFrom(now.snapshot())) {
            withdrawn.add(new PackageData(feed, distribution, gone.name(), gone.version(), gone.architecture(),
                    gone.sourceName(), gone.sourceVersion(), null));
        }
        return withdrawn;
    }

    private Path dir(String feed) {
        return feedsDir.resolve(feed);
    }

    private static Path emptyWorkDir(Path dir) throws IOException {
        Path work = dir.resolve("work");
        if (Files.exists(work)) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(work)).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return Files.createDirectories(work);
    }
}
