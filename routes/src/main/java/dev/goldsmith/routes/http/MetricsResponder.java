package dev.goldsmith.routes.http;

import dev.goldsmith.routes.metrics.Metrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Answers {@code GET /metrics} with every meter in the Prometheus text format. */
final class MetricsResponder implements Processor {

    /** The content type Prometheus expects for its text exposition format. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Metrics metrics;

    MetricsResponder(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, PROMETHEUS_TEXT);
        exchange.getMessage().setBody(metrics.scrape());
    }
}
