package dev.goldsmith.routes.metrics;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.Exchange;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Times every exchange that a route completes or fails, as the meter {@code goldsmith.route.exchanges} tagged with
 * the route id and the outcome.
 */
public final class RouteMetricsNotifier extends EventNotifierSupport {

    private final MeterRegistry registry;

    public RouteMetricsNotifier(MeterRegistry registry) {
        this.registry = registry;
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (!(event instanceof CamelEvent.ExchangeEvent exchangeEvent)) {
            return;
        }
        Exchange exchange = exchangeEvent.getExchange();
        String routeId = exchange.getFromRouteId();
        if (routeId == null) {
            return;
        }
        String outcome = event instanceof CamelEvent.ExchangeFailedEvent ? "failed" : "completed";
        Timer.builder("goldsmith.route.exchanges")
                .description("Exchanges each route finished, by outcome")
                .tag("route", routeId)
                .tag("outcome", outcome)
                .register(registry)
                .record(exchange.getClock().elapsed(), TimeUnit.MILLISECONDS);
    }
}
