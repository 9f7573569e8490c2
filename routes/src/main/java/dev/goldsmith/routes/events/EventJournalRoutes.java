package dev.goldsmith.routes.events;

import java.util.Arrays;

import dev.goldsmith.catalog.event.Topic;
import dev.goldsmith.routes.bus.KafkaConsumers;
import dev.goldsmith.routes.bus.OffsetCommitter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/**
 * Follows every topic of the flow but the dead letters and writes each event to the log, so an operator sees what
 * happened to which image without a Kafka client. Dead letters are logged when they are written.
 */
public final class EventJournalRoutes extends EndpointRouteBuilder {

    /** The route id, which also names its consumer group. */
    public static final String ROUTE_ID = "event-journal";

    private final MeterRegistry registry;

    public EventJournalRoutes(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void configure() {
        Topic[] followed = Arrays.stream(Topic.values()).filter(t -> t != Topic.DEAD_LETTERS).toArray(Topic[]::new);
        from(KafkaConsumers.consume(this, ROUTE_ID, followed))
                .routeId(ROUTE_ID)
                .routeConfigurationId(ConsumerErrorPolicy.ID)
                .process(new EventJournal(registry))
                .process(new OffsetCommitter());
    }
}
