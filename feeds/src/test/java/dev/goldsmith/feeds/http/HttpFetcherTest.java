package dev.goldsmith.feeds.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.goldsmith.feeds.Cancellation;
import dev.goldsmith.feeds.FeedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpFetcherTest {

    private static final byte[] BODY = "Origin: Debian\nSuite: bookworm\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private HttpServer server;
    private HttpFetcher fetcher;
    private final CountDownLatch release = new CountDownLatch(1);
    /** Counted down once a request to /stalled or /silent is being held: 30 s, or 5 min in the cancelling tests. */
    private final CountDownLatch holding = new CountDownLatch(1);
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private volatile int holdSeconds = 30;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/Release", exchange -> {
            if ("\"r1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                exchange.getResponseHeaders().add("ETag", "\"r1\"");
                exchange.getResponseHeaders().add("Last-Modified", "Sat, 11 Jul 2026 10:16:37 GMT");
                send(exchange, 200, BODY);
            }
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            send(exchange, 500, "oops".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        server.createContext("/truncated", exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write(new byte[400]);
            exchange.getResponseBody().flush();
            // Ending the exchange here closes the connection with 600 bytes still owed.
            exchange.close();
        });
        server.createContext("/stalled", (HttpHandler) exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write(new byte[10]);
            exchange.getResponseBody().flush();
            hold();
            exchange.close();
        });
        server.createContext("/silent", (HttpHandler) exchange -> {
            hold();
            exchange.close();
        });
        server.createContext("/large", exchange -> {
            send(exchange, 200, new byte[64 * 1024]);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        fetcher = new HttpFetcher(Duration.ofSeconds(2), 32 * 1024);
    }

    @AfterEach
    void stop() {
        release.countDown();
        background.shutdownNow();
        fetcher.close();
        server.stop(0);
    }

    private void hold() {
        holding.countDown();
        try {
            release.await(holdSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void fetchesWholeFileAndThenAsksConditionally() throws Exception {
        Path target = dir.resolve("Release");

        FetchResult first = fetcher.fetch(uri("/Release"), Validators.none(), target);
        FetchResult.Fetched fetched = assertInstanceOf(FetchResult.Fetched.class, first);
        assertArrayEquals(BODY, Files.readAllBytes(target));
        assertEquals("\"r1\"", fetched.validators().etag());
        assertEquals("Sat, 11 Jul 2026 10:16:37 GMT", fetched.validators().lastModified());

        FetchResult second = fetcher.fetch(uri("/Release"), fetched.validators(), dir.resolve("again"));
        assertInstanceOf(FetchResult.NotModified.class, second);
    }

    @Test
    void absentFileIsMissingNotAnError() throws Exception {
        FetchResult result = fetcher.fetch(uri("/dists/bookworm/Release.gpg"), Validators.none(), dir.resolve("x"));

        assertEquals(404, assertInstanceOf(FetchResult.Missing.class, result).status());
    }

    @Test
    void serverErrorFailsNamingUrlAndStatus() {
        FeedException e = assertThrows(FeedException.class,
                () -> fetcher.fetch(uri("/broken"), Validators.none(), dir.resolve("x")));

        assertEquals(FeedException.Kind.FETCH, e.kind());
        assertTrue(e.getMessage().endsWith("/broken: HTTP 500"), e.getMessage());
    }

    @Test
    void bodyShorterThanItsLengthFailsAndLeavesNoFile() {
        Path target = dir.resolve("Packages.xz");

        FeedException e = assertThrows(FeedException.class,
                () -> fetcher.fetch(uri("/truncated"), Validators.none(), target));

        assertEquals(FeedException.Kind.FETCH, e.kind());
        assertFalse(Files.exists(target), "no partial file is left");
    }

    @Test
    void stalledDownloadFailsAtTheDeadline() {
        FeedException e = assertThrows(FeedException.class,
                () -> fetcher.fetch(uri("/stalled"), Validators.none(), dir.resolve("x")));

        assertEquals(FeedException.Kind.FETCH, e.kind());
        assertTrue(e.getMessage().contains("within 2 s"), e.getMessage());
    }

    @Test
    void cancellingEndsADownloadWhoseServerStallsAndLeavesNoFile() throws Exception {
        Path target = dir.resolve("Packages.xz");

        FeedException e = cancelWhileHeld("/stalled", target);

        assertEquals(FeedException.Kind.CANCELLED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().endsWith("/stalled: cancelled: Goldsmith is stopping"), e.getMessage());
        assertFalse(Files.exists(target), "no partial file is left");
    }

    @Test
    void cancellingEndsTheWaitForAServerThatDoesNotAnswer() throws Exception {
        FeedException e = cancelWhileHeld("/silent", dir.resolve("InRelease"));

        assertEquals(FeedException.Kind.CANCELLED, e.kind(), e.getMessage());
    }

    /**
     * Fetches {@code path} from a server that holds it for five minutes, with a deadline as long, cancels once the
     * server holds the request, and returns how the fetch failed. A fetch that ignored the cancellation would still be
     * waiting when the one-minute guard gives up.
     */
    private FeedException cancelWhileHeld(String path, Path target) throws Exception {
        holdSeconds = 300;
        Cancellation cancellation = new Cancellation();
        try (HttpFetcher patient = new HttpFetcher(Duration.ofMinutes(5), 32 * 1024)) {
            Future<FetchResult> fetch = background.submit(
                    () -> patient.fetch(uri(path), Validators.none(), target, 32 * 1024, cancellation));
            assertTrue(holding.await(30, TimeUnit.SECONDS), "the request reached the server");

            cancellation.cancel("Goldsmith is stopping");

            ExecutionException e = assertThrows(ExecutionException.class, () -> fetch.get(60, TimeUnit.SECONDS));
            return assertInstanceOf(FeedException.class, e.getCause());
        }
    }

    @Test
    void bodyOverTheLimitFailsAsTooLarge() {
        FeedException e = assertThrows(FeedException.class,
                () -> fetcher.fetch(uri("/large"), Validators.none(), dir.resolve("x")));

        assertEquals(FeedException.Kind.TOO_LARGE, e.kind());
    }

    @Test
    void refusedConnectionFailsNamingIt() throws IOException {
        URI closed;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/InRelease");
        }

        FeedException e = assertThrows(FeedException.class,
                () -> fetcher.fetch(closed, Validators.none(), dir.resolve("x")));

        assertEquals(FeedException.Kind.FETCH, e.kind());
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
