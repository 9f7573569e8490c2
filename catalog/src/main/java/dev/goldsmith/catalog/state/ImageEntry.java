package dev.goldsmith.catalog.state;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.goldsmith.catalog.event.ImageTransition;
import dev.goldsmith.catalog.event.ImageTransition.ChannelChange;
import dev.goldsmith.catalog.event.LifecycleState;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.lifecycle.IllegalTransitionException;
import dev.goldsmith.catalog.lifecycle.Lifecycle;

/**
 * What the catalog knows of one image, as {@code catalog/<image>.json} records it: its versions with their lifecycle
 * histories, and the channels that point at them. Immutable: every change returns a new entry, so a change is
 * written to Git before anyone sees it.
 *
 * <p>The invariants hold for every entry, including one read back from a file someone edited by hand: versions are
 * distinct and in order, each history follows the lifecycle, and a channel points only at a version of this image
 * that channels may point at (never a revoked, retired or failed one).
 *
 * @param image    the image name
 * @param versions its versions, oldest first
 * @param channels channel name → version it points at
 */
public record ImageEntry(String image, List<VersionEntry> versions, Map<String, ImageVersionId> channels) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ImageEntry {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("an image entry needs the image name");
        }
        versions = List.copyOf(versions);
        channels = new TreeMap<>(channels);
        for (int i = 1; i < versions.size(); i++) {
            if (versions.get(i - 1).version().compareTo(versions.get(i).version()) >= 0) {
                throw new IllegalArgumentException(image + ": versions must be distinct and oldest first, but "
                        + versions.get(i).version() + " follows " + versions.get(i - 1).version());
            }
        }
        for (VersionEntry v : versions) {
            checkHistory(image, v);
        }
        for (Map.Entry<String, ImageVersionId> channel : channels.entrySet()) {
            LifecycleState state = versions.stream().filter(v -> v.version().equals(channel.getValue()))
                    .map(VersionEntry::state).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(image + ": channel " + channel.getKey()
                            + " points at " + channel.getValue() + ", which is not a version of the image"));
            if (!Lifecycle.channelsMayPointAt(state)) {
                throw new IllegalArgumentException(image + ": channel " + channel.getKey() + " points at "
                        + channel.getValue() + ", which is " + state.name().toLowerCase(Locale.ROOT));
            }
        }
        channels = Collections.unmodifiableMap(channels);
    }

    /** Returns an image with no versions yet. */
    public static ImageEntry empty(String image) {
        return new ImageEntry(image, List.of(), Map.of());
    }

    /** Returns the version {@code id}, if the image has it. */
    public Optional<VersionEntry> version(ImageVersionId id) {
        return versions.stream().filter(v -> v.version().equals(id)).findFirst();
    }

    /** Returns the newest version, if any. */
    public Optional<VersionEntry> newest() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    /** Returns the newest version in {@code state}, if any. */
    public Optional<VersionEntry> newest(LifecycleState state) {
        return versions.stream().filter(v -> v.state() == state).max(Comparator.comparing(VersionEntry::version));
    }

    /** Returns this image with a new version, newer than every version it has. */
    public ImageEntry withVersion(VersionEntry version) {
        List<VersionEntry> next = new ArrayList<>(versions);
        next.add(version);
        return new ImageEntry(image, next, channels);
    }

    /**
     * Moves {@code version} to {@code to}, checked against the lifecycle. Channels that pointed at it and may no
     * longer do so point at the newest other version they may point at, or at none.
     *
     * @return the new entry and the transition event that describes the move
     */
    public Moved transition(ImageVersionId version, LifecycleState to, Instant at, String reason)
            throws IllegalTransitionException {
        VersionEntry current = version(version).orElseThrow(() -> new IllegalArgumentException(
                image + " has no version " + version));
        Lifecycle.check(image, version.toString(), current.state(), to);
        List<VersionEntry> next = new ArrayList<>(versions);
        next.set(next.indexOf(current), current.movedTo(to, at, reason));
        Map<String, ImageVersionId> nextChannels = new TreeMap<>(channels);
        List<ChannelChange> changes = new ArrayList<>();
        if (!Lifecycle.channelsMayPointAt(to)) {
            for (Map.Entry<String, ImageVersionId> channel : channels.entrySet()) {
                if (channel.getValue().equals(version)) {
                    Optional<VersionEntry> fallback = next.stream()
                            .filter(v -> !v.version().equals(version))
                            .filter(v -> v.state() == LifecycleState.STABLE)
                            .max(Comparator.comparing(VersionEntry::version));
                    fallback.ifPresentOrElse(v -> nextChannels.put(channel.getKey(), v.version()),
                            () -> nextChannels.remove(channel.getKey()));
                    changes.add(new ChannelChange(channel.getKey(), version.toString(),
                            fallback.map(v -> v.version().toString()).orElse(null)));
                }
            }
        }
        ImageEntry entry = new ImageEntry(image, next, nextChannels);
        return new Moved(entry, new ImageTransition(image, version.toString(), current.state(), to, reason,
                changes));
    }

    /**
     * Returns this image with {@code version}'s QA suite passed at {@code at}. Only a version under test can pass
     * QA; its state does not change, because promotion is the policies' decision.
     */
    public ImageEntry withQaPassed(ImageVersionId version, Instant at) {
        VersionEntry current = version(version).orElseThrow(() -> new IllegalArgumentException(
                image + " has no version " + version));
        if (current.state() != LifecycleState.TESTING) {
            throw new IllegalArgumentException(image + " " + version + " is "
                    + current.state().name().toLowerCase(Locale.ROOT) + ", not testing: only a version under test"
                    + " can pass QA");
        }
        List<VersionEntry> next = new ArrayList<>(versions);
        next.set(next.indexOf(current), current.withQaPassed(at));
        return new ImageEntry(image, next, channels);
    }

    /** Points {@code channel} at {@code version}; returns the change, or empty when it pointed there already. */
    public Optional<Pointed> point(String channel, ImageVersionId version) {
        ImageVersionId previous = channels.get(channel);
        if (version.equals(previous)) {
            return Optional.empty();
        }
        Map<String, ImageVersionId> next = new TreeMap<>(channels);
        next.put(channel, version);
        return Optional.of(new Pointed(new ImageEntry(image, versions, next), new ChannelChange(channel,
                previous == null ? null : previous.toString(), version.toString())));
    }

    /** A transition applied: the entry after it, and the event that tells it. */
    public record Moved(ImageEntry entry, ImageTransition transition) {
    }

    /** A channel moved: the entry after it, and the change. */
    public record Pointed(ImageEntry entry, ChannelChange change) {
    }

    /** Returns the entry as the JSON committed to {@code catalog/<image>.json}. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the catalog entry of " + image, e);
        }
    }

    /** Reads an entry written by {@link #toJson()}; fails naming {@code source} and what is wrong. */
    public static ImageEntry fromJson(String json, String source) throws IOException {
        try {
            return JSON.readValue(json, ImageEntry.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(source + ": not a valid catalog entry: " + e.getMessage(), e);
        }
    }

    private static void checkHistory(String image, VersionEntry v) {
        List<StateChange> history = v.history();
        if (history.get(0).from() != null) {
            throw new IllegalArgumentException(image + " " + v.version() + ": the first state change must come"
                    + " from nothing");
        }
        for (StateChange change : history.subList(1, history.size())) {
            try {
                Lifecycle.check(image, v.version().toString(), change.from(), change.to());
            } catch (IllegalTransitionException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }
}
