package dev.goldsmith.routes.config;

/**
 * Where the HTTP API listens (YAML section {@code http}).
 *
 * @param host the address to bind
 * @param port the port to bind; 0 picks a free one
 * @param apiToken the bearer token callers must present, or null when the API is open
 */
public record HttpConfig(String host, int port, Secret apiToken) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    /** Returns the defaults: loopback, port 8080, no token. */
    public static HttpConfig defaults() {
        return new HttpConfig(DEFAULT_HOST, DEFAULT_PORT, null);
    }
}
