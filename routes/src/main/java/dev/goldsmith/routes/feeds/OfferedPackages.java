package dev.goldsmith.routes.feeds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.catalog.impact.AvailableVersions;
import dev.goldsmith.feeds.snapshot.PackageEntry;
import dev.goldsmith.feeds.snapshot.PackageSnapshot;

/**
 * What the watched repositories offered at their last good poll, read back from the package snapshots the feeds keep
 * under {@code <state-dir>/feeds/<feed>/}. Impact analysis starts from it after a restart and previews use it, so a
 * fix that was published before the restart still counts as available.
 */
public final class OfferedPackages {

    private static final String SNAPSHOT = "packages.snapshot.gz";

    /** What was loaded: how many package versions from how many feeds, and the snapshots that could not be read. */
    public record Loaded(int feeds, int packages, List<String> problems) {

        public Loaded {
            problems = List.copyOf(problems);
        }
    }

    private OfferedPackages() {
    }

    /** Adds every package version of every feed snapshot under {@code feedsDir} to {@code available}. */
    public static Loaded load(Path feedsDir, AvailableVersions available) throws IOException {
        if (!Files.isDirectory(feedsDir)) {
            return new Loaded(0, 0, List.of());
        }
        List<Path> snapshots;
        try (Stream<Path> dirs = Files.list(feedsDir)) {
            snapshots = dirs.map(d -> d.resolve(SNAPSHOT)).filter(Files::isRegularFile).sorted().toList();
        }
        int packages = 0;
        List<String> problems = new ArrayList<>();
        for (Path file : snapshots) {
            String feed = file.getParent().getFileName().toString();
            try {
                PackageSnapshot snapshot = PackageSnapshot.read(file);
                for (PackageEntry e : snapshot.entries()) {
                    available.published(new PackageData(feed, snapshot.distribution(), e.name(), e.version(),
                            e.architecture(), e.sourceName(), e.sourceVersion(), null));
                    packages++;
                }
            } catch (IOException | IllegalArgumentException e) {
                problems.add(file + ": " + e.getMessage());
            }
        }
        return new Loaded(snapshots.size() - problems.size(), packages, problems);
    }
}
