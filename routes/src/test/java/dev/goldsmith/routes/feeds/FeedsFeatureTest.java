package dev.goldsmith.routes.feeds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.goldsmith.feeds.http.HttpFetcher;
import dev.goldsmith.feeds.poll.FeedPoller;
import dev.goldsmith.feeds.poll.FeedState;
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

    @Test
    void stoppingTheRuntimeCancelsAPollInProgressAndLeavesItsSnapshotAndStateAlone() throws Exception {
        byte[] document = Files.readAllBytes(Path.of(System.getProperty("goldsmith.fixtures"), "osv", "almalinux",
                "almalinux9", "ALSA-2026:0793.json"));
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // The first request (the poll before the runtime starts) gets the whole document; later ones stall
        // half-way until the test ends, as a slow mirror would.
        server.createContext("/ALSA-2026-0793.json", exchange -> serve(exchange, document,
                requests.incrementAndGet() > 1, stalled, release));
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        ExecutorService stopper = Executors.newSingleThreadExecutor();
        try {
            Path config = dir.resolve("goldsmith.yaml");
            Files.writeString(config, "state-dir: state\nfeeds:\n  - name: alma-osv\n    type: osv\n    url: "
                    + "http://127.0.0.1:" + server.getAddress().getPort() + "/ALSA-2026-0793.json\n"
                    + "    interval: 1h\n");
            GoldsmithConfig loaded = ConfigLoader.load(config, Map.of());
            Path feedDir = loaded.stateDir().resolve("feeds/alma-osv");
            pollOnce(loaded);
            byte[] snapshot = Files.readAllBytes(feedDir.resolve("advisories.json"));
            byte[] state = Files.readAllBytes(feedDir.resolve("state.json"));
            FeedsFeature feeds = new FeedsFeature(loaded.feeds(), new FeedReaderFactory(Path.of("/")),
                    Clock.systemUTC());

            GoldsmithRuntime runtime = GoldsmithRuntime.start(RuntimeSettings.from(loaded).withHttp("127.0.0.1", 0),
                    List.of(feeds));
            boolean downloading = stalled.await(60, TimeUnit.SECONDS);
            Future<?> stopping = stopper.submit(runtime::close);
            assertTrue(downloading, "the scheduled poll was downloading when the runtime stopped");

            // Ignoring the stop, the poll would hold the graceful shutdown, and then Quartz's, until the server let
            // go after five minutes; the guard gives up long before.
            stopping.get(2, TimeUnit.MINUTES);
            assertArrayEquals(snapshot, Files.readAllBytes(feedDir.resolve("advisories.json")), "snapshot kept");
            assertArrayEquals(state, Files.readAllBytes(feedDir.resolve("state.json")), "state kept");
            assertFalse(FeedState.read(feedDir.resolve("state.json")).degraded());
        } finally {
            release.countDown();
            stopper.shutdownNow();
            server.stop(0);
        }
    }

    /** Polls the configured feed once as the runtime would, committing it: the snapshot a later poll compares to. */
    private static void pollOnce(GoldsmithConfig loaded) throws Exception {
        FeedReaderFactory.NamedReader reader = new FeedReaderFactory(Path.of("/")).create(loaded.feeds().get(0))
                .get(0);
        try (HttpFetcher fetcher = new HttpFetcher(Duration.ofMinutes(1), FeedsFeature.MAX_BYTES)) {
            new FeedPoller(loaded.stateDir().resolve("feeds"), fetcher, FeedsFeature.MAX_BYTES, Clock.systemUTC())
                    .poll(reader.name(), reader.reader()).commit();
        }
    }

    private static void serve(HttpExchange exchange, byte[] body, boolean stall, CountDownLatch stalled,
            CountDownLatch release) throws IOException {
        try (exchange) {
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            if (!stall) {
                out.write(body);
                out.close();
                return;
            }
            out.write(body, 0, body.length / 2);
            out.flush();
            stalled.countDown();
            try {
                release.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
