package dev.goldsmith.catalog.store;

import static dev.goldsmith.catalog.store.PlainJson.decline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.goldsmith.catalog.event.LifecycleState;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.state.ImageEntry;
import dev.goldsmith.catalog.state.StateChange;
import dev.goldsmith.catalog.state.VersionEntry;

/**
 * Reads {@code catalog/<image>.json} straight into {@link ImageEntry} with a streaming reader, for the catalog loader:
 * a thousand entries with twenty versions each hold over a hundred thousand state changes, each with an instant,
 * which data binding in a freshly started JVM reads slowly. Reasons repeat, so they are kept once in {@link Strings}.
 *
 * <p>{@link ImageEntry#fromJson} stays the definition of the format: this reader takes only the documents it reads
 * exactly as that does (see {@link PlainJson}) and hands every other one to it, so the entry or the error is always
 * the one {@code ImageEntry.fromJson} returns for the same file. Not thread-safe: one per thread.
 */
final class EntryReader {

    private static final PlainJson.Names ENTRY = new PlainJson.Names("image", "versions", "channels");
    private static final PlainJson.Names VERSION = new PlainJson.Names("version", "created", "history", "qaPassed");
    private static final LifecycleState[] STATES = LifecycleState.values();
    private static final PlainJson.Names STATE_NAMES = wireNames();
    private static final PlainJson.Names CHANGE = new PlainJson.Names("from", "to", "at", "reason");

    private final Strings strings;

    /** Creates a reader that keeps repeated strings once in {@code strings}. */
    EntryReader(Strings strings) {
        this.strings = strings;
    }

    /** Returns the entry in {@code json}, UTF-8; fails as {@link ImageEntry#fromJson} does, naming {@code source}. */
    ImageEntry read(byte[] json, String source) throws IOException {
        ImageEntry entry = readPlain(json);
        return entry != null ? entry : ImageEntry.fromJson(new String(json, StandardCharsets.UTF_8), source);
    }

    /** Returns the entry in {@code json} when it is in the plain form, or null to leave it to data binding. */
    ImageEntry readPlain(byte[] json) {
        try {
            PlainJson in = new PlainJson(json, strings);
            ImageEntry entry = entry(in);
            in.end();
            return entry;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private ImageEntry entry(PlainJson in) {
        in.beginObject();
        String image = null;
        List<VersionEntry> versions = null;
        Map<String, ImageVersionId> channels = null;
        String field;
        while ((field = in.nextField(ENTRY)) != null) {
            switch (field) {
                case "image" -> {
                    image = in.textOrNull();
                }
                case "versions" -> {
                    versions = versions(in);
                }
                case "channels" -> {
                    channels = channels(in);
                }
            }
        }
        return new ImageEntry(image, versions, channels);
    }

    private List<VersionEntry> versions(PlainJson in) {
        if (!in.beginArrayOrNull()) {
            return null;
        }
        List<VersionEntry> versions = new ArrayList<>();
        while (in.nextElement()) {
            versions.add(version(in));
        }
        return versions;
    }

    private VersionEntry version(PlainJson in) {
        in.beginObject();
        ImageVersionId version = null;
        Instant created = null;
        List<StateChange> history = null;
        Instant qaPassed = null;
        String field;
        while ((field = in.nextField(VERSION)) != null) {
            switch (field) {
                case "version" -> {
                    version = in.versionIdOrNull();
                }
                case "created" -> {
                    created = in.instantOrNull();
                }
                case "history" -> {
                    history = history(in);
                }
                case "qaPassed" -> {
                    qaPassed = in.instantOrNull();
                }
            }
        }
        return new VersionEntry(version, created, history, qaPassed);
    }

    private List<StateChange> history(PlainJson in) {
        if (!in.beginArrayOrNull()) {
            return null;
        }
        List<StateChange> history = new ArrayList<>(8);
        while (in.nextElement()) {
            history.add(change(in));
        }
        return history;
    }

    private StateChange change(PlainJson in) {
        in.beginObject();
        LifecycleState from = null;
        LifecycleState to = null;
        Instant at = null;
        String reason = null;
        String field;
        while ((field = in.nextField(CHANGE)) != null) {
            switch (field) {
                case "from" -> {
                    from = state(in);
                }
                case "to" -> {
                    to = state(in);
                }
                case "at" -> {
                    at = in.instantOrNull();
                }
                case "reason" -> {
                    reason = in.sharedTextOrNull();
                }
            }
        }
        return new StateChange(from, to, at, reason);
    }

    private static Map<String, ImageVersionId> channels(PlainJson in) {
        if (!in.beginObjectOrNull()) {
            return null;
        }
        Map<String, ImageVersionId> channels = new LinkedHashMap<>();
        String channel;
        while ((channel = in.nextFieldName()) != null) {
            ImageVersionId version = in.versionIdOrNull();
            // Data binding keeps the last of two equal names, and a null that the entry then refuses: leave both.
            if (version == null || channels.put(channel, version) != null) {
                throw decline("not a plain channel " + channel);
            }
        }
        return channels;
    }

    /** Reads a lifecycle state by its name on the wire, or null for {@code null}. */
    private static LifecycleState state(PlainJson in) {
        int state = in.oneOfOrNull(STATE_NAMES);
        return state < 0 ? null : STATES[state];
    }

    /** Returns the name on the wire of each state, in the order of {@link #STATES}: as data binding reads them. */
    private static PlainJson.Names wireNames() {
        String[] names = new String[STATES.length];
        for (int i = 0; i < STATES.length; i++) {
            try {
                JsonProperty property = LifecycleState.class.getField(STATES[i].name())
                        .getAnnotation(JsonProperty.class);
                names[i] = property == null ? STATES[i].name() : property.value();
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("no field for the constant " + STATES[i], e);
            }
        }
        return new PlainJson.Names(names);
    }
}
