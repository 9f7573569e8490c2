package dev.goldsmith.routes.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import dev.goldsmith.catalog.event.DeadLetter;
import dev.goldsmith.catalog.event.Events;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a failed exchange into a dead-letter event naming the topic, key and reason, and publishes it. */
final class DeadLetterWriter implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterWriter.class);

    private final EventPublisher publisher;
    private final Clock clock;
    private final Events events;

    DeadLetterWriter(EventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
        this.events = new Events(Events.componentSource("dead-letters"), clock);
    }

    @Override
    public void process(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String topic = exchange.getMessage().getHeader(KafkaConstants.TOPIC, "unknown", String.class);
        String key = exchange.getMessage().getHeader(KafkaConstants.KEY, String.class);
        byte[] payload = exchange.getMessage().getBody(byte[].class);
        String reason = cause == null
                ? "unknown failure"
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        DeadLetter letter = new DeadLetter(topic, key, null, reason,
                payload == null ? "" : new String(payload, StandardCharsets.UTF_8), clock.instant());
        publisher.publish(events.deadLetter(letter));
        LOG.warn("event dead-lettered route={} topic={} partition={} offset={} key={} reason=\"{}\"",
                exchange.getFromRouteId(), topic, exchange.getMessage().getHeader(KafkaConstants.PARTITION),
                exchange.getMessage().getHeader(KafkaConstants.OFFSET), key, reason);
    }
}
