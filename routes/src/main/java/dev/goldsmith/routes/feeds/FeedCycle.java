package dev.goldsmith.routes.feeds;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import dev.goldsmith.catalog.event.CloudEvent;
import dev.goldsmith.catalog.event.Events;
import dev.goldsmith.feeds.Cancellation;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.poll.Backoff;
import dev.goldsmith.feeds.poll.FeedPoller;
import dev.goldsmith.feeds.poll.FeedReader;
import dev.goldsmith.feeds.poll.FeedState;
import dev.goldsmith.feeds.poll.Poll;
import dev.goldsmith.routes.events.EventPublisher;
import dev.goldsmith.routes.health.ComponentHealth;
import dev.goldsmith.routes.health.HealthRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduled poll of one feed: read it, publish its facts, then let the poll count.
 *
 * <p>The order matters: facts go to the broker before the snapshot moves, so a crash in between repeats facts (with
 * the same event ids) rather than losing them. A feed that fails is reported degraded in {@code /health} with the
 * reason and waits out its backoff before the next attempt.
 *
 * <p>A poll that is cancelled (Goldsmith is stopping) ends at once, reading or publishing, and counts for nothing:
 * its snapshot does not move, the feed is not marked degraded, and the next poll starts where this one did.
 */
public final class FeedCycle {

    private static final Logger LOG = LoggerFactory.getLogger(FeedCycle.class);

    private final FeedPoller poller;
    private final EventPublisher publisher;
    private final HealthRegistry health;
    private final Backoff backoff;
    private final Clock clock;
    private final Cancellation cancellation;

    /** @param cancellation the signal that calls polls off, the same one {@code poller} reads with */
    public FeedCycle(FeedPoller poller, EventPublisher publisher, HealthRegistry health, Backoff backoff,
            Clock clock, Cancellation cancellation) {
        this.poller = poller;
        this.publisher = publisher;
        this.health = health;
        this.backoff = backoff;
        this.clock = clock;
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
    }

    /** Returns the health component name of {@code feed}. */
    public static String component(String feed) {
        return "feed:" + feed;
    }

    /** Registers {@code feed} in the health report, with the state its last poll left it in. */
    public void register(String feed) throws IOException {
        FeedState state = poller.state(feed);
        String lastPoll = state.lastSuccess() == null ? "not polled yet" : "last poll " + state.lastSuccess();
        report(feed, state.degraded() ? ComponentHealth.degraded(state.lastFailure()) : ComponentHealth.up(lastPoll));
    }

    /**
     * Polls {@code feed}, accepting files of at most {@code maxBytes}, unless it is waiting out a backoff; returns the
     * committed poll, if one happened.
     */
    public Optional<Poll> run(String feed, FeedReader reader, long maxBytes) throws IOException {
        FeedState state = poller.state(feed);
        if (!backoff.allows(state, clock.instant())) {
            LOG.debug("feed poll skipped feed={} reason=backoff failures={}", feed, state.consecutiveFailures());
            return Optional.empty();
        }
        long begin = System.nanoTime();
        Poll poll;
        try {
            poll = poller.poll(feed, reader, maxBytes);
        } catch (FeedException e) {
            if (e.kind() == FeedException.Kind.CANCELLED) {
                cancelled(feed, "read", e.source(), begin);
            } else {
                failed(feed, e.getMessage(), e.kind().name().toLowerCase(Locale.ROOT));
            }
            return Optional.empty();
        }
        boolean published;
        try {
            published = publish(feed, poll);
        } catch (RuntimeException e) {
            if (cancellation.isCancelled()) {
                // Sends fail once the routes are going down; that says nothing about the feed.
                cancelled(feed, "publish", null, begin);
                return Optional.empty();
            }
            poller.recordFailure(feed, "facts could not be published: " + e.getMessage());
            failed(feed, "facts could not be published: " + e.getMessage(), "publish");
            return Optional.empty();
        }
        if (!published) {
            cancelled(feed, "publish", null, begin);
            return Optional.empty();
        }
        poll.commit();
        report(feed, ComponentHealth.up("last poll " + clock.instant() + ": " + summary(poll)));
        LOG.info("feed polled feed={} {} duration_ms={}", feed, summary(poll), poll.duration().toMillis());
        return Optional.of(poll);
    }

    /** Publishes the poll's facts; returns false when the poll was cancelled before all of them were sent. */
    private boolean publish(String feed, Poll poll) {
        Events events = new Events(Events.feedSource(feed), clock);
        List<CloudEvent> facts = new ArrayList<>();
        poll.published().forEach(p -> facts.add(events.packagePublished(p)));
        poll.withdrawn().forEach(p -> facts.add(events.packageWithdrawn(p)));
        poll.newAdvisories().forEach(a -> facts.add(events.advisoryPublished(a)));
        poll.updatedAdvisories().forEach(a -> facts.add(events.advisoryUpdated(a)));
        return publisher.publishAll(facts, cancellation::isCancelled);
    }

    /** Logs the one line a cancelled poll leaves; {@code at} is what it was reading, or null while publishing. */
    private void cancelled(String feed, String stage, String at, long begin) {
        LOG.info("feed poll cancelled feed={} stage={}{} elapsed_ms={} snapshot=unchanged reason=\"{}\"", feed, stage,
                at == null ? "" : " at=\"" + at + "\"", (System.nanoTime() - begin) / 1_000_000,
                cancellation.reason());
    }

    private void failed(String feed, String reason, String kind) throws IOException {
        FeedState state = poller.state(feed);
        report(feed, ComponentHealth.degraded(reason));
        LOG.warn("feed poll failed feed={} kind={} failures={} next_attempt_in_s={} reason=\"{}\"", feed, kind,
                state.consecutiveFailures(), backoff.delayAfter(state.consecutiveFailures()).toSeconds(), reason);
    }

    private void report(String feed, ComponentHealth state) {
        health.register(component(feed), () -> state);
    }

    /** Returns the key=value summary of a poll, as the log and the command line show it. */
    public static String summary(Poll poll) {
        if (poll.unchanged()) {
            return "unchanged=true signer=" + quoted(poll.signer());
        }
        return "files=" + poll.filesRead().size()
                + " packages=" + poll.packagesSeen()
                + " published=" + poll.published().size()
                + " withdrawn=" + poll.withdrawn().size()
                + " advisories=" + poll.advisoriesSeen()
                + " advisories_new=" + poll.newAdvisories().size()
                + " advisories_updated=" + poll.updatedAdvisories().size()
                + " signer=" + quoted(poll.signer());
    }

    private static String quoted(String value) {
        return value == null ? "none" : '"' + value + '"';
    }
}
