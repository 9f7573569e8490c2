package dev.goldsmith.routes.feeds;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.goldsmith.feeds.poll.FeedReader;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.builder.endpoint.dsl.QuartzEndpointBuilderFactory.QuartzEndpointBuilder;

/**
 * One scheduled route per feed, {@code feed-<name>}: a Quartz trigger that never overlaps itself (a poll that runs
 * long delays the next one rather than running beside it), firing at start-up and then every interval, or on a cron
 * schedule.
 */
public final class FeedRoutes extends EndpointRouteBuilder {

    /**
     * A feed to poll on a schedule.
     *
     * @param interval how often to poll, or null when {@code cron} is set
     * @param cron     a Quartz cron expression, or null when {@code interval} is set
     * @param maxBytes the largest file the feed may serve, downloaded or decompressed
     */
    public record ScheduledFeed(String name, FeedReader reader, Duration interval, String cron, long maxBytes) {
    }

    private final List<ScheduledFeed> feeds;
    private final FeedCycle cycle;

    public FeedRoutes(List<ScheduledFeed> feeds, FeedCycle cycle) {
        this.feeds = List.copyOf(feeds);
        this.cycle = cycle;
    }

    /** Returns the route id of the feed called {@code name}. */
    public static String routeId(String name) {
        return "feed-" + name;
    }

    @Override
    public void configure() {
        for (ScheduledFeed feed : feeds) {
            from(trigger(feed))
                    .routeId(routeId(feed.name()))
                    .process(exchange -> cycle.run(feed.name(), feed.reader(), feed.maxBytes()));
        }
    }

    private QuartzEndpointBuilder trigger(ScheduledFeed feed) {
        QuartzEndpointBuilder trigger = quartz("goldsmith-feeds/" + feed.name()).stateful(true);
        if (feed.cron() != null) {
            return trigger.cron(feed.cron());
        }
        trigger.advanced().triggerParameters(Map.of(
                "repeatInterval", feed.interval().toMillis(),
                "repeatCount", -1));
        return trigger;
    }
}
