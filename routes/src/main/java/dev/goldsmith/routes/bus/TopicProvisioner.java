package dev.goldsmith.routes.bus;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.goldsmith.catalog.event.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics of the flow with their partition counts, and grows any that have fewer partitions.
 *
 * <p>Partitions are never removed: Kafka cannot shrink a topic, and a topic with more partitions than configured
 * still works.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final String bootstrapServers;
    private final Map<String, String> clientProperties;

    /**
     * @param clientProperties extra Kafka client properties, such as a cluster's security settings
     */
    public TopicProvisioner(String bootstrapServers, Map<String, String> clientProperties) {
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = Map.copyOf(clientProperties);
    }

    /**
     * Ensures every topic of {@link Topic} exists with at least {@code partitions} partitions.
     *
     * @param replicationFactor the replication factor of new topics, or empty to use the cluster's default
     */
    public void provision(int partitions, Optional<Short> replicationFactor) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "goldsmith-topics");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = Arrays.stream(Topic.values())
                    .map(Topic::topicName)
                    .filter(name -> !existing.contains(name))
                    .map(name -> new NewTopic(name, Optional.of(partitions), replicationFactor))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                missing.forEach(t -> LOG.info("topic created topic={} partitions={}", t.name(), partitions));
            }
            growTopics(admin, existing, partitions);
            awaitLeaders(admin);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot provision topics on " + bootstrapServers + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within "
                    + TIMEOUT_SECONDS + " s while provisioning topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning topics", e);
        }
    }

    /**
     * Waits until every partition of every topic has a leader. A producer that sends to a partition still electing
     * its first leader can, with idempotence on, lose its sequence and retry without end; nothing is published
     * before this returns. A broker that has just created the topics may not know them yet when asked: a retriable
     * answer such as "does not host this topic-partition" is asked again until the deadline.
     */
    private static void awaitLeaders(Admin admin)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> names = Arrays.stream(Topic.values()).map(Topic::topicName).toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            List<String> leaderless;
            try {
                leaderless = admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .values().stream()
                        .flatMap(t -> t.partitions().stream().filter(p -> p.leader() == null || p.leader().isEmpty())
                                .map(p -> t.name() + "-" + p.partition()))
                        .toList();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw e;
                }
                leaderless = List.of("(not known to the broker yet: " + e.getCause().getMessage() + ")");
            }
            if (leaderless.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions without a leader after " + TIMEOUT_SECONDS + " s: "
                        + leaderless);
            }
            Thread.sleep(50);
        }
    }

    private static void growTopics(Admin admin, Set<String> existing, int partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> ours = Arrays.stream(Topic.values())
                .map(Topic::topicName)
                .filter(existing::contains)
                .toList();
        if (ours.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> described =
                admin.describeTopics(ours).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        for (TopicDescription topic : described.values()) {
            int current = topic.partitions().size();
            if (current < partitions) {
                admin.createPartitions(Map.of(topic.name(), NewPartitions.increaseTo(partitions)))
                        .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                LOG.info("topic grown topic={} partitions_before={} partitions={}", topic.name(), current, partitions);
            }
        }
    }
}
