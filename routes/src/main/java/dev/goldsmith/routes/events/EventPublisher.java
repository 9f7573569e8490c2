package dev.goldsmith.routes.events;

import java.util.Map;

import dev.goldsmith.catalog.event.CloudEvent;
import dev.goldsmith.catalog.event.EventCodec;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * Publishes CloudEvents on their topic, keyed as the topic table says, and returns once the broker has them.
 */
public final class EventPublisher {

    private final ProducerTemplate producer;
    private final EventCodec codec = new EventCodec();

    public EventPublisher(ProducerTemplate producer) {
        this.producer = producer;
    }

    /** Sends {@code event} to its topic and waits for the broker's acknowledgement. */
    public void publish(CloudEvent event) {
        String uri = "kafka:" + event.topic().topicName() + "?requestRequiredAcks=all";
        Map<String, Object> headers = event.key() == null
                ? Map.of()
                : Map.of(KafkaConstants.KEY, event.key());
        producer.sendBodyAndHeaders(uri, codec.encode(event), headers);
    }
}
