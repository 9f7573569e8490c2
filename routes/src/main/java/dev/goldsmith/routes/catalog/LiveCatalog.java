package dev.goldsmith.routes.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.goldsmith.catalog.event.LifecycleState;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.impact.LiveImages;
import dev.goldsmith.catalog.state.ImageEntry;
import dev.goldsmith.catalog.state.VersionEntry;
import dev.goldsmith.catalog.store.LoadedCatalog;

/**
 * The catalog as the running service sees it: every image's entry, the manifests of its live versions and its
 * parent, rebuilt from Git at start-up and kept up to date as the service commits changes. The planner asks it
 * which images exist and what their newest live version holds. Thread-safe: the consumer routes and the timers read
 * it while one writer at a time updates it.
 */
public final class LiveCatalog implements LiveImages {

    private static final Set<LifecycleState> DEAD = Set.of(LifecycleState.RETIRED, LifecycleState.FAILED,
            LifecycleState.REVOKED);

    private final Map<String, ImageEntry> entries = new TreeMap<>();
    private final Map<String, TreeMap<ImageVersionId, Manifest>> manifests = new TreeMap<>();
    private final Map<String, String> parents = new TreeMap<>();

    /** Replaces everything with what {@code loaded} holds; {@code parents} maps each image to its parent image. */
    public synchronized void reset(LoadedCatalog loaded, Map<String, String> parents) {
        entries.clear();
        manifests.clear();
        this.parents.clear();
        entries.putAll(loaded.entries());
        for (Manifest m : loaded.liveManifests()) {
            manifests.computeIfAbsent(m.image(), i -> new TreeMap<>()).put(m.version(), m);
        }
        this.parents.putAll(parents);
    }

    /** Records {@code entry} as the image's current entry; manifests of versions that died are let go. */
    public synchronized void update(ImageEntry entry) {
        entries.put(entry.image(), entry);
        TreeMap<ImageVersionId, Manifest> live = manifests.get(entry.image());
        if (live != null) {
            for (VersionEntry v : entry.versions()) {
                if (DEAD.contains(v.state())) {
                    live.remove(v.version());
                }
            }
        }
    }

    /** Records the manifest of a version just built. */
    public synchronized void built(Manifest manifest) {
        manifests.computeIfAbsent(manifest.image(), i -> new TreeMap<>()).put(manifest.version(), manifest);
    }

    /** Returns the image's entry, if it has one. */
    public synchronized Optional<ImageEntry> entry(String image) {
        return Optional.ofNullable(entries.get(image));
    }

    /** Returns every image's entry, by name. */
    public synchronized List<ImageEntry> entries() {
        return List.copyOf(entries.values());
    }

    /** Returns the manifests of every live version. */
    public synchronized List<Manifest> liveManifests() {
        List<Manifest> all = new ArrayList<>();
        manifests.values().stream().map(Map::values).forEach(all::addAll);
        return all;
    }

    @Override
    public synchronized Set<String> images() {
        Set<String> names = new TreeSet<>(entries.keySet());
        names.addAll(manifests.keySet());
        return names;
    }

    /** Returns the manifest of the image's newest live version: what a rebuild would start from. */
    @Override
    public synchronized Optional<Manifest> current(String image) {
        TreeMap<ImageVersionId, Manifest> live = manifests.get(image);
        return live == null || live.isEmpty() ? Optional.empty() : Optional.of(live.lastEntry().getValue());
    }

    @Override
    public synchronized Optional<String> parent(String image) {
        return Optional.ofNullable(parents.get(image));
    }

    /** Returns how many live versions the catalog holds. */
    public synchronized int liveVersions() {
        return manifests.values().stream().mapToInt(Map::size).sum();
    }
}
