package dev.goldsmith.routes.feeds;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.goldsmith.feeds.Cancellation;
import dev.goldsmith.feeds.http.HttpFetcher;
import dev.goldsmith.feeds.poll.Backoff;
import dev.goldsmith.feeds.poll.FeedPoller;
import dev.goldsmith.routes.Feature;
import dev.goldsmith.routes.GoldsmithRuntime;
import dev.goldsmith.routes.config.FeedConfig;

/** Watches the configured feeds: one scheduled route each, their state under {@code <state-dir>/feeds}. */
public final class FeedsFeature implements Feature {

    /** The deadline of one download, headers and body. */
    public static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(5);
    /** The size limit of ad-hoc polls from the command line, as for a configured feed that sets none. */
    public static final long MAX_BYTES = FeedConfig.DEFAULT_MAX_SIZE_MB * (1L << 20);
    /** How a failing feed backs off: a minute, doubling, at most six hours. */
    static final Backoff BACKOFF = new Backoff(Duration.ofMinutes(1), Duration.ofHours(6));

    private final List<FeedConfig> feeds;
    private final FeedReaderFactory readers;
    private final Clock clock;

    public FeedsFeature(List<FeedConfig> feeds, FeedReaderFactory readers, Clock clock) {
        this.feeds = List.copyOf(feeds);
        this.readers = readers;
        this.clock = clock;
    }

    @Override
    public void install(GoldsmithRuntime runtime) throws Exception {
        if (feeds.isEmpty()) {
            return;
        }
        long largest = feeds.stream().mapToLong(FeedConfig::maxBytes).max().orElse(MAX_BYTES);
        HttpFetcher fetcher = new HttpFetcher(DOWNLOAD_TIMEOUT, largest);
        runtime.closeOnStop(fetcher);
        // A first poll of a whole suite outlasts Camel's graceful window; a stop calls polls off instead.
        Cancellation stopping = new Cancellation();
        runtime.onStopping(() -> stopping.cancel("Goldsmith is stopping"));
        FeedPoller poller = new FeedPoller(runtime.stateDir().resolve("feeds"), fetcher, largest, clock, stopping);
        FeedCycle cycle = new FeedCycle(poller, runtime.publisher(), runtime.health(), BACKOFF, clock, stopping);
        List<FeedRoutes.ScheduledFeed> scheduled = new ArrayList<>();
        for (FeedConfig feed : feeds) {
            for (FeedReaderFactory.NamedReader reader : readers.create(feed)) {
                scheduled.add(new FeedRoutes.ScheduledFeed(reader.name(), reader.reader(), feed.interval(),
                        feed.cron(), feed.maxBytes()));
                cycle.register(reader.name());
            }
        }
        runtime.camel().addRoutes(new FeedRoutes(scheduled, cycle));
    }
}
