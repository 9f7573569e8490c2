package dev.goldsmith.catalog.impact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.catalog.version.VersionScheme;

/**
 * The package versions the watched repositories offer, per distribution, by binary name and by source name, as the
 * package facts tell them: what an image could be rebuilt with today.
 */
public final class AvailableVersions {

    private static final String SOURCE_PREFIX = "src:";

    private final Map<String, TreeSet<String>> offered = new HashMap<>();

    /**
     * The versions offered of one name in one distribution, as {@link #offered()} exports them to be kept across a
     * restart.
     *
     * @param name     a binary package name, or {@code src:} followed by a source package name
     * @param versions the versions, oldest first
     */
    public record Offered(String distro, String name, List<String> versions) {

        public Offered {
            Objects.requireNonNull(distro, "distro");
            Objects.requireNonNull(name, "name");
            versions = List.copyOf(versions);
        }
    }

    /** Records a published package version. */
    public void published(PackageData p) {
        versions(p.distribution(), p.name()).add(p.version());
        versions(p.distribution(), SOURCE_PREFIX + p.sourceName()).add(p.sourceVersion());
    }

    /**
     * Records a withdrawn package version. The source version stays: another binary of the same source may still
     * carry it, and an over-eager "fix available" is corrected when the build resolves the real versions.
     */
    public void withdrawn(PackageData p) {
        versions(p.distribution(), p.name()).remove(p.version());
    }

    /**
     * Returns whether a version at least {@code fixed} of {@code packageName} (a binary or a source name) is offered
     * in {@code distro}.
     */
    public boolean offersAtLeast(String distro, String packageName, String fixed) {
        Objects.requireNonNull(fixed, "fixed");
        for (String key : new String[] {packageName, SOURCE_PREFIX + packageName}) {
            TreeSet<String> versions = offered.get(distro + "\u0000" + key);
            if (versions != null && !versions.isEmpty()
                    && ImpactIndex.schemeOf(distro).compare(versions.last(), fixed) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Returns everything offered, sorted by distribution and name, for {@link #restore(List)} after a restart. */
    public List<Offered> offered() {
        List<Offered> all = new ArrayList<>(offered.size());
        offered.forEach((key, versions) -> {
            int split = key.indexOf('\u0000');
            all.add(new Offered(key.substring(0, split), key.substring(split + 1), new ArrayList<>(versions)));
        });
        all.sort(Comparator.comparing(Offered::distro).thenComparing(Offered::name));
        return all;
    }

    /** Adds what {@link #offered()} exported to what is offered now. */
    public void restore(List<Offered> exported) {
        for (Offered o : exported) {
            versions(o.distro(), o.name()).addAll(o.versions());
        }
    }

    private TreeSet<String> versions(String distro, String name) {
        VersionScheme scheme = ImpactIndex.schemeOf(distro);
        return offered.computeIfAbsent(distro + "\u0000" + name, k -> new TreeSet<>(scheme::compare));
    }
}
