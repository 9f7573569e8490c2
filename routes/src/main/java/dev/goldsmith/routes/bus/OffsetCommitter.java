package dev.goldsmith.routes.bus;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * Commits the offset of the record an exchange came from; the last step of every consuming route, placed after the
 * step whose effect must be durable first.
 */
public final class OffsetCommitter implements Processor {

    @Override
    public void process(Exchange exchange) {
        KafkaManualCommit commit =
                exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (commit == null) {
            throw new IllegalStateException("exchange " + exchange.getExchangeId()
                    + " did not come from a Kafka consumer with manual commits; nothing to commit");
        }
        commit.commit();
    }
}
