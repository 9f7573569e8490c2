package dev.goldsmith.routes.plan;

import java.time.Duration;
import java.util.Map;

import dev.goldsmith.catalog.event.EventCodec;
import dev.goldsmith.catalog.event.Topic;
import dev.goldsmith.routes.bus.KafkaConsumers;
import dev.goldsmith.routes.bus.OffsetCommitter;
import dev.goldsmith.routes.events.ConsumerErrorPolicy;
import org.apache.camel.Exchange;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.builder.endpoint.dsl.QuartzEndpointBuilderFactory.QuartzEndpointBuilder;

/**
 * The planner's routes: one consumer per fact topic and one for the outcomes of parent rebuilds, each handing its
 * event to the {@link PlanDesk} (which writes the planner state) before committing the offset; and a timer that
 * publishes the requests that have become due.
 */
public final class PlannerRoutes extends EndpointRouteBuilder {

    /** The route that takes in package facts; it also names the consumer group. */
    public static final String PACKAGES_ROUTE = "planner-packages";
    /** The route that takes in advisories. */
    public static final String ADVISORIES_ROUTE = "planner-advisories";
    /** The route that learns whether a parent's rebuild became stable or failed. */
    public static final String OUTCOMES_ROUTE = "planner-outcomes";
    /** The route that publishes due requests. */
    public static final String DUE_ROUTE = "planner-due";

    private final PlanDesk desk;
    private final Duration period;
    private final EventCodec codec = new EventCodec();

    /** Creates the routes; {@code period} is how often due requests are looked for. */
    public PlannerRoutes(PlanDesk desk, Duration period) {
        this.desk = desk;
        this.period = period;
    }

    @Override
    public void configure() {
        consume(PACKAGES_ROUTE, Topic.PACKAGES);
        consume(ADVISORIES_ROUTE, Topic.ADVISORIES);
        consume(OUTCOMES_ROUTE, Topic.BUILDS, Topic.QA, Topic.CATALOG);

        from(dueTrigger())
                .routeId(DUE_ROUTE)
                .process(exchange -> desk.publishDue());
    }

    private void consume(String routeId, Topic... topics) {
        from(KafkaConsumers.consume(this, routeId, topics))
                .routeId(routeId)
                .routeConfigurationId(ConsumerErrorPolicy.ID)
                .process(this::absorb)
                .process(new OffsetCommitter());
    }

    private void absorb(Exchange exchange) {
        desk.absorb(codec.decode(exchange.getMessage().getBody(byte[].class)));
    }

    private QuartzEndpointBuilder dueTrigger() {
        QuartzEndpointBuilder trigger = quartz("goldsmith-planner/due").stateful(true);
        trigger.advanced().triggerParameters(Map.of(
                "repeatInterval", period.toMillis(),
                "repeatCount", -1));
        return trigger;
    }
}
