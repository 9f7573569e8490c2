package dev.goldsmith.routes.catalog;

import java.time.Duration;
import java.util.Map;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.CloudEvent;
import dev.goldsmith.catalog.event.EventCodec;
import dev.goldsmith.catalog.event.Topic;
import dev.goldsmith.routes.bus.KafkaConsumers;
import dev.goldsmith.routes.bus.OffsetCommitter;
import dev.goldsmith.routes.events.ConsumerErrorPolicy;
import org.apache.camel.Exchange;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.builder.endpoint.dsl.QuartzEndpointBuilderFactory.QuartzEndpointBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog's routes: advisories may revoke versions (committed to Git before the offset moves), a timer applies
 * the time-driven policies, and, with a remote, another pushes what was committed.
 */
public final class CatalogRoutes extends EndpointRouteBuilder {

    /** The route that revokes versions an advisory affects; it also names the consumer group. */
    public static final String ADVISORIES_ROUTE = "catalog-advisories";
    /** The route that applies soak, grace and retention. */
    public static final String POLICIES_ROUTE = "catalog-policies";
    /** The route that pushes the Git store to its remote. */
    public static final String PUSH_ROUTE = "catalog-push";

    private static final Logger LOG = LoggerFactory.getLogger(CatalogRoutes.class);

    private final CatalogDesk desk;
    private final Duration policyPeriod;
    private final Duration pushPeriod;
    private final EventCodec codec = new EventCodec();

    /** Creates the routes; {@code pushPeriod} is null when there is no remote to push to. */
    public CatalogRoutes(CatalogDesk desk, Duration policyPeriod, Duration pushPeriod) {
        this.desk = desk;
        this.policyPeriod = policyPeriod;
        this.pushPeriod = pushPeriod;
    }

    @Override
    public void configure() {
        from(KafkaConsumers.consume(this, ADVISORIES_ROUTE, Topic.ADVISORIES))
                .routeId(ADVISORIES_ROUTE)
                .routeConfigurationId(ConsumerErrorPolicy.ID)
                .process(this::advisory)
                .process(new OffsetCommitter());

        from(every("policies", policyPeriod))
                .routeId(POLICIES_ROUTE)
                .process(exchange -> desk.tick());

        if (pushPeriod != null) {
            from(every("push", pushPeriod))
                    .routeId(PUSH_ROUTE)
                    .process(exchange -> push());
        }
    }

    private void advisory(Exchange exchange) throws Exception {
        CloudEvent event = codec.decode(exchange.getMessage().getBody(byte[].class));
        if (event.data() instanceof AdvisoryData advisory) {
            desk.advisory(advisory);
        }
    }

    private void push() {
        try {
            desk.push().ifPresent(result -> LOG.info("catalog pushed commits={} tags={} attempts={} received={}",
                    result.commits(), result.tags(), result.attempts(), result.received()));
        } catch (Exception e) {
            // The commits stay queued in the local repository; the next round tries again.
            LOG.warn("catalog push failed, commits stay queued reason=\"{}\"", e.getMessage());
        }
    }

    private QuartzEndpointBuilder every(String name, Duration period) {
        QuartzEndpointBuilder trigger = quartz("goldsmith-catalog/" + name).stateful(true);
        trigger.advanced().triggerParameters(Map.of("repeatInterval", period.toMillis(), "repeatCount", -1));
        return trigger;
    }
}
