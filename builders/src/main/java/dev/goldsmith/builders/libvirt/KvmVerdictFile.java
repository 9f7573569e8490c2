package dev.goldsmith.builders.libvirt;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goldsmith.catalog.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The KVM verdicts that outlive the process, one per host name, in a small JSON file under the state directory
 * ({@code hosts/kvm-verdicts.json}), so a new process does not boot a probe guest again to learn what it knew.
 *
 * <p>A write goes to a temporary file beside it, is forced to disk and renamed over the old file, so a crash leaves
 * the old verdicts or the new ones whole. Two processes writing at once may lose one host's new entry; that host is
 * then probed once more, which costs time but never gives a wrong answer.
 */
public final class KvmVerdictFile {

    /** Where the file lies below the state directory. */
    public static final String RELATIVE_PATH = "hosts/kvm-verdicts.json";
    /**
     * How long Goldsmith reuses a stored verdict before probing again: long enough that builds seldom pay for a
     * probe, short enough that a change the fingerprint does not see (firmware, a nested hypervisor) is noticed.
     */
    public static final Duration MAX_AGE = Duration.ofDays(7);

    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * A verdict as stored for one host.
     *
     * @param uri         the libvirt URI the host had when it was probed
     * @param type        the domain type decided
     * @param reason      why, as the probe said it
     * @param decided     when the probe decided
     * @param fingerprint what the verdict depends on (versions, kernel, /dev/kvm), by name
     */
    public record Entry(String uri, DomainType type, String reason, Instant decided, Map<String, String> fingerprint) {

        public Entry {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(decided, "decided");
            fingerprint = Map.copyOf(fingerprint);
        }

        /**
         * Returns why this entry may not stand for a host now at {@code uri} with {@code current} as its fingerprint,
         * or empty when it may.
         */
        public Optional<String> staleBecause(String currentUri, Map<String, String> current, Instant now,
                Duration maxAge) {
            if (!uri.equals(currentUri)) {
                return Optional.of("uri changed: " + uri + " -> " + currentUri);
            }
            if (!fingerprint.equals(current)) {
                return Optional.of("fingerprint changed: " + changes(fingerprint, current));
            }
            if (decided.plus(maxAge).isBefore(now) || decided.isAfter(now)) {
                String kept = maxAge.toHours() % 24 == 0 ? maxAge.toDays() + " days" : maxAge.toString();
                return Optional.of("decided " + decided + ", not within the " + kept + " a verdict is kept");
            }
            return Optional.empty();
        }

        private static String changes(Map<String, String> before, Map<String, String> after) {
            TreeSet<String> keys = new TreeSet<>(before.keySet());
            keys.addAll(after.keySet());
            StringBuilder text = new StringBuilder();
            for (String key : keys) {
                String was = before.getOrDefault(key, "none");
                String is = after.getOrDefault(key, "none");
                if (!was.equals(is)) {
                    text.append(text.length() == 0 ? "" : ", ").append(key).append(' ').append(was).append(" -> ")
                            .append(is);
                }
            }
            return text.toString();
        }
    }

    private final Path file;

    /** Creates the file's handle; nothing is read or written yet. */
    public KvmVerdictFile(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
    }

    /** Returns the file of a Goldsmith instance whose state directory is {@code stateDir}. */
    public static KvmVerdictFile under(Path stateDir) {
        return new KvmVerdictFile(stateDir.resolve(RELATIVE_PATH));
    }

    /** Returns the path of the file. */
    public Path path() {
        return file;
    }

    /**
     * Returns the stored verdicts by host name; empty when the file does not exist.
     *
     * @throws IOException naming the file when it cannot be read or does not hold verdicts
     */
    public Map<String, Entry> read() throws IOException {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        try {
            return parse(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IOException(file + ": not a valid kvm verdict file: " + e.getOriginalMessage()
                    + (at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr()), e);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IOException(file + ": not a valid kvm verdict file: " + e.getMessage(), e);
        }
    }

    /**
     * Stores {@code entry} for {@code host}, keeping the other hosts' entries; a file that cannot be read is
     * replaced by one holding this entry alone.
     */
    public synchronized void put(String host, Entry entry) throws IOException {
        Map<String, Entry> entries;
        try {
            entries = new TreeMap<>(read());
        } catch (IOException e) {
            entries = new TreeMap<>();
        }
        entries.put(host, entry);
        write(entries);
    }

    private static Map<String, Entry> parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (root.path("format").asInt(-1) != FORMAT) {
            throw new IllegalArgumentException("format " + root.path("format") + " is not " + FORMAT);
        }
        JsonNode hosts = root.path("hosts");
        if (!hosts.isObject()) {
            throw new IllegalArgumentException("no \"hosts\" object");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> host : hosts.properties()) {
            JsonNode node = host.getValue();
            Map<String, String> fingerprint = new TreeMap<>();
            JsonNode prints = node.path("fingerprint");
            if (!prints.isObject()) {
                throw new IllegalArgumentException("host " + host.getKey() + ": no \"fingerprint\" object");
            }
            prints.properties().forEach(f -> fingerprint.put(f.getKey(), f.getValue().asText()));
            entries.put(host.getKey(), new Entry(text(host.getKey(), node, "uri"),
                    DomainType.valueOf(text(host.getKey(), node, "domain-type").toUpperCase(Locale.ROOT)),
                    text(host.getKey(), node, "reason"), Instant.parse(text(host.getKey(), node, "decided")),
                    fingerprint));
        }
        return entries;
    }

    private static String text(String host, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("host " + host + ": \"" + field + "\" missing or not a string");
        }
        return value.asText();
    }

    private void write(Map<String, Entry> entries) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode hosts = root.putObject("hosts");
        entries.forEach((host, entry) -> {
            ObjectNode node = hosts.putObject(host);
            node.put("uri", entry.uri());
            node.put("domain-type", entry.type().xmlName());
            node.put("reason", entry.reason());
            node.put("decided", entry.decided().toString());
            ObjectNode prints = node.putObject("fingerprint");
            new TreeMap<>(entry.fingerprint()).forEach(prints::put);
        });
        AtomicFile.write(file, JSON.writeValueAsString(root) + "\n");
    }
}
