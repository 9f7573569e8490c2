package dev.goldsmith.routes.bus;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.goldsmith.catalog.event.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for tests: fast batched sends, and a look at end offsets and committed offsets. */
final class KafkaTestSupport {

    private KafkaTestSupport() {
    }

    /** Sends {@code count} records with bodies {@code prefix-0 … prefix-(count-1)} and waits for every ack. */
    static void send(String bootstrap, Topic topic, String prefix, int count) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic.topicName(), "key-" + (i % 17), prefix + "-" + i));
            }
            producer.flush();
        }
    }

    /** Returns the number of records in {@code topic} (sum of end offsets; nothing is ever compacted here). */
    static long recordCount(String bootstrap, Topic topic) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(java.util.List.of(topic.topicName()))
                    .allTopicNames().get(10, TimeUnit.SECONDS).get(topic.topicName()).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic.topicName(), p.partition()),
                            p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(r -> r.offset()).sum();
        }
    }

    /** Returns the sum of the offsets {@code group} has committed on {@code topic}. */
    static long committedCount(String bootstrap, String group, Topic topic) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            return offsets.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic.topicName()) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    private static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(props);
    }
}
