package dev.goldsmith.feeds.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.goldsmith.feeds.Cancellation;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.io.LimitedInputStream;
import dev.goldsmith.feeds.io.SizeLimitExceededException;

/**
 * Downloads feed files with conditional GETs, into a file, within a deadline and a size limit.
 *
 * <p>Anything short of a whole file is a failure: an HTTP error, a timeout (the deadline covers the whole transfer,
 * so a server that stalls mid-body fails too), a body shorter than its {@code Content-Length}, or a body larger than
 * the limit. A failed download leaves no file behind.
 *
 * <p>A download can be called off with a {@link Cancellation}: waiting for the response ends, the body is closed
 * and the copy stops, and the fetch fails as {@link FeedException.Kind#CANCELLED}.
 */
public final class HttpFetcher implements AutoCloseable {

    private static final int COPY_BUFFER_BYTES = 64 * 1024;

    private final HttpClient client;
    private final Duration timeout;
    private final long maxBytes;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "goldsmith-fetch-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param timeout  the deadline for one whole download, headers and body
     * @param maxBytes the largest body accepted
     */
    public HttpFetcher(Duration timeout, long maxBytes) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /**
     * Fetches {@code uri} into {@code target} unless the validators show it unchanged. A {@code file:} URI is copied,
     * with its modification time standing in for {@code Last-Modified}, so a local mirror is watched the same way.
     */
    public FetchResult fetch(URI uri, Validators validators, Path target) throws FeedException {
        return fetch(uri, validators, target, maxBytes);
    }

    /** Fetches like {@link #fetch(URI, Validators, Path)}, accepting at most {@code limit} bytes. */
    public FetchResult fetch(URI uri, Validators validators, Path target, long limit) throws FeedException {
        return fetch(uri, validators, target, limit, Cancellation.never());
    }

