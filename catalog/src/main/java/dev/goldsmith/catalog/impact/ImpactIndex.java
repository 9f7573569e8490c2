package dev.goldsmith.catalog.impact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.InstalledPackage;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.version.DebianVersion;
import dev.goldsmith.catalog.version.RpmVersion;
import dev.goldsmith.catalog.version.VersionScheme;

/**
 * Which live image versions contain which package at which version, indexed so that a fact finds the images it
 * concerns without looking at the others: by distribution, then package name (binary and source), then installed
 * version in the distribution's own order. A newly published version reaches exactly the image versions holding an
 * older one; an advisory reaches those whose installed version lies in its affected range.
 *
 * <p>Not thread-safe: one owner updates and queries it.
 */
public final class ImpactIndex {

    /** One image version, as the index refers to it. */
    public record ImageRef(String image, ImageVersionId version, String distro) {
    }

    /**
     * One image version holding one package at one version; {@code slot} numbers the image version so a query can
     * gather its findings in an array rather than a hash map.
     */
    private record Holder(ImageRef image, int slot, InstalledPackage installed) {
    }

    /** The holders of one package name in one distribution, by installed version. */
    private static final class ByVersion {
        private final TreeMap<Object, List<Holder>> holders;

        ByVersion(Comparator<Object> order) {
            this.holders = new TreeMap<>(order);
        }
    }

    private final Map<String, Map<String, ByVersion>> byName = new HashMap<>();
    private final Map<String, Map<String, ByVersion>> bySource = new HashMap<>();
    private final Map<ImageRef, Manifest> manifests = new HashMap<>();
    private final Map<ImageRef, Integer> slots = new HashMap<>();
    private int nextSlot;
    private final Map<String, Object> parsedDpkg = new HashMap<>();
    private final Map<String, Object> parsedRpm = new HashMap<>();
    private int holders;

    /** Returns the version scheme of a distribution release: dpkg for Debian and Ubuntu, rpm for the others. */
    public static VersionScheme schemeOf(String distro) {
        return distro.startsWith("debian-") || distro.startsWith("ubuntu-") ? VersionScheme.DPKG : VersionScheme.RPM;
    }

    /** Adds a live image version. */
    public void add(Manifest manifest) {
        ImageRef ref = new ImageRef(manifest.image(), manifest.version(), manifest.distro());
        if (manifests.putIfAbsent(ref, manifest) != null) {
            return;
        }
        VersionScheme scheme = schemeOf(manifest.distro());
        int slot = slots.computeIfAbsent(ref, r -> nextSlot++);
        for (InstalledPackage p : manifest.packages()) {
            Holder holder = new Holder(ref, slot, p);
            Object version = parse(scheme, p.version());
            entry(byName, manifest.distro(), p.name()).holders
                    .computeIfAbsent(version, v -> new ArrayList<>(2)).add(holder);
            if (!p.source().equals(p.name())) {
                entry(bySource, manifest.distro(), p.source()).holders
                        .computeIfAbsent(version, v -> new ArrayList<>(2)).add(holder);
            }
            holders++;
        }
    }

    /** Removes an image version that is no longer live (retired, revoked, superseded). */
    public void remove(String image, ImageVersionId version) {
        Manifest manifest = manifests.entrySet().stream()
                .filter(e -> e.getKey().image().equals(image) && e.getKey().version().equals(version))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (manifest == null) {
            return;
        }
        ImageRef ref = new ImageRef(image, version, manifest.distro());
        manifests.remove(ref);
        slots.remove(ref);
        VersionScheme scheme = schemeOf(manifest.distro());
        for (InstalledPackage p : manifest.packages()) {
            Object v = parse(scheme, p.version());
            removeFrom(byName, manifest.distro(), p.name(), v, ref);
            removeFrom(bySource, manifest.distro(), p.source(), v, ref);
            holders--;
        }
    }

