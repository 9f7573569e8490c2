package dev.goldsmith.catalog.event;

import java.time.Instant;

/**
 * A record that a route gave up on, kept with the reason so that an operator can inspect and replay it.
 * Carried by {@code dead-letter}.
 *
 * @param originalTopic   the topic the record was read from, such as {@code goldsmith.builds}
 * @param originalKey     the record's key; the key of the dead letter too. Null when the record had none
 * @param originalEventId the CloudEvent id of the record, or null when it could not be read as an event
 * @param reason          why the route gave up
 * @param payload         the record's value as text, unchanged; may be empty
 * @param failedAt        when the route gave up
 */
public record DeadLetter(
        String originalTopic,
        String originalKey,
        String originalEventId,
        String reason,
        String payload,
        Instant failedAt) implements EventData {

    public DeadLetter {
        Require.text(originalTopic, "originalTopic");
        Require.optionalText(originalEventId, "originalEventId");
        Require.text(reason, "reason");
        Require.present(payload, "payload");
        Require.present(failedAt, "failedAt");
    }

    /** Returns the original record's key, the key of {@link Topic#DEAD_LETTERS}; null when it had none. */
    @Override
    public String key() {
        return originalKey;
    }
}
