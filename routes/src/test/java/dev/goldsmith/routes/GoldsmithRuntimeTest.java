package dev.goldsmith.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldsmithRuntimeTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path state;

    @Test
    void healthIsReadyWithBrokerCamelAndRoutesUp() throws Exception {
        try (GoldsmithRuntime runtime = GoldsmithRuntime.start(RuntimeSettings.embedded(state), List.of())) {
            HttpResponse<String> response = get(runtime, "/health");

            assertEquals(200, response.statusCode());
            JsonNode health = new ObjectMapper().readTree(response.body());
            assertEquals("UP", health.path("status").asText());
            assertTrue(health.path("live").asBoolean());
            assertTrue(health.path("ready").asBoolean());
            assertEquals("UP", health.path("components").path("event-bus").path("status").asText());
            assertTrue(health.path("components").path("event-bus").path("detail").asText().contains("embedded"));
            assertEquals("UP", health.path("components").path("camel").path("status").asText());
            assertEquals("UP", health.path("components").path("routes").path("status").asText());
        }
    }

    @Test
    void healthTurnsUnavailableWhenAComponentIsDown() throws Exception {
        try (GoldsmithRuntime runtime = GoldsmithRuntime.start(RuntimeSettings.embedded(state), List.of())) {
            runtime.health().register("feed:bookworm", () -> dev.goldsmith.routes.health.ComponentHealth.down(
                    "InRelease signature does not verify"));

            HttpResponse<String> response = get(runtime, "/health");

            assertEquals(503, response.statusCode());
            JsonNode health = new ObjectMapper().readTree(response.body());
            assertEquals("DOWN", health.path("status").asText());
            assertEquals("InRelease signature does not verify",
                    health.path("components").path("feed:bookworm").path("detail").asText());
        }
    }

    @Test
    void metricsServeJvmAndRouteMetersInPrometheusText() throws Exception {
        try (GoldsmithRuntime runtime = GoldsmithRuntime.start(RuntimeSettings.embedded(state), List.of())) {
            get(runtime, "/health");

            HttpResponse<String> response = get(runtime, "/metrics");

            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            assertTrue(response.body().contains("jvm_memory_used_bytes"), "JVM memory meters");
            assertTrue(response.body().contains("goldsmith_route_exchanges_seconds_count{outcome=\"completed\","
                    + "route=\"http-health\"}"), "route meters:\n" + response.body());
        }
    }

    private static HttpResponse<String> get(GoldsmithRuntime runtime, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + runtime.httpPort() + path);
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
