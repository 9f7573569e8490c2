package dev.goldsmith.builders.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import dev.goldsmith.catalog.image.ImageVersionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the artifacts an image no longer needs: every version directory under {@code <artifacts>/<image>/}
 * beyond the newest {@code keep}, unless the catalog still counts that version as live. Only directories named as
 * image versions are touched; the manifest, lock and QA report go with the artifact, since Git keeps their copies.
 * The consoles of failed builds are kept for the newest {@value #FAILED_KEPT} of them.
 */
public final class ArtifactRetention {

    /** Where the consoles of failed builds are kept, under the image's directory. */
    public static final String FAILED_BUILDS = "failed-builds";
    /** How many failed builds' consoles are kept per image. */
    public static final int FAILED_KEPT = 10;

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactRetention.class);

    private final Path artifactsDir;

    public ArtifactRetention(Path artifactsDir) {
        this.artifactsDir = artifactsDir;
    }

    /**
     * Deletes the version directories of {@code image} that are neither among its newest {@code keep} nor in
     * {@code live}; returns the versions deleted, oldest first.
     */
    public List<ImageVersionId> prune(String image, int keep, Set<ImageVersionId> live) throws IOException {
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least one version of " + image + ", was " + keep);
        }
        Path imageDir = artifactsDir.resolve(image);
        if (!imageDir.normalize().startsWith(artifactsDir.normalize()) || !Files.isDirectory(imageDir)) {
            return List.of();
        }
        List<ImageVersionId> versions = new ArrayList<>();
        try (Stream<Path> entries = Files.list(imageDir)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                parse(entry.getFileName().toString()).filter(v -> Files.isDirectory(entry)).ifPresent(versions::add);
            }
        }
        versions.sort(Comparator.reverseOrder());
        List<ImageVersionId> deleted = new ArrayList<>();
        for (ImageVersionId version : versions.subList(Math.min(keep, versions.size()), versions.size())) {
            if (live.contains(version)) {
                continue;
            }
            ImageBuild.deleteTree(imageDir.resolve(version.toString()));
            LOG.info("artifact deleted image={} version={} reason=\"beyond the newest {} and not live\"", image,
                    version, keep);
            deleted.add(version);
        }
        deleted.sort(Comparator.naturalOrder());
        pruneFailedBuilds(image, imageDir.resolve(FAILED_BUILDS));
        return deleted;
    }

    /** Keeps the consoles of the newest {@link #FAILED_KEPT} failed builds; build ids sort by their start time. */
    private static void pruneFailedBuilds(String image, Path failed) throws IOException {
        if (!Files.isDirectory(failed)) {
            return;
        }
        List<Path> builds;
        try (Stream<Path> entries = Files.list(failed)) {
            builds = entries.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList();
        }
        for (Path old : builds.subList(Math.min(FAILED_KEPT, builds.size()), builds.size())) {
            ImageBuild.deleteTree(old);
            LOG.info("failed build's consoles deleted image={} build={} reason=\"beyond the newest {}\"", image,
                    old.getFileName(), FAILED_KEPT);
        }
    }

    private static Optional<ImageVersionId> parse(String name) {
        try {
            return Optional.of(ImageVersionId.parse(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
