package dev.goldsmith.routes.feeds;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.goldsmith.routes.GoldsmithRuntime;
import dev.goldsmith.routes.RuntimeSettings;
import dev.goldsmith.routes.config.ConfigLoader;
import dev.goldsmith.routes.config.GoldsmithConfig;
import dev.goldsmith.routes.events.EventJournalRoutes;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configured feed polled by its scheduled route, its facts published as events on the embedded broker. */
class FeedsFeatureTest {

    @TempDir
    Path dir;

    @Test
    void scheduledPollPublishesEachNewAdvisoryAsAnEventAndReportsTheFeedInHealth() throws Exception {
        Path osv = Path.of(System.getProperty("goldsmith.fixtures"), "osv", "almalinux", "almalinux9");
        int advisories;
        try (var files = Files.list(osv)) {
            advisories = (int) files.filter(p -> p.toString().endsWith(".json")).count();
        }
        Path config = dir.resolve("goldsmith.yaml");
        Files.writeString(config, "state-dir: state\nfeeds:\n  - name: alma-osv\n    type: osv\n    path: " + osv
                + "\n    interval: 1h\n");
        GoldsmithConfig loaded = ConfigLoader.load(config, Map.of());
        FeedsFeature feeds = new FeedsFeature(loaded.feeds(), new FeedReaderFactory(Path.of("/")), Clock.systemUTC());

        try (GoldsmithRuntime runtime = GoldsmithRuntime.start(RuntimeSettings.from(loaded).withHttp("127.0.0.1", 0),
                List.of(feeds))) {
            NotifyBuilder journaled = new NotifyBuilder(runtime.camel()).fromRoute(EventJournalRoutes.ROUTE_ID)
                    .whenCompleted(advisories).create();
            NotifyBuilder polled = new NotifyBuilder(runtime.camel()).fromRoute(FeedRoutes.routeId("alma-osv"))
                    .whenCompleted(1).create();

            assertTrue(journaled.matches(60, TimeUnit.SECONDS), "every advisory reached the bus as an event");
            assertTrue(polled.matches(60, TimeUnit.SECONDS), "the poll finished");
            String health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + runtime.httpPort() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(health.contains("feed:alma-osv"), health);
            assertTrue(health.contains("advisories_new=" + advisories), health);
        }
        assertTrue(Files.exists(dir.resolve("state/feeds/alma-osv/advisories.json")), "the poll was committed");
        String state = Files.readString(dir.resolve("state/feeds/alma-osv/state.json"));
        assertTrue(state.contains("lastSuccess") && !state.contains("lastFailure"), state);
    }
}
