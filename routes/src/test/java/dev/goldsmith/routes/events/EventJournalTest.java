package dev.goldsmith.routes.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import dev.goldsmith.routes.bus.TopicRecords;
import dev.goldsmith.catalog.event.CloudEvent;
import dev.goldsmith.catalog.event.DeadLetter;
import dev.goldsmith.catalog.event.EventCodec;
import dev.goldsmith.catalog.event.EventType;
import dev.goldsmith.catalog.event.Events;
import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.catalog.event.Topic;
import dev.goldsmith.routes.GoldsmithRuntime;
import dev.goldsmith.routes.RuntimeSettings;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventJournalTest {

    private static final Events EVENTS = new Events(Events.feedSource("bookworm-security"), Clock.systemUTC());

    @TempDir
    Path state;

    @Test
    void secondStartFindsTheEventsAndOffsetsOfTheFirst() throws Exception {
        try (GoldsmithRuntime first = GoldsmithRuntime.start(RuntimeSettings.embedded(state), List.of())) {
            NotifyBuilder journaled = journal(first, 3);
            for (String version : List.of("3.0.15-1~deb12u1", "3.0.16-1~deb12u1", "3.0.17-1~deb12u1")) {
                first.publisher().publish(EVENTS.packagePublished(openssl(version)));
            }
            assertTrue(journaled.matches(60, TimeUnit.SECONDS), "first run journals its three events");
        }

        try (GoldsmithRuntime second = GoldsmithRuntime.start(RuntimeSettings.embedded(state), List.of())) {
            NotifyBuilder journaled = journal(second, 1);
            NotifyBuilder journaledMore = journal(second, 2);
            second.publisher().publish(EVENTS.packagePublished(openssl("3.0.18-1~deb12u1")));

            assertTrue(journaled.matches(60, TimeUnit.SECONDS), "second run journals the new event");
            assertEquals(4, readAll(second.bootstrapServers(), Topic.PACKAGES).size(),
                    "the events of the first run are still on the topic");
            assertTrue(!journaledMore.matches(1, TimeUnit.SECONDS),
                    "the second run does not journal the first run's events again");
        }
    }

    @Test
    void recordThatIsNotAnEventGoesToTheDeadLettersWithItsReason() throws Exception {
        try (GoldsmithRuntime runtime = GoldsmithRuntime.start(RuntimeSettings.embedded(state), List.of())) {
            NotifyBuilder deadLettered = new NotifyBuilder(runtime.camel()).fromRoute(EventJournalRoutes.ROUTE_ID)
                    .whenDone(1).create();

            sendRaw(runtime.bootstrapServers(), Topic.ADVISORIES, "DSA-5678-1", "{\"specversion\":\"0.3\"}");

            assertTrue(deadLettered.matches(60, TimeUnit.SECONDS), "the bad record was dead-lettered");
            List<ConsumerRecord<String, byte[]>> letters = readAll(runtime.bootstrapServers(), Topic.DEAD_LETTERS);
            assertEquals(1, letters.size());
            assertEquals("DSA-5678-1", letters.get(0).key(), "dead letters keep the original key");
            CloudEvent event = new EventCodec().decode(letters.get(0).value());
            assertEquals(EventType.DEAD_LETTER, event.type());
            DeadLetter letter = (DeadLetter) event.data();
            assertEquals(Topic.ADVISORIES.topicName(), letter.originalTopic());
            assertEquals("{\"specversion\":\"0.3\"}", letter.payload());
            assertTrue(letter.reason().contains("specversion"), "reason names what was wrong: " + letter.reason());
        }
    }

    private static NotifyBuilder journal(GoldsmithRuntime runtime, int count) {
        return new NotifyBuilder(runtime.camel()).fromRoute(EventJournalRoutes.ROUTE_ID).whenCompleted(count).create();
    }

    private static PackageData openssl(String version) {
        return new PackageData("bookworm-security", "debian-12", "openssl", version, "amd64", "openssl", version,
                new PackageData.PackageFile("pool/updates/main/o/openssl/openssl_" + version + "_amd64.deb", 1234,
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
    }

    private static void sendRaw(String bootstrap, Topic topic, String key, String value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(topic.topicName(), key, value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, Topic topic) {
        return TopicRecords.readAll(bootstrap, List.of(topic), Duration.ofSeconds(10));
    }
}
