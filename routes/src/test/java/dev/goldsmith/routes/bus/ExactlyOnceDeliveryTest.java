package dev.goldsmith.routes.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import dev.goldsmith.catalog.event.Topic;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExactlyOnceDeliveryTest {

    private static final int EVENTS = 10_000;
    private static final String GROUP = "exactly-once";
    private static final String CONSUMER = "recorder";

    @TempDir
    Path state;

    private EmbeddedKafkaBroker broker;

    @BeforeEach
    void startBroker() {
        broker = EmbeddedKafkaBroker.start(state.resolve("kafka"), 0);
        new TopicProvisioner(broker.bootstrapServers(), Map.of()).provision(3, Optional.of((short) 1));
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void consumerRouteSeesEachEventExactlyOnceAcrossRestartOfItsContext() throws Exception {
        KafkaTestSupport.send(broker.bootstrapServers(), Topic.PACKAGES, "event", EVENTS);
        RecordingHandler handler = new RecordingHandler();

        CamelContext first = consumerContext(handler);
        NotifyBuilder halfway = new NotifyBuilder(first).fromRoute(CONSUMER).whenCompleted(EVENTS / 2).create();
        first.start();
        assertTrue(halfway.matches(120, TimeUnit.SECONDS), "first context handled half the events");
        first.stop();
        int handledByFirst = handler.handled().size();

        CamelContext second = consumerContext(handler);
        second.start();
        try {
            assertTrue(handler.awaitDistinct(EVENTS, 150, TimeUnit.SECONDS), () -> "second context handled the rest,"
                    + " but after the first's " + handledByFirst + " only " + handler.distinct().size()
                    + " distinct events arrived before 150 s passed without one");
        } finally {
            second.stop();
        }

        assertTrue(handledByFirst < EVENTS, "the restart happened before the end, after " + handledByFirst);
        assertEquals(EVENTS, handler.distinct().size());
        assertEquals(EVENTS, handler.handled().size(), "no event was handled twice");
        assertEquals(EVENTS, KafkaTestSupport.committedCount(broker.bootstrapServers(), GROUP + "." + CONSUMER,
                Topic.PACKAGES), "every handled event's offset is committed");
    }

    private CamelContext consumerContext(RecordingHandler handler) throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        Properties props = new Properties();
        props.setProperty("goldsmith.kafka.group-id", GROUP);
        props.setProperty("goldsmith.kafka.poll-timeout-ms", "200");
        // a member of the first context that lingers must not hold the second one up for Kafka's default minutes
        props.setProperty("goldsmith.kafka.max-poll-interval-ms", "20000");
        props.setProperty("goldsmith.kafka.session-timeout-ms", "10000");
        camel.getPropertiesComponent().setInitialProperties(props);
        KafkaComponent kafka = new KafkaComponent();
        kafka.getConfiguration().setBrokers(broker.bootstrapServers());
        camel.addComponent("kafka", kafka);
        camel.addRoutes(new EndpointRouteBuilder() {
            @Override
            public void configure() {
                from(KafkaConsumers.consume(this, CONSUMER, Topic.PACKAGES))
                        .routeId(CONSUMER)
                        .process(handler)
                        .process(new OffsetCommitter());
            }
        });
        return camel;
    }
}
