package dev.goldsmith.routes.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One mapping of the configuration tree, read against its {@link Shape}.
 *
 * <p>Each getter reports a bad value to {@link Problems} and returns the fallback (or null), so the reader carries
 * on and finds the next problem. Absent keys and explicit nulls both count as absent.
 */
final class Mapping {

    private static final int QUOTE_LIMIT = 40;

    private final Problems problems;
    private final Path baseDir;
    private final String path;
    private final ObjectNode node;
    private final Shape shape;

    private Mapping(Problems problems, Path baseDir, String path, ObjectNode node, Shape shape) {
        this.problems = problems;
        this.baseDir = baseDir;
        this.path = path;
        this.node = node;
        this.shape = shape;
        reportUnknownKeys();
    }

    /** Returns the top-level mapping; relative paths in it resolve against {@code baseDir}. */
    static Mapping root(Problems problems, Path baseDir, ObjectNode node) {
        return new Mapping(problems, baseDir, "", node, ConfigSchema.ROOT);
    }

    /** Returns the field path of {@code key} in this mapping, such as {@code feeds[0].interval}. */
    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void problem(String key, String reason) {
        problems.add(pathOf(key), reason);
    }

    /** Reports a problem at a full field path, for items inside a value such as {@code images[1]}. */
    void problemAt(String fieldPath, String reason) {
        problems.add(fieldPath, reason);
    }

    /** Returns whether {@code key} has a value. */
    boolean has(String key) {
        return get(key) != null;
    }

    /** Returns how many items the list at {@code key} has: 0 when absent, -1 when it is not a list. */
    int listSize(String key) {
        JsonNode value = get(key);
        if (value == null) {
            return 0;
        }
        return value.isArray() ? value.size() : -1;
    }

    /** Returns whether the value at {@code key} is text, or absent; YAML reads some unquoted words as numbers. */
    boolean isTextOrAbsent(String key) {
        JsonNode value = get(key);
        return value == null || value.isTextual();
    }

    /** Returns whether {@code key} has a value, reporting it as missing when it has none. */
    boolean require(String key) {
        if (has(key)) {
            return true;
        }
        problem(key, "missing required value");
        return false;
    }

