package dev.goldsmith.routes.events;

import java.time.Clock;

import dev.goldsmith.routes.bus.OffsetCommitter;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/**
 * Receives what a consuming route gave up on, publishes it to {@code goldsmith.dead-letters} with the reason, and
 * then commits the original record's offset.
 */
public final class DeadLetterRoutes extends EndpointRouteBuilder {

    /** Where the error policy sends an exchange it gives up on. */
    public static final String ENDPOINT = "direct:dead-letter";

    private final Clock clock;

    public DeadLetterRoutes(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void configure() {
        from(ENDPOINT)
                .routeId("dead-letter")
                .process(new DeadLetterWriter(new EventPublisher(getContext().createProducerTemplate()), clock))
                .process(new OffsetCommitter());
    }
}
