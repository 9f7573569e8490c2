package dev.goldsmith.routes.http;

import dev.goldsmith.routes.health.HealthRegistry;
import dev.goldsmith.routes.metrics.Metrics;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/**
 * Serves the operator endpoints: {@code GET /health} and {@code GET /metrics} (Prometheus text format).
 */
public final class OperationsRoutes extends EndpointRouteBuilder {

    private final HealthRegistry health;
    private final Metrics metrics;

    public OperationsRoutes(HealthRegistry health, Metrics metrics) {
        this.health = health;
        this.metrics = metrics;
    }

    @Override
    public void configure() {
        from(platformHttp("/health").httpMethodRestrict("GET"))
                .routeId("http-health")
                .process(new HealthResponder(health));

        from(platformHttp("/metrics").httpMethodRestrict("GET"))
                .routeId("http-metrics")
                .process(new MetricsResponder(metrics));
    }
}
