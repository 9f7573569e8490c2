package dev.goldsmith.routes.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

import dev.goldsmith.catalog.event.CloudEvent;
import dev.goldsmith.catalog.event.EventCodec;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
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
        producer.sendBodyAndHeaders(uri(event), codec.encode(event), headers(event));
    }

    /**
     * Sends every event and waits until the broker has acknowledged all of them; a poll's thousands of facts go out
     * side by side instead of one round trip each. Fails with the first failure once every send has ended.
     */
    public void publishAll(List<CloudEvent> events) {
        publishAll(events, () -> false);
    }

    /**
     * Publishes like {@link #publishAll(List)}, but sends nothing more once {@code stop} answers true: the sends
     * already made are waited for and the rest stay unsent. Returns whether every event was sent.
     *
     * <p>Sends queue up behind one another (the producer template runs at most about a thousand at once and makes the
     * caller send the rest itself), so a stop is noticed between two sends however many events there are.
     */
    public boolean publishAll(List<CloudEvent> events, BooleanSupplier stop) {
        List<CompletableFuture<Exchange>> sends = new ArrayList<>(events.size());
        boolean stopped = false;
        for (CloudEvent event : events) {
            if (stop.getAsBoolean()) {
                stopped = true;
                break;
            }
            byte[] body = codec.encode(event);
            Map<String, Object> headers = headers(event);
            sends.add(producer.asyncSend(uri(event), exchange -> {
                exchange.getIn().setBody(body);
                exchange.getIn().setHeaders(new HashMap<>(headers));
            }));
        }
        RuntimeException failure = null;
        for (CompletableFuture<Exchange> send : sends) {
            try {
                Exchange done = send.join();
                if (done.getException() != null && failure == null) {
                    failure = new CamelExecutionException("publishing failed", done, done.getException());
                }
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return !stopped;
    }

    private static String uri(CloudEvent event) {
        return "kafka:" + event.topic().topicName() + "?requestRequiredAcks=all";
    }

    private static Map<String, Object> headers(CloudEvent event) {
        return event.key() == null ? Map.of() : Map.of(KafkaConstants.KEY, event.key());
    }
}
