package dev.goldsmith.routes.config;

import java.util.Map;

/**
 * The Kafka the flow's topics live on (YAML section {@code event-bus}).
 *
 * @param bootstrapServers {@code host:port} pairs of an external cluster, comma-separated; null or blank starts a
 *     broker inside the JVM instead
 * @param groupId the consumer group Goldsmith instances share the images in
 * @param partitions partitions per topic when Goldsmith creates the topics
 * @param embeddedPort the loopback port of the embedded broker; 0 picks a free one
 * @param properties extra Kafka client properties, passed through as written
 */
public record EventBusConfig(
        String bootstrapServers, String groupId, int partitions, int embeddedPort, Map<String, String> properties) {

    public static final String DEFAULT_GROUP_ID = "goldsmith";
    public static final int DEFAULT_PARTITIONS = 3;
    public static final int DEFAULT_EMBEDDED_PORT = 0;

    public EventBusConfig {
        properties = Map.copyOf(properties);
    }

    /** Creates a configuration without extra client properties. */
    public EventBusConfig(String bootstrapServers, String groupId, int partitions, int embeddedPort) {
        this(bootstrapServers, groupId, partitions, embeddedPort, Map.of());
    }

    /** Returns the defaults: an embedded broker on a free port. */
    public static EventBusConfig defaults() {
        return new EventBusConfig(null, DEFAULT_GROUP_ID, DEFAULT_PARTITIONS, DEFAULT_EMBEDDED_PORT);
    }

    /** Returns whether Goldsmith runs its own broker, which it does when no bootstrap servers are given. */
    public boolean embedded() {
        return bootstrapServers == null || bootstrapServers.isBlank();
    }
}
