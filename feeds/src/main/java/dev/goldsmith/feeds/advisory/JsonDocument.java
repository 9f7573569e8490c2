package dev.goldsmith.feeds.advisory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.goldsmith.feeds.FeedException;

/**
 * One advisory document being mapped: its JSON, the file it came from and the feed it belongs to, with accessors
 * that fail as a {@link FeedException} naming the file, the JSON path and the feed.
 *
 * @param root       the parsed document
 * @param source     the file, such as {@code /srv/osv/almalinux.zip!/ALSA-2024:3163.json}
 * @param sourceFeed the configured feed the document belongs to
 */
public record JsonDocument(JsonNode root, String source, String sourceFeed) {

    /** Returns an exception saying the document is not what its format requires. */
    public FeedException malformed(String reason) {
        return new FeedException(FeedException.Kind.MALFORMED, source, reason + " (feed " + sourceFeed + ")");
    }

    /** Returns an exception saying the document is valid but states something Goldsmith does not handle. */
    public FeedException unsupported(String reason) {
        return new FeedException(FeedException.Kind.UNSUPPORTED, source, reason + " (feed " + sourceFeed + ")");
    }

    /** Returns the member {@code name} of {@code parent} as an object, or throws naming {@code path}. */
    public JsonNode object(JsonNode parent, String name, String path) throws FeedException {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw malformed(path + " is missing");
        }
        if (!node.isObject()) {
            throw malformed(path + " must be an object, was " + node.getNodeType());
        }
        return node;
    }

    /** Returns the member {@code name} of {@code parent} as an array; an empty one when it is absent or null. */
    public JsonNode optionalArray(JsonNode parent, String name, String path) throws FeedException {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!node.isArray()) {
            throw malformed(path + " must be an array, was " + node.getNodeType());
        }
        return node;
    }

    /** Returns the member {@code name} of {@code parent} as non-blank text, or throws naming {@code path}. */
    public String text(JsonNode parent, String name, String path) throws FeedException {
        String value = optionalText(parent, name, path);
        if (value == null) {
            throw malformed(path + " is missing");
        }
        return value;
    }

    /** Returns the member {@code name} of {@code parent} as text, null when absent; blank text is malformed. */
    public String optionalText(JsonNode parent, String name, String path) throws FeedException {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        return textOf(node, path);
    }

    /** Returns {@code node} as non-blank text, or throws naming {@code path}. */
    public String textOf(JsonNode node, String path) throws FeedException {
        if (!node.isTextual()) {
            throw malformed(path + " must be a string, was " + node.getNodeType());
        }
        if (node.textValue().isBlank()) {
            throw malformed(path + " must not be blank");
        }
        return node.textValue();
    }

    /** Returns the RFC 3339 timestamp at {@code name}, or throws naming {@code path} if absent or unreadable. */
    public Instant instant(JsonNode parent, String name, String path) throws FeedException {
        Instant value = optionalInstant(parent, name, path);
        if (value == null) {
            throw malformed(path + " is missing");
        }
        return value;
    }

    /** Returns the RFC 3339 timestamp at {@code name}, null when absent. */
    public Instant optionalInstant(JsonNode parent, String name, String path) throws FeedException {
        String text = optionalText(parent, name, path);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw malformed(path + " is not an RFC 3339 timestamp: '" + text + "'");
        }
    }
}
