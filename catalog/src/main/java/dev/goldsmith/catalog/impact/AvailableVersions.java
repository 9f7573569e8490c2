package dev.goldsmith.catalog.impact;

import java.util.HashMap;
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

    private final Map<String, TreeSet<String>> offered = new HashMap<>();

    /** Records a published package version. */
    public void published(PackageData p) {
        versions(p.distribution(), p.name()).add(p.version());
        versions(p.distribution(), "src:" + p.sourceName()).add(p.sourceVersion());
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
        for (String key : new String[] {packageName, "src:" + packageName}) {
            TreeSet<String> versions = offered.get(distro + "\u0000" + key);
            if (versions != null && !versions.isEmpty()
                    && ImpactIndex.schemeOf(distro).compare(versions.last(), fixed) >= 0) {
                return true;
            }
        }
        return false;
    }

    private TreeSet<String> versions(String distro, String name) {
        VersionScheme scheme = ImpactIndex.schemeOf(distro);
        return offered.computeIfAbsent(distro + "\u0000" + name, k -> new TreeSet<>(scheme::compare));
    }
}
