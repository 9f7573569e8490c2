package dev.goldsmith.feeds.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves a directory over HTTP on loopback, as a mirror would: files with a strong ETag, 304 for a matching
 * {@code If-None-Match}, 404 for what is not there, and a status forced per path or a stalled body for fault tests.
 */
public final class StaticFileServer implements AutoCloseable {

    private final Path root;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, Integer> forcedStatus = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> stalled = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    public StaticFileServer(Path root) throws IOException {
        this.root = root;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    /** Returns the URL of {@code path} under the served directory. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + path);
    }

    /** Makes every request of {@code path} answer {@code status} with an empty body. */
    public void force(String path, int status) {
        forcedStatus.put("/" + path, status);
    }

    /**
     * Makes requests of {@code path} stall: the headers and half the body are sent, then nothing more until the
     * server closes (at most five minutes), which cuts the body short. Returns a latch counted down once a request
     * stalls.
     */
    public CountDownLatch stall(String path) {
        CountDownLatch stalling = new CountDownLatch(1);
        stalled.put("/" + path, stalling);
        return stalling;
    }

    /** Returns how many requests asked for {@code path}. */
    public int requests(String path) {
        AtomicInteger count = requests.get("/" + path);
        return count == null ? 0 : count.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Integer forced = forcedStatus.get(path);
            if (forced != null) {
                exchange.sendResponseHeaders(forced, -1);
                return;
            }
            Path file = root.resolve(path.substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            String etag = '"' + sha256(body) + '"';
            exchange.getResponseHeaders().add("ETag", etag);
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                CountDownLatch stalling = stalled.get(path);
                if (stalling != null) {
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    stalling.countDown();
                    awaitClosing();
                    return;
                }
                out.write(body);
            }
        }
    }

    private void awaitClosing() {
        try {
            closing.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