    /** Returns the text at {@code key}, or null when it is absent or not text. */
    String text(String key) {
        JsonNode value = get(key);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            wrongType(key, "text", value);
            return null;
        }
        return value.textValue();
    }

    /** Returns the text at {@code key}, {@code fallback} when absent; blank text is reported. */
    String text(String key, String fallback) {
        String text = text(key);
        if (text == null) {
            return fallback;
        }
        if (text.isBlank()) {
            problem(key, "must not be empty");
            return fallback;
        }
        return text;
    }

    /** Returns the non-blank text at {@code key}, reporting it when missing. */
    String requiredText(String key) {
        return require(key) ? text(key, null) : null;
    }

    /** Returns the whole number at {@code key} within [min, max], {@code fallback} when absent or bad. */
    int integer(String key, int fallback, int min, int max) {
        JsonNode value = get(key);
        if (value == null) {
            return fallback;
        }
        Long number = null;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            number = value.longValue();
        } else if (value.isTextual() && fromEnvironment(key)) {
            number = parseLong(value.textValue().strip());
        }
        if (number == null) {
            wrongType(key, "a whole number", value);
            return fallback;
        }
        if (number < min || number > max) {
            problem(key, (max == Integer.MAX_VALUE ? "must be at least " + min : "must be between " + min + " and "
                    + max) + ", got " + number);
            return fallback;
        }
        return number.intValue();
    }

    /** Returns the boolean at {@code key}, {@code fallback} when absent or bad. */
    boolean flag(String key, boolean fallback) {
        JsonNode value = get(key);
        if (value == null) {
            return fallback;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.isTextual() && fromEnvironment(key) ? value.textValue().strip().toLowerCase(Locale.ROOT)
                : "";
        if (text.equals("true") || text.equals("false")) {
            return text.equals("true");
        }
        wrongType(key, "true or false", value);
        return fallback;
    }

    /** Returns the duration at {@code key}, {@code fallback} when absent or bad; never negative. */
    Duration duration(String key, Duration fallback, boolean zeroAllowed) {
        JsonNode value = get(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isTextual() && !value.isIntegralNumber()) {
            wrongType(key, "a duration", value);
            return fallback;
        }
        Duration duration;
        try {
            duration = Durations.parse(value.asText());
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return fallback;
        }
        if (duration.isNegative() || (duration.isZero() && !zeroAllowed)) {
            problem(key, zeroAllowed ? "must not be negative" : "must be longer than zero");
            return fallback;
        }
        return duration;
    }

    /** Returns the path at {@code key} resolved against the file's directory, or null when absent or bad. */
    Path path(String key) {
        String text = text(key, null);
        if (text == null) {
            return null;
        }
        try {
            return baseDir.resolve(text).normalize();
        } catch (InvalidPathException e) {
            problem(key, "not a valid path: " + e.getReason());
            return null;
        }
    }

    /**
     * Returns the absolute path at {@code key}, normalised, or null when absent or bad. A relative path is reported
     * rather than resolved: for a directory that must outlive the checkout, the file's own directory is no anchor.
     */
    Path absolutePath(String key) {
        String text = text(key, null);
        if (text == null) {
            return null;
        }
        try {
            Path path = Path.of(text);
            if (!path.isAbsolute()) {
                problem(key, "must be an absolute path, got '" + text + "'");
                return null;
            }
            return path.normalize();
        } catch (InvalidPathException e) {
            problem(key, "not a valid path: " + e.getReason());
            return null;
        }
    }

    /** Returns the path at {@code key}, reporting it unless it names a readable regular file. */
    Path existingFile(String key) {
        Path file = path(key);
        if (file != null) {
            reportUnlessReadableFile(key, file);
        }
        return file;
    }

    /**
     * Returns the absolute path at {@code key}, normalised, reporting it unless it names a readable regular file;
     * null when absent or not absolute.
     */
    Path existingAbsoluteFile(String key) {
        Path file = absolutePath(key);
        if (file != null) {
            reportUnlessReadableFile(key, file);
        }
        return file;
    }

    private void reportUnlessReadableFile(String key, Path file) {
        if (!Files.exists(file)) {
            problem(key, "file not found: " + file);
        } else if (!Files.isRegularFile(file)) {
            problem(key, "not a regular file: " + file);
        } else if (!Files.isReadable(file)) {
            problem(key, "file not readable: " + file);
        }
    }

    /** Returns the path at {@code key}, reporting it unless something readable exists there. */
    Path existingFileOrDirectory(String key) {
        Path file = path(key);
        if (file != null && !Files.exists(file)) {
            problem(key, "not found: " + file);
        } else if (file != null && !Files.isReadable(file)) {
            problem(key, "not readable: " + file);
        }
        return file;
    }

    /**
     * Returns the absolute URL at {@code key} if its scheme is one of {@code schemes}, or null.
     *
     * <p>Problems do not quote the URL: a URL may carry credentials.
     */
    URI url(String key, Set<String> schemes) {
        String text = text(key, null);
        if (text == null) {
            return null;
        }
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            problem(key, "malformed URL: " + e.getReason() + " at index " + e.getIndex());
            return null;
        }
        String scheme = url.getScheme() == null ? null : url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || !schemes.contains(scheme)) {
            problem(key, "malformed URL: expected scheme " + String.join(" or ", schemes.stream().sorted().toList())
                    + (scheme == null ? ", got none" : ", got '" + scheme + "'"));
            return null;
        }
        if (!scheme.equals("file") && (url.getHost() == null || url.getHost().isEmpty())) {
            problem(key, "malformed URL: no host");
            return null;
        }
        return url;
    }

    /** Returns the list of texts at {@code key}, {@code fallback} when absent; bad items are reported and left out. */
    List<String> texts(String key, List<String> fallback) {
        JsonNode value = get(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isArray()) {
            wrongType(key, "a list", value);
            return fallback;
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item.isTextual() && !item.textValue().isBlank()) {
                texts.add(item.textValue().strip());
            } else {
                problems.add(pathOf(key) + "[" + i + "]", "expected text, got " + describe(item));
            }
        }
        return texts;
    }

    /** Returns the mapping of names to scalar values at {@code key}; values are kept as text. */
    Map<String, String> textMap(String key) {
        JsonNode value = get(key);
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            wrongType(key, "a mapping", value);
            return Map.of();
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
                texts.put(entry.getKey(), entry.getValue().asText());
            } else {
                problems.add(pathOf(key) + "." + entry.getKey(), "expected a single value, got "
                        + describe(entry.getValue()));
            }
        }
        return texts;
    }

    /**
     * Returns the secret referenced at {@code key}, or null when absent; reports it when it cannot be revealed now.
     *
     * <p>Nothing written under the key is ever quoted in a problem: it may be the secret itself.
     */
    Secret secret(String key, Map<String, String> env) {
        JsonNode value = get(key);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            problem(key, "expected {env: NAME} or {file: PATH}; a secret's value is never written in this file");
            return null;
        }
        Mapping reference = new Mapping(problems, baseDir, pathOf(key), (ObjectNode) value, ConfigSchema.SECRET);
        if (reference.has("env") && reference.has("file")) {
            problem(key, "set env or file, not both");
            return null;
        }
        if (!reference.has("env") && !reference.has("file")) {
            // Keys that are there were reported as unknown already, which says enough.
            if (value.isEmpty()) {
                problem(key, "missing env or file");
            }
            return null;
        }
        Secret secret;
        if (reference.has("env")) {
            JsonNode variable = value.get("env");
            if (!variable.isTextual() || !Secret.isVariableName(variable.textValue())) {
                reference.problem("env", "expected an environment variable name (letters, digits and '_')");
                return null;
            }
            secret = Secret.fromEnv(variable.textValue(), env);
        } else {
            Path file = reference.path("file");
            if (file == null) {
                return null;
            }
            secret = Secret.fromFile(file);
        }
        secret.unavailableReason().ifPresent(reason -> problem(key, reason));
        return secret;
    }

    /** Returns the nested mapping at {@code key}; an empty one when absent or not a mapping. */
    Mapping section(String key) {
        JsonNode value = get(key);
        Shape nested = shape.field(key).nested();
        if (value != null && !value.isObject()) {
            wrongType(key, "a mapping", value);
        }
        ObjectNode object = value != null && value.isObject() ? (ObjectNode) value : JsonNodeFactory.instance
                .objectNode();
        return new Mapping(problems, baseDir, pathOf(key), object, nested);
    }

    /** Returns the list of nested mappings at {@code key}; items that are not mappings are reported and left out. */
    List<Mapping> sections(String key) {
        JsonNode value = get(key);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            wrongType(key, "a list", value);
            return List.of();
        }
        Shape nested = shape.field(key).nested();
        List<Mapping> entries = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String itemPath = pathOf(key) + "[" + i + "]";
            if (value.get(i).isObject()) {
                entries.add(new Mapping(problems, baseDir, itemPath, (ObjectNode) value.get(i), nested));
            } else {
                problems.add(itemPath, "expected a mapping, got " + describe(value.get(i)));
            }
        }
        return entries;
    }

    private JsonNode get(String key) {
        shape.field(key);
        JsonNode value = node.get(key);
        return value == null || value.isNull() || value.isMissingNode() ? null : value;
    }

    private boolean fromEnvironment(String key) {
        return problems.overrideOf(pathOf(key)) != null;
    }

    private void wrongType(String key, String expected, JsonNode actual) {
        problem(key, "wrong type: expected " + expected + ", got " + describe(actual));
    }

    private void reportUnknownKeys() {
        Set<String> known = shape.fields().stream().map(Shape.Field::key)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                String hint = Suggestions.closest(name, known).map(match -> "; did you mean '" + match + "'?")
                        .orElse("; known keys here: " + String.join(", ", known));
                problems.add(pathOf(name), "unknown key" + hint);
            }
        }
    }

    private static Long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Returns how a value reads in a problem: its kind, and short scalars quoted. */
    static String describe(JsonNode value) {
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isNull()) {
            return "nothing";
        }
        String text = value.asText();
        String quoted = text.length() > QUOTE_LIMIT ? "'" + text.substring(0, QUOTE_LIMIT) + "...'" : "'" + text + "'";
        if (value.isTextual()) {
            return "text " + quoted;
        }
        return value.isBoolean() ? "boolean " + quoted : "number " + quoted;
    }
}
