package dev.goldsmith.routes;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.goldsmith.routes.config.EventBusConfig;
import dev.goldsmith.routes.config.GoldsmithConfig;

/**
 * What the running pipeline needs to know to start: where its state lives, which Kafka to use, where to serve HTTP.
 *
 * @param stateDir the directory holding everything that must survive a restart
 * @param externalBootstrapServers a Kafka cluster to use, or empty to run the embedded broker
 * @param embeddedPort the embedded broker's client port, 0 to keep the previous one or choose a free one
 * @param groupId the consumer group every route of this instance joins
 * @param partitions the partition count of each topic
 * @param httpHost the address {@code /health} and {@code /metrics} are served on
 * @param httpPort the port for HTTP, 0 for any free port
 * @param pollTimeoutMs how long a Kafka consumer waits in one poll; short polls make shutdown quick
 * @param kafkaProperties extra Kafka client properties (security settings for a cluster, say) for every client
 */
public record RuntimeSettings(
        Path stateDir,
        Optional<String> externalBootstrapServers,
        int embeddedPort,
        String groupId,
        int partitions,
        String httpHost,
        int httpPort,
        long pollTimeoutMs,
        Map<String, String> kafkaProperties) {

    /**
     * Camel stops the Kafka consumers one after another, each only once its current poll has returned: at 500 ms the
     * six consumers spent three of the five seconds of graceful shutdown waiting out idle polls.
     */
    private static final long POLL_TIMEOUT_MS = 100;

    public RuntimeSettings {
        kafkaProperties = Map.copyOf(kafkaProperties);
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(externalBootstrapServers, "externalBootstrapServers");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(httpHost, "httpHost");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        if (pollTimeoutMs < 1) {
            throw new IllegalArgumentException("pollTimeoutMs must be positive, was " + pollTimeoutMs);
        }
    }

    /** Returns settings for the embedded broker with everything under {@code stateDir}, HTTP on a free port. */
    public static RuntimeSettings embedded(Path stateDir) {
        return new RuntimeSettings(stateDir, Optional.empty(), 0, "goldsmith", 3, "127.0.0.1", 0, POLL_TIMEOUT_MS,
                Map.of());
    }

    /** Returns these settings with HTTP on the given address. */
    public RuntimeSettings withHttp(String host, int port) {
        return new RuntimeSettings(stateDir, externalBootstrapServers, embeddedPort, groupId, partitions, host, port,
                pollTimeoutMs, kafkaProperties);
    }

    /** Returns the settings a loaded configuration asks for. */
    public static RuntimeSettings from(GoldsmithConfig config) {
        EventBusConfig bus = config.eventBus();
        return new RuntimeSettings(config.stateDir(),
                bus.embedded() ? Optional.empty() : Optional.of(bus.bootstrapServers().trim()),
                bus.embeddedPort(), bus.groupId(), bus.partitions(), config.http().host(), config.http().port(),
                POLL_TIMEOUT_MS, bus.properties());
    }

    /** Returns whether the pipeline runs its own broker. */
    public boolean embeddedBroker() {
        return externalBootstrapServers.isEmpty();
    }
}
