package dev.goldsmith.routes.events;

import dev.goldsmith.catalog.event.InvalidEventException;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;

/**
 * The error policy of every route that consumes events, kept in one place.
 *
 * <p>A record that is not a valid event is a business failure: retrying cannot mend it, so it goes to the dead
 * letters at once. Anything else is taken as technical (a broker or disk hiccup) and retried with backoff before it
 * is dead-lettered. Either way the original record is kept whole in the dead letter, and its offset is committed
 * only once the dead letter is on the broker; if even that fails, the exchange fails and the consumer seeks back, so
 * nothing is lost. Work given up because Goldsmith is stopping ({@link WorkAbandonedException}) is neither retried
 * nor dead-lettered: the exchange fails, its offset stays where it was, and the next start takes the record again.
 */
public final class ConsumerErrorPolicy extends RouteConfigurationBuilder {

    /** The id consuming routes name with {@code routeConfigurationId}. */
    public static final String ID = "event-consumers";

    private final int maximumRedeliveries;
    private final long redeliveryDelayMs;

    public ConsumerErrorPolicy(int maximumRedeliveries, long redeliveryDelayMs) {
        this.maximumRedeliveries = maximumRedeliveries;
        this.redeliveryDelayMs = redeliveryDelayMs;
    }

    @Override
    public void configuration() {
        RouteConfigurationDefinition consumers = routeConfiguration(ID);
        consumers.onException(InvalidEventException.class)
                .handled(true)
                .useOriginalMessage()
                .to(DeadLetterRoutes.ENDPOINT);
        consumers.onException(WorkAbandonedException.class)
                .maximumRedeliveries(0)
                .handled(false)
                .logExhausted(false)
                .logStackTrace(false);
        consumers.onException(Exception.class)
                .maximumRedeliveries(maximumRedeliveries)
                .redeliveryDelay(redeliveryDelayMs)
                .useExponentialBackOff()
                .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN)
                .handled(true)
                .useOriginalMessage()
                .to(DeadLetterRoutes.ENDPOINT);
    }
}
