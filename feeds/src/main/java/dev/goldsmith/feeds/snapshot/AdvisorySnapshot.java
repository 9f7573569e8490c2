package dev.goldsmith.feeds.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.io.AtomicFile;

/**
 * The advisories a feed carried at one poll, each by id with the revision seen: its {@code modified} time and a
 * digest of its content, so a feed that changes an advisory without touching {@code modified} is noticed too.
 */
public final class AdvisorySnapshot {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** One advisory's revision. */
    public record Revision(Instant modified, String digest) {

        public Revision {
            Objects.requireNonNull(modified, "modified");
            Objects.requireNonNull(digest, "digest");
        }
    }

    private final Map<String, Revision> revisions;

    private AdvisorySnapshot(Map<String, Revision> revisions) {
        this.revisions = Map.copyOf(revisions);
    }

    /** Returns a snapshot with no advisories. */
    public static AdvisorySnapshot empty() {
        return new AdvisorySnapshot(Map.of());
    }

    /** Returns the snapshot of {@code advisories}; two with the same id are an error of the feed. */
    public static AdvisorySnapshot of(Collection<AdvisoryData> advisories) {
        Map<String, Revision> revisions = new TreeMap<>();
        for (AdvisoryData advisory : advisories) {
            Revision before = revisions.put(advisory.advisoryId(), revisionOf(advisory));
            if (before != null) {
                throw new IllegalArgumentException("advisory " + advisory.advisoryId() + " appears twice");
            }
        }
        return new AdvisorySnapshot(revisions);
    }

    /** Returns the revision of {@code advisory}: its modified time and the SHA-256 of its JSON form. */
    public static Revision revisionOf(AdvisoryData advisory) {
        try {
            byte[] json = CANONICAL.writeValueAsBytes(advisory);
            return new Revision(advisory.modified(), HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(json)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest advisory " + advisory.advisoryId(), e);
        }
    }

    /** Writes records with their fields in a fixed order, so equal advisories always give equal digests. */
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY);

    /** Returns how many advisories the snapshot holds. */
    public int size() {
        return revisions.size();
    }

    /** Returns the revision seen of the advisory {@code id}, or null when it was not seen. */
    public Revision revision(String id) {
        return revisions.get(id);
    }

    /** Returns the advisories of {@code current}, this snapshot's content, that {@code previous} did not have. */
    public List<AdvisoryData> added(AdvisorySnapshot previous, Collection<AdvisoryData> current) {
        List<AdvisoryData> added = new ArrayList<>();
        for (AdvisoryData advisory : current) {
            if (previous.revision(advisory.advisoryId()) == null) {
                added.add(advisory);
            }
        }
        return added;
    }

    /**
     * Returns the advisories of {@code current}, this snapshot's content, whose revision differs from the one in
     * {@code previous}; the revisions are the ones this snapshot computed, so no advisory is digested twice.
     */
    public List<AdvisoryData> changed(AdvisorySnapshot previous, Collection<AdvisoryData> current) {
        List<AdvisoryData> changed = new ArrayList<>();
        for (AdvisoryData advisory : current) {
            Revision before = previous.revision(advisory.advisoryId());
            if (before != null && !before.equals(revisions.get(advisory.advisoryId()))) {
                changed.add(advisory);
            }
        }
        return changed;
    }

    /** Writes the snapshot to {@code file} atomically. */
    public void write(Path file) throws IOException {
        AtomicFile.write(file, out -> JSON.writeValue(out, new TreeMap<>(revisions)));
    }

    /** Reads a snapshot written by {@link #write}; a missing file reads as {@link #empty()}. */
    public static AdvisorySnapshot read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return empty();
        }
        return new AdvisorySnapshot(JSON.readValue(file.toFile(), new TypeReference<Map<String, Revision>>() { }));
    }
}
