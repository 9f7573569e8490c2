package dev.goldsmith.catalog.event;

/**
 * The payload of a Goldsmith event: the {@code data} member of the CloudEvent. Each {@link EventType} names
 * the record it carries; one record may serve several types when their facts have the same shape.
 */
public sealed interface EventData
        permits PackageData, AdvisoryData, RebuildRequest, BuildSucceeded, BuildFailed, QaResult,
        ImageTransition, DeadLetter {

    /**
     * Returns the Kafka record key for this payload: the entity a consumer must see in order, as the topic
     * table of the architecture defines it.
     */
    String key();
}
