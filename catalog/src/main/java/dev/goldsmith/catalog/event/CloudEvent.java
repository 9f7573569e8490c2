package dev.goldsmith.catalog.event;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A Goldsmith event in the CloudEvents 1.0 envelope. {@link EventCodec} writes it in structured content mode,
 * and {@link Events} builds it with a deterministic id; producers should not assemble one by hand.
 *
 * <p>{@code specversion} and {@code datacontenttype} are fixed for every Goldsmith event and are therefore
 * methods, not components.
 *
 * @param id         unique for each distinct occurrence from {@code source}; the same for a repeat of the same fact
 * @param source     the producer, such as {@code urn:goldsmith:feed:debian-security} or {@code /goldsmith/catalog}
 * @param type       the event type; written as {@link EventType#cloudEventType()}
 * @param subject    what the event is about within the source, normally the record key; null when absent
 * @param time       when the producer emitted the event; null when absent
 * @param data       the payload, an instance of {@code type.dataClass()}
 * @param extensions attributes beyond the ones above, kept so that a consumer which forwards an event (to
 *                   the dead-letter topic, say) does not drop a producer's tracing or routing attributes.
 *                   Values are String, Integer or Boolean; names are lowercase letters and digits
 */
public record CloudEvent(
        String id,
        URI source,
        EventType type,
        String subject,
        Instant time,
        EventData data,
        Map<String, Object> extensions) {

    /** The CloudEvents version of the envelope. */
    public static final String SPEC_VERSION = "1.0";

    /** The media type of every Goldsmith event's data. */
    public static final String DATA_CONTENT_TYPE = "application/json";

    /** Attribute names the envelope owns, which an extension cannot take. */
    static final Set<String> RESERVED = Set.of(
            "specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data", "data_base64");

    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]+");

    public CloudEvent {
        Require.text(id, "id");
        Require.present(source, "source");
        if (source.toString().isEmpty()) {
            throw new IllegalArgumentException("source must not be empty");
        }
        Require.present(type, "type");
        Require.optionalText(subject, "subject");
        Require.present(data, "data");
        type.requireFits(data);
        extensions = checkedExtensions(Require.present(extensions, "extensions"));
    }

    /** Creates an event without extension attributes. */
    public CloudEvent(String id, URI source, EventType type, String subject, Instant time, EventData data) {
        this(id, source, type, subject, time, data, Map.of());
    }

    /** Returns {@value #SPEC_VERSION}. */
    public String specversion() {
        return SPEC_VERSION;
    }

    /** Returns {@value #DATA_CONTENT_TYPE}. */
    public String datacontenttype() {
        return DATA_CONTENT_TYPE;
    }

    /** Returns the topic this event is published on. */
    public Topic topic() {
        return type.topic();
    }

    /**
     * Returns the Kafka record key, taken from the data as the topic table defines it: the repository id, the
     * advisory id, the image name, or a dead letter's original key (which may be null).
     */
    public String key() {
        return data.key();
    }

    /** Returns a copy of this event with the extension attribute {@code name} set to {@code value}. */
    public CloudEvent withExtension(String name, Object value) {
        Map<String, Object> copy = new TreeMap<>(extensions);
        copy.put(name, value);
        return new CloudEvent(id, source, type, subject, time, data, copy);
    }

    private static SortedMap<String, Object> checkedExtensions(Map<String, Object> extensions) {
        SortedMap<String, Object> sorted = new TreeMap<>();
        extensions.forEach((name, value) -> {
            if (name == null || !EXTENSION_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("extension attribute name '" + name
                        + "' must be lowercase letters and digits only");
            }
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException("extension attribute name '" + name + "' is reserved");
            }
            if (!(value instanceof String || value instanceof Integer || value instanceof Boolean)) {
                throw new IllegalArgumentException("extension attribute " + name
                        + " must be a String, Integer or Boolean, was "
                        + (value == null ? "null" : value.getClass().getSimpleName()));
            }
            sorted.put(name, value);
        });
        return Collections.unmodifiableSortedMap(sorted);
    }
}
