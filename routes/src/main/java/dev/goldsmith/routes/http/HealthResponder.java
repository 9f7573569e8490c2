package dev.goldsmith.routes.http;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.goldsmith.routes.health.ComponentHealth;
import dev.goldsmith.routes.health.HealthRegistry;
import dev.goldsmith.routes.health.HealthReport;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Answers {@code GET /health} with the state of every part: 200 when ready, 503 when any part is down.
 *
 * <p>{@code live} is true whenever this answer is given at all: the process and its HTTP server are running.
 */
public final class HealthResponder implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HealthRegistry registry;

    public HealthResponder(HealthRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        HealthReport report = registry.report();
        exchange.getMessage().setBody(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(report)));
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, report.ready() ? 200 : 503);
    }

    static Map<String, Object> toJson(HealthReport report) {
        Map<String, Object> components = new LinkedHashMap<>();
        report.components().forEach((name, health) -> components.put(name, component(health)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.status().name());
        body.put("live", true);
        body.put("ready", report.ready());
        body.put("components", components);
        return body;
    }

    private static Map<String, Object> component(ComponentHealth health) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", health.status().name());
        json.put("detail", health.detail());
        return json;
    }
}
