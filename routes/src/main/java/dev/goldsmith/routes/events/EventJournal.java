package dev.goldsmith.routes.events;

import dev.goldsmith.catalog.event.CloudEvent;
import dev.goldsmith.catalog.event.EventCodec;
import dev.goldsmith.catalog.event.Topic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Logs every event on the bus once, as one {@code key=value} line, and counts it by type.
 *
 * <p>Package facts come by the tens of thousands when a repository is first polled, and the feed's own summary line
 * ({@code feed polled ... published=N}) already says how many; they are logged at DEBUG ({@code --verbose}), every
 * other event at INFO.
 *
 * <p>A record that is not a valid CloudEvent of a known type fails with {@code InvalidEventException}, which the
 * error policy sends to the dead letters.
 */
final class EventJournal implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger("dev.goldsmith.events");

    private final EventCodec codec = new EventCodec();
    private final MeterRegistry registry;

    EventJournal(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void process(Exchange exchange) {
        CloudEvent event = codec.decode(exchange.getMessage().getBody(byte[].class));
        Level level = event.topic() == Topic.PACKAGES ? Level.DEBUG : Level.INFO;
        if (LOG.isEnabledForLevel(level)) {
            LOG.atLevel(level).log("event {} topic={} partition={} offset={}", EventLogLine.of(event),
                    event.topic().topicName(), exchange.getMessage().getHeader(KafkaConstants.PARTITION),
                    exchange.getMessage().getHeader(KafkaConstants.OFFSET));
        }
        Counter.builder("goldsmith.events")
                .description("Events seen on the bus, by type")
                .tag("type", event.type().eventName())
                .register(registry)
                .increment();
    }
}
