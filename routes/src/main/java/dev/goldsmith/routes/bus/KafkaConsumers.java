package dev.goldsmith.routes.bus;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.goldsmith.catalog.event.Topic;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.builder.endpoint.dsl.KafkaEndpointBuilderFactory.KafkaEndpointConsumerBuilder;

/**
 * Builds the Kafka consumer endpoints of Goldsmith's routes, all with the same delivery contract.
 *
 * <p>Offsets are committed by hand, by {@link OffsetCommitter} at the end of a route, so a record counts as consumed
 * only once its handler's effect is durable. A record whose handler fails is not committed; with
 * {@code breakOnFirstError} the consumer seeks back to it, so nothing after it is committed over it either.
 *
 * <p>Each consuming route has its own consumer group, {@code <group-id>.<consumer>}: every route sees every event of
 * its topic, and instances of Goldsmith that share a group id share the partitions of each route between them.
 *
 * <p>A member that stops polling for {@code goldsmith.kafka.max-poll-interval-ms} (default Kafka's five minutes) or
 * stops heart-beating for {@code goldsmith.kafka.session-timeout-ms} loses its partitions to the others; until then
 * a new member waits for it in the rebalance.
 */
public final class KafkaConsumers {

    private KafkaConsumers() {
    }

    /** Returns the consumer endpoint of {@code topics} for the route called {@code consumer}. */
    public static KafkaEndpointConsumerBuilder consume(EndpointRouteBuilder routes, String consumer, Topic... topics) {
        if (topics.length == 0) {
            throw new IllegalArgumentException("consumer " + consumer + " names no topic");
        }
        String names = Arrays.stream(topics).map(Topic::topicName).collect(Collectors.joining(","));
        return routes.kafka(names)
                .groupId("{{goldsmith.kafka.group-id}}." + consumer)
                .clientId("goldsmith-" + consumer)
                .autoOffsetReset("earliest")
                .autoCommitEnable(false)
                .allowManualCommit(true)
                .breakOnFirstError(true)
                .pollTimeoutMs("{{goldsmith.kafka.poll-timeout-ms}}")
                .maxPollIntervalMs("{{goldsmith.kafka.max-poll-interval-ms:300000}}")
                .sessionTimeoutMs("{{goldsmith.kafka.session-timeout-ms:45000}}")
                .maxPollRecords(500);
    }
}
