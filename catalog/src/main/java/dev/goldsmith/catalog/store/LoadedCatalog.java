package dev.goldsmith.catalog.store;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.impact.ImpactIndex;
import dev.goldsmith.catalog.state.ImageEntry;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The catalog as {@link CatalogLoader} rebuilt it from one commit: every image's entry, the manifests of its live
 * versions, and the files that could not be loaded.
 *
 * @param commit        the commit read, or null for a repository without commits
 * @param entries       image name → its entry, sorted by name
 * @param liveManifests the manifest of every live version (neither retired, failed nor revoked), by image then version
 * @param problems      each file that was broken or missing, with the reason; empty when everything loaded
 */
public record LoadedCatalog(ObjectId commit, Map<String, ImageEntry> entries, List<Manifest> liveManifests,
        List<LoadProblem> problems) {

    public LoadedCatalog {
        entries = Collections.unmodifiableMap(new TreeMap<>(entries));
        liveManifests = List.copyOf(liveManifests);
        problems = List.copyOf(problems);
    }

    /** Returns the entry of {@code image}, if it loaded. */
    public Optional<ImageEntry> entry(String image) {
        return Optional.ofNullable(entries.get(image));
    }

    /** Returns a new impact index over the live versions' manifests. */
    public ImpactIndex impactIndex() {
        ImpactIndex index = new ImpactIndex();
        liveManifests.forEach(index::add);
        return index;
    }
}