    /**
     * Returns whether some indexed image version holds a package called {@code name} in {@code distro}, or one built
     * from a source package of that name.
     */
    public boolean holds(String distro, String name) {
        for (Map<String, Map<String, ByVersion>> index : List.of(byName, bySource)) {
            ByVersion entry = lookup(index, distro, name);
            if (entry != null && !entry.holders.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Returns how many (image version, installed package) pairs the index holds. */
    public int size() {
        return holders;
    }

    /**
     * Returns, per image version, the packages of which {@code published} offers a newer version than the one
     * installed, with the newest offered for each.
     */
    @SuppressWarnings("unchecked")
    public List<ImageImpact> packagesPublished(Collection<PackageData> published) {
        // Only the newest version offered of each package matters: an image older than any offered version is older
        // than the newest one, which is the version it should move to.
        Map<String, Map<String, Newest>> newest = new HashMap<>();
        for (PackageData fact : published) {
            if (lookup(byName, fact.distribution(), fact.name()) == null) {
                continue;
            }
            Object offered = parse(schemeOf(fact.distribution()), fact.version());
            newest.computeIfAbsent(fact.distribution(), d -> new HashMap<>()).merge(fact.name(),
                    new Newest(fact.version(), offered),
                    (a, b) -> ORDER.compare(a.parsed(), b.parsed()) >= 0 ? a : b);
        }
        List<Change>[] found = new List[nextSlot];
        ImageRef[] refs = new ImageRef[nextSlot];
        newest.forEach((distro, names) -> names.forEach((name, offer) -> {
            for (List<Holder> older : lookup(byName, distro, name).holders.headMap(offer.parsed(), false).values()) {
                for (Holder h : older) {
                    if (found[h.slot()] == null) {
                        found[h.slot()] = new ArrayList<>();
                        refs[h.slot()] = h.image();
                    }
                    found[h.slot()].add(new Change(name, h.installed().version(), offer.version(), List.of(),
                            List.of(), null));
                }
            }
        }));
        List<ImageImpact> impacts = new ArrayList<>();
        for (int slot = 0; slot < found.length; slot++) {
            if (found[slot] != null) {
                impacts.add(new ImageImpact(refs[slot], found[slot]));
            }
        }
        return impacts;
    }

    /** The newest version offered of one package, with its parsed form to compare against. */
    private record Newest(String version, Object parsed) {
    }

    /**
     * Returns, per image version, the packages {@code advisory} affects at their installed version: with the fixed
     * version once the watched repositories offer it, or with none ("waiting for fix") while the advisory names no
     * fix or the fix is not published yet; the rebuild follows when the fixed package appears.
     */
    public List<ImageImpact> advisory(AdvisoryData advisory, AvailableVersions available) {
        List<String> cves = advisory.aliases().stream().filter(a -> a.startsWith("CVE-")).toList();
        Map<ImageRef, Map<String, Change>> found = new LinkedHashMap<>();
        for (AdvisoryData.AffectedPackage affected : advisory.affected()) {
            VersionScheme scheme = schemeOf(affected.release());
            for (Map<String, Map<String, ByVersion>> names : List.of(byName, bySource)) {
                ByVersion entry = lookup(names, affected.release(), affected.packageName());
                if (entry == null) {
                    continue;
                }
                for (List<Holder> hit : affectedRange(entry.holders, scheme, affected).values()) {
                    for (Holder h : hit) {
                        String fix = affected.fixed() != null && available.offersAtLeast(affected.release(),
                                affected.packageName(), affected.fixed()) ? affected.fixed() : null;
                        found.computeIfAbsent(h.image(), k -> new LinkedHashMap<>()).putIfAbsent(
                                h.installed().name(), new Change(h.installed().name(), h.installed().version(),
                                        fix, List.of(advisory.advisoryId()), cves, advisory.severity()));
                    }
                }
            }
        }
        return result(found);
    }

    private NavigableMap<Object, List<Holder>> affectedRange(TreeMap<Object, List<Holder>> holders,
            VersionScheme scheme, AdvisoryData.AffectedPackage affected) {
        NavigableMap<Object, List<Holder>> range = holders;
        if (affected.introduced() != null) {
            range = range.tailMap(parse(scheme, affected.introduced()), true);
        }
        if (affected.fixed() != null) {
            range = range.headMap(parse(scheme, affected.fixed()), false);
        } else if (affected.lastAffected() != null) {
            range = range.headMap(parse(scheme, affected.lastAffected()), true);
        }
        return range;
    }

    private static List<ImageImpact> result(Map<ImageRef, Map<String, Change>> found) {
        List<ImageImpact> impacts = new ArrayList<>(found.size());
        found.forEach((ref, changes) -> impacts.add(new ImageImpact(ref, List.copyOf(changes.values()))));
        return impacts;
    }

    /** Parses each distinct version once; image versions share most of their packages' versions. */
    private Object parse(VersionScheme scheme, String version) {
        return scheme == VersionScheme.DPKG
                ? parsedDpkg.computeIfAbsent(version, DebianVersion::parse)
                : parsedRpm.computeIfAbsent(version, RpmVersion::parse);
    }

    /** Orders the parsed versions of one distribution, all of one scheme, by their own comparison. */
    @SuppressWarnings("unchecked")
    private static final Comparator<Object> ORDER = (a, b) -> ((Comparable<Object>) a).compareTo(b);

    private static ByVersion entry(Map<String, Map<String, ByVersion>> index, String distro, String name) {
        return index.computeIfAbsent(distro, d -> new HashMap<>())
                .computeIfAbsent(name, n -> new ByVersion(ORDER));
    }

    private static ByVersion lookup(Map<String, Map<String, ByVersion>> index, String distro, String name) {
        Map<String, ByVersion> names = index.get(distro);
        return names == null ? null : names.get(name);
    }

    private static void removeFrom(Map<String, Map<String, ByVersion>> index, String distro, String name,
            Object version, ImageRef ref) {
        ByVersion entry = lookup(index, distro, name);
        if (entry == null) {
            return;
        }
        List<Holder> list = entry.holders.get(version);
        if (list != null) {
            list.removeIf(h -> h.image().equals(ref));
            if (list.isEmpty()) {
                entry.holders.remove(version);
            }
        }
    }
}
