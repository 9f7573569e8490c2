package dev.goldsmith.catalog.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes and reads Goldsmith events in the CloudEvents 1.0 JSON format, structured content mode: the whole
 * event is one JSON object whose {@code data} member is the payload as a JSON object.
 *
 * <p>Reading is strict about the envelope and about the payload fields this build knows, and tolerant of what
 * it does not know:
 * <ul>
 *   <li>{@code specversion}, {@code id}, {@code source} and {@code type} are required and must be non-empty
 *       strings; {@code specversion} must be {@code 1.0} and {@code type} a type this build reads. A JSON
 *       {@code null} counts as absent, as the JSON format asks.</li>
 *   <li>{@code datacontenttype}, when present, must be {@code application/json}; {@code data} must be a JSON
 *       object, and {@code data_base64} is rejected because no Goldsmith event carries binary data.</li>
 *   <li>Extension attributes (anything else, {@code dataschema} included) are kept in
 *       {@link CloudEvent#extensions()} and written back on encoding, so an event passed on is passed on whole.
 *       Their values must be strings, booleans or 32-bit integers, the JSON forms of the CloudEvents types.</li>
 *   <li>Unknown fields inside {@code data} are ignored. That lets a producer add an optional field without a
 *       new type version while instances on the older build still run in the same consumer group. Missing or
 *       ill-typed known fields are still rejected by the records' constructors and by the strict scalar
 *       settings below.</li>
 *   <li>Duplicate members anywhere are rejected, since it is unclear which one the producer meant.</li>
 * </ul>
 *
 * <p>Instances are stateless and thread-safe.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = createMapper();

    /** Returns the event as UTF-8 JSON bytes, attributes first and {@code data} last. */
    public byte[] encode(CloudEvent event) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("specversion", event.specversion());
        json.put("id", event.id());
        json.put("source", event.source().toString());
        json.put("type", event.type().cloudEventType());
        if (event.subject() != null) {
            json.put("subject", event.subject());
        }
        if (event.time() != null) {
            // Instant.toString is RFC 3339 in UTC, with as many fraction digits as the instant needs.
            json.put("time", event.time().toString());
        }
        json.put("datacontenttype", event.datacontenttype());
        event.extensions().forEach((name, value) -> json.set(name, MAPPER.valueToTree(value)));
        json.set("data", MAPPER.valueToTree(event.data()));
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.id() + " as JSON", e);
        }
    }

    /**
     * Returns the event that {@code json} holds.
     *
     * @throws InvalidEventException if the bytes are not a Goldsmith CloudEvent this build reads, with a
     *                               message naming the attribute or data field that is wrong
     */
    public CloudEvent decode(byte[] json) {
        ObjectNode event = parseObject(json);
        String specversion = requiredString(event, "specversion");
        if (!CloudEvent.SPEC_VERSION.equals(specversion)) {
            throw new InvalidEventException("specversion must be '" + CloudEvent.SPEC_VERSION + "', was '"
                    + specversion + "'");
        }
        String id = requiredString(event, "id");
        URI source = parseSource(requiredString(event, "source"));
        EventType type = parseType(requiredString(event, "type"));
        String subject = optionalString(event, "subject");
        Instant time = parseTime(optionalString(event, "time"));
        requireJsonContent(optionalString(event, "datacontenttype"));
        EventData data = readData(event, type);
        Map<String, Object> extensions = readExtensions(event);
        try {
            return new CloudEvent(id, source, type, subject, time, data, extensions);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("event " + id + " is not valid: " + e.getMessage(), e);
        }
    }

    private static ObjectMapper createMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        // A number where text belongs, or text where a number belongs, is a producer bug, not a value to guess.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    private static ObjectNode parseObject(byte[] json) {
        if (json == null || json.length == 0) {
            throw new InvalidEventException("event is empty");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("event is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidEventException("event cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException("event must be a JSON object, was "
                    + (root == null ? "nothing" : root.getNodeType()));
        }
        return (ObjectNode) root;
    }

    private static String requiredString(ObjectNode event, String name) {
        String value = optionalString(event, name);
        if (value == null) {
            throw new InvalidEventException("required attribute '" + name + "' is missing");
        }
        return value;
    }

    private static String optionalString(ObjectNode event, String name) {
        JsonNode node = event.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidEventException("attribute '" + name + "' must be a JSON string, was "
                    + node.getNodeType());
        }
        if (node.textValue().isEmpty()) {
            throw new InvalidEventException("attribute '" + name + "' must not be empty");
        }
        return node.textValue();
    }

    private static URI parseSource(String source) {
        try {
            return new URI(source);
        } catch (URISyntaxException e) {
            throw new InvalidEventException("attribute 'source' is not a URI-reference: " + e.getMessage(), e);
        }
    }

    private static EventType parseType(String type) {
        try {
            return EventType.fromType(type);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("attribute 'type': " + e.getMessage(), e);
        }
    }

    private static Instant parseTime(String time) {
        if (time == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(time, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("attribute 'time' is not an RFC 3339 timestamp: '" + time + "'", e);
        }
    }

    private static void requireJsonContent(String contentType) {
        if (contentType == null) {
            return;
        }
        String mediaType = contentType.split(";", 2)[0].trim();
        if (!mediaType.equalsIgnoreCase(CloudEvent.DATA_CONTENT_TYPE)) {
            throw new InvalidEventException("attribute 'datacontenttype' must be '" + CloudEvent.DATA_CONTENT_TYPE
                    + "', was '" + contentType + "'");
        }
    }

    private static EventData readData(ObjectNode event, EventType type) {
        if (event.has("data_base64")) {
            throw new InvalidEventException("attribute 'data_base64' is not accepted: " + type.eventName()
                    + " carries JSON data");
        }
        JsonNode data = event.get("data");
        if (data == null || data.isNull()) {
            throw new InvalidEventException("attribute 'data' is missing; " + type.eventName() + " requires "
                    + type.dataClass().getSimpleName());
        }
        if (!data.isObject()) {
            throw new InvalidEventException("attribute 'data' must be a JSON object, was " + data.getNodeType());
        }
        try {
            return MAPPER.treeToValue(data, type.dataClass());
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("data does not match " + type.cloudEventType() + " ("
                    + type.dataClass().getSimpleName() + "): " + describe(e, data), e);
        }
    }

    private static Map<String, Object> readExtensions(ObjectNode event) {
        Map<String, Object> extensions = new TreeMap<>();
        for (Map.Entry<String, JsonNode> member : event.properties()) {
            String name = member.getKey();
            JsonNode value = member.getValue();
            if (CloudEvent.RESERVED.contains(name) || value.isNull()) {
                continue;
            }
            if (value.isTextual()) {
                extensions.put(name, value.textValue());
            } else if (value.isBoolean()) {
                extensions.put(name, value.booleanValue());
            } else if (value.isInt()) {
                extensions.put(name, value.intValue());
            } else {
                throw new InvalidEventException("extension attribute '" + name
                        + "' must be a string, a boolean or a 32-bit integer, was " + value.getNodeType()
                        + " " + value);
            }
        }
        return extensions;
    }

    /**
     * Returns what was wrong with the data and where: the record's own precondition message when a constructor
     * refused a value, the expected type and the JSON found when a field is missing or has the wrong JSON type,
     * else Jackson's message.
     */
    private static String describe(JsonProcessingException e, JsonNode data) {
        String path = "data";
        JsonNode found = data;
        if (e instanceof JsonMappingException mapping) {
            StringBuilder at = new StringBuilder("data");
            for (JsonMappingException.Reference step : mapping.getPath()) {
                if (step.getFieldName() != null) {
                    at.append('.').append(step.getFieldName());
                    found = found == null ? null : found.get(step.getFieldName());
                } else if (step.getIndex() >= 0) {
                    at.append('[').append(step.getIndex()).append(']');
                    found = found == null ? null : found.get(step.getIndex());
                }
            }
            path = at.toString();
        }
        if (e.getCause() instanceof IllegalArgumentException refused) {
            return refused.getMessage() + " (at " + path + ")";
        }
        // For an enum Jackson's own message is better: it lists the accepted values.
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                && !mismatch.getTargetType().isEnum()) {
            String expected = mismatch.getTargetType().getSimpleName();
            return path + ": expected " + expected + ", was "
                    + (found == null || found.isNull() ? "missing" : found.getNodeType() + " " + found);
        }
        return e.getOriginalMessage() + " (at " + path + ")";
    }
}