    /**
     * Fetches like {@link #fetch(URI, Validators, Path, long)}, giving up as {@link FeedException.Kind#CANCELLED}
     * as soon as {@code cancellation} is cancelled, whether waiting for the server or copying the body.
     */
    public FetchResult fetch(URI uri, Validators validators, Path target, long limit, Cancellation cancellation)
            throws FeedException {
        cancellation.throwIfCancelled(uri.toString());
        if ("file".equals(uri.getScheme())) {
            return copy(uri, validators, target, limit, cancellation);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("User-Agent", "goldsmith");
        if (validators.etag() != null) {
            request.header("If-None-Match", validators.etag());
        }
        if (validators.lastModified() != null) {
            request.header("If-Modified-Since", validators.lastModified());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<InputStream> response = send(uri, request.build(), cancellation);
        int status = response.statusCode();
        if (status == 304) {
            close(response.body());
            return new FetchResult.NotModified(uri);
        }
        if (status == 404 || status == 410) {
            close(response.body());
            return new FetchResult.Missing(uri, status);
        }
        if (status != 200) {
            close(response.body());
            throw new FeedException(FeedException.Kind.FETCH, uri.toString(), "HTTP " + status);
        }
        long size = download(uri, response, target, deadline, limit, cancellation);
        return new FetchResult.Fetched(uri, target, size, new Validators(
                response.headers().firstValue("ETag").orElse(null),
                response.headers().firstValue("Last-Modified").orElse(null)));
    }

    private HttpResponse<InputStream> send(URI uri, HttpRequest request, Cancellation cancellation)
            throws FeedException {
        CompletableFuture<HttpResponse<InputStream>> response =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        try (Cancellation.Registration stop = cancellation.whenCancelled(() -> response.cancel(true))) {
            return response.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (CancellationException e) {
            throw cancellation.cancelled(uri.toString(), e);
        } catch (TimeoutException e) {
            throw new FeedException(FeedException.Kind.FETCH, uri.toString(),
                    "no response within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cancellation.isCancelled()) {
                // The client reports a cancelled exchange as failed with a CancellationException of its own.
                throw cancellation.cancelled(uri.toString(), cause);
            }
            String reason = cause instanceof HttpConnectTimeoutException ? "connection timed out"
                    : cause instanceof HttpTimeoutException ? "no response within " + timeout.toSeconds() + " s"
                    : cause instanceof ConnectException ? "connection refused"
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            throw new FeedException(FeedException.Kind.FETCH, uri.toString(), reason, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedException(FeedException.Kind.FETCH, uri.toString(), "interrupted", e);
        }
    }

    private long download(URI uri, HttpResponse<InputStream> response, Path target, long deadline, long limit,
            Cancellation cancellation) throws FeedException {
        OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
        if (declared.isPresent() && declared.getAsLong() > limit) {
            close(response.body());
            throw new FeedException(FeedException.Kind.TOO_LARGE, uri.toString(),
                    "Content-Length " + declared.getAsLong() + " exceeds the limit of " + limit + " bytes");
        }
        AtomicBoolean expired = new AtomicBoolean();
        InputStream body = response.body();
        ScheduledFuture<?> alarm = watchdog.schedule(() -> {
            expired.set(true);
            close(body);
        }, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        long size;
        // Closing the body is what ends a read that waits on a stalled server; the copy loop notices the rest.
        try (Cancellation.Registration stop = cancellation.whenCancelled(() -> close(body));
                InputStream in = new LimitedInputStream(body, limit, uri.toString());
                OutputStream out = Files.newOutputStream(target)) {
            size = copy(in, out, cancellation, uri.toString());
        } catch (FeedException e) {
            deleteQuietly(target);
            throw e;
        } catch (SizeLimitExceededException e) {
            deleteQuietly(target);
            throw new FeedException(FeedException.Kind.TOO_LARGE, uri.toString(), e.getMessage(), e);
        } catch (IOException e) {
            deleteQuietly(target);
            if (cancellation.isCancelled()) {
                throw cancellation.cancelled(uri.toString(), e);
            }
            String reason = expired.get()
                    ? "download did not finish within " + timeout.toSeconds() + " s"
                    : "download broken off: " + e.getMessage();
            throw new FeedException(FeedException.Kind.FETCH, uri.toString(), reason, e);
        } finally {
            alarm.cancel(false);
        }
        if (declared.isPresent() && declared.getAsLong() != size) {
            deleteQuietly(target);
            throw new FeedException(FeedException.Kind.FETCH, uri.toString(),
                    "truncated: received " + size + " of " + declared.getAsLong() + " bytes");
        }
        return size;
    }

    private FetchResult copy(URI uri, Validators validators, Path target, long limit, Cancellation cancellation)
            throws FeedException {
        Path source = Path.of(uri);
        try {
            if (!Files.isRegularFile(source)) {
                return new FetchResult.Missing(uri, 404);
            }
            String modified = Files.getLastModifiedTime(source).toString();
            if (modified.equals(validators.lastModified())) {
                return new FetchResult.NotModified(uri);
            }
            long size;
            try (InputStream in = new LimitedInputStream(Files.newInputStream(source), limit, uri.toString());
                    OutputStream out = Files.newOutputStream(target)) {
                size = copy(in, out, cancellation, uri.toString());
            }
            return new FetchResult.Fetched(uri, target, size, new Validators(null, modified));
        } catch (FeedException e) {
            deleteQuietly(target);
            throw e;
        } catch (SizeLimitExceededException e) {
            deleteQuietly(target);
            throw new FeedException(FeedException.Kind.TOO_LARGE, uri.toString(), e.getMessage(), e);
        } catch (IOException e) {
            deleteQuietly(target);
            throw new FeedException(FeedException.Kind.FETCH, uri.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Copies {@code in} to {@code out} and returns how many bytes; stops as cancelled between two reads, and when the
     * input ended because a cancellation closed it.
     */
    private static long copy(InputStream in, OutputStream out, Cancellation cancellation, String source)
            throws IOException, FeedException {
        byte[] buffer = new byte[COPY_BUFFER_BYTES];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            cancellation.throwIfCancelled(source);
            out.write(buffer, 0, n);
            total += n;
        }
        cancellation.throwIfCancelled(source);
        return total;
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Nothing more can go wrong with a response that is being thrown away.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The next download into this path replaces it anyway.
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
