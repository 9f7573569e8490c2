package dev.goldsmith.catalog.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.AdvisoryData.AffectedPackage;
import dev.goldsmith.catalog.image.InstalledPackage;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.version.InvalidVersionException;
import dev.goldsmith.catalog.version.VersionScheme;

/**
 * Matches one advisory against the manifests of single image versions, as the revoke policy needs it: which
 * installed packages lie in an affected range, and whether a newer version carries the fix. Packages match by binary
 * or source name within the manifest's distribution release, as in impact analysis.
 */
final class AdvisoryMatch {

    /**
     * One installed package the advisory affects.
     *
     * @param installed the package as the affected image version has it
     * @param scheme    how its versions order
     * @param fixes     the fixed versions of the ranges it lies in; empty when none of them names a fix
     */
    record Hit(InstalledPackage installed, VersionScheme scheme, List<String> fixes) {

        /** Returns "runc 4:1.2.5-1.el9". */
        String describe() {
            return installed.name() + " " + installed.version();
        }
    }

    private final AdvisoryData advisory;

    AdvisoryMatch(AdvisoryData advisory) {
        this.advisory = advisory;
    }

    /**
     * Returns the packages of {@code manifest} the advisory affects, one per package name, in the manifest's order.
     *
     * @throws InvalidVersionException when an installed or advisory version cannot be ordered
     */
    List<Hit> hits(Manifest manifest) {
        Map<String, Hit> hits = new LinkedHashMap<>();
        for (InstalledPackage p : manifest.packages()) {
            if (hits.containsKey(p.name())) {
                continue;
            }
            List<String> fixes = new ArrayList<>();
            boolean affected = false;
            VersionScheme scheme = null;
            for (AffectedPackage a : advisory.affected()) {
                boolean named = a.packageName().equals(p.name()) || a.packageName().equals(p.source());
                if (a.release().equals(manifest.distro()) && named && inRange(a, p.version())) {
                    affected = true;
                    scheme = a.versionScheme();
                    if (a.fixed() != null && !fixes.contains(a.fixed())) {
                        fixes.add(a.fixed());
                    }
                }
            }
            if (affected) {
                hits.put(p.name(), new Hit(p, scheme, fixes));
            }
        }
        return List.copyOf(hits.values());
    }

    /**
     * Returns why {@code newer} does not carry the fix for {@code hit}, or empty when it has the package at or above
     * a fixed version of a range the affected version lies in.
     */
    Optional<String> missingFix(Hit hit, Manifest newer) {
        String name = hit.installed().name();
        if (hit.fixes().isEmpty()) {
            return Optional.of(advisory.advisoryId() + " names no fixed version of " + name);
        }
        String has = newer.versionsByName().get(name);
        if (has == null) {
            return Optional.of(newer.version() + " does not contain " + name);
        }
        for (String fix : hit.fixes()) {
            if (hit.scheme().compare(has, fix) >= 0) {
                return Optional.empty();
            }
        }
        return Optional.of(newer.version() + " has " + name + " " + has + ", below the fix " + hit.fixes().get(0));
    }

    private static boolean inRange(AffectedPackage a, String installed) {
        VersionScheme scheme = a.versionScheme();
        if (a.introduced() != null && scheme.compare(installed, a.introduced()) < 0) {
            return false;
        }
        if (a.fixed() != null) {
            return scheme.compare(installed, a.fixed()) < 0;
        }
        return a.lastAffected() == null || scheme.compare(installed, a.lastAffected()) <= 0;
    }
}
