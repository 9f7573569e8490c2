package dev.goldsmith.catalog.impact;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.catalog.event.RebuildRequest;
import dev.goldsmith.catalog.event.Severity;
import dev.goldsmith.catalog.image.InstalledPackage;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.version.VersionScheme;

/**
 * Turns package and advisory facts into rebuild requests, one per image, each explaining itself.
 *
 * <p>Each fact goes through the {@link ImpactIndex} of the images' current versions. What it finds for an image is
 * gathered as reasons, one per package (installed → available, advisory ids, CVEs, the highest severity); a second
 * fact about the same package keeps the higher available version and the union of advisories. An image's request
 * becomes due one {@link PlannerSettings#window() window} after the first fact that touched it, so that what lands
 * close together becomes one rebuild; a fix for an advisory at or above the fast-lane severity makes it due at once.
 *
 * <p>An advisory whose fixed version the watched repositories do not offer yet leaves the image waiting for that fix.
 * The planner keeps the advisory, and when a package fact brings the fix the image gets a reason carrying the
 * advisory and its severity, in the fast lane if it is severe enough. A fix that came before the advisory is found
 * through the versions on offer, which the planner keeps for the packages that live images hold. Versions of
 * packages no live image holds are not kept: an image built later installs the newest versions anyway.
 *
 * <p>A child image (one whose blueprint names a parent) is rebuilt on its parent's new version: when its request is
 * due while the parent has a request of its own, or a rebuild under way, it is held until the parent's new version
 * is {@linkplain #parentStable stable}. If the parent's build {@linkplain #parentFailed fails}, or nothing is heard
 * for {@link PlannerSettings#maxHold()}, the child's request is released with a note saying so.
 *
 * <p>Plain Java without threads: time comes from the injected clock, and one owner calls it at a time. Everything it
 * must not lose in a restart is in {@link #state()}, which {@link #restore} takes back.
 */
public final class RebuildPlanner {

    private final PlannerSettings settings;
    private final LiveImages live;
    private final Clock clock;

    private final ImpactIndex index = new ImpactIndex();
    private final Map<String, Manifest> indexed = new HashMap<>();
    private AvailableVersions available = new AvailableVersions();
    private final TreeMap<String, Pending> pending = new TreeMap<>();
    private final TreeMap<String, TreeMap<String, WaitingForFix>> waiting = new TreeMap<>();
    private final TreeMap<String, AdvisoryData> advisories = new TreeMap<>();
    private final TreeMap<String, Instant> parentBuilds = new TreeMap<>();
    private long revision;

    /**
     * Creates a planner that has seen nothing.
     *
     * @param live  the images of the catalog, asked again before every decision
     * @param clock the time facts arrive at, which starts their windows
     */
    public RebuildPlanner(PlannerSettings settings, LiveImages live, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.live = Objects.requireNonNull(live, "live");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Returns the settings the planner runs with. */
    public PlannerSettings settings() {
        return settings;
    }

    /**
     * Returns a number that grows whenever the state changes, so a caller saves only when there is something new: most
     * package facts concern no live image and change nothing.
     */
    public long revision() {
        return revision;
    }

    /**
     * Takes in a published package version: the images holding an older version get a reason to move to it, and
     * images waiting for it as an advisory's fix get that advisory as their reason.
     */
    public void packagePublished(PackageData fact) {
        Objects.requireNonNull(fact, "fact");
        sync();
        String distro = fact.distribution();
        if (!index.holds(distro, fact.name()) && !index.holds(distro, fact.sourceName())) {
            return;
        }
        available.published(fact);
        changed();
        Instant now = clock.instant();
        for (ImageImpact impact : index.packagesPublished(List.of(fact))) {
            for (Change change : impact.changes()) {
                addReason(impact.image(), change, now);
            }
        }
        recheckWaiting(distro, new HashSet<>(List.of(fact.name(), fact.sourceName())), now);
    }

    /**
     * Takes in a withdrawn package version. It is no longer counted as on offer; a request already gathered for it
     * stands, since the build installs whatever is newest when it runs.
     */
    public void packageWithdrawn(PackageData fact) {
        Objects.requireNonNull(fact, "fact");
        sync();
        if (index.holds(fact.distribution(), fact.name())) {
            available.withdrawn(fact);
            changed();
        }
    }

    /**
     * Takes in an advisory, new or updated: each affected image gets a reason per package whose fix is on offer, and
     * waits for the fixes that are not. An update replaces what an earlier revision of the advisory left waiting.
     */
    public void advisory(AdvisoryData advisory) {
        Objects.requireNonNull(advisory, "advisory");
        sync();
        Instant now = clock.instant();
        Map<String, Instant> waitingSince = forgetWaiting(advisory.advisoryId());
        for (ImageImpact impact : index.advisory(advisory, available)) {
            apply(advisory, impact, waitingSince.getOrDefault(impact.image().image(), now), now);
        }
    }

    /**
     * Returns the requests due at {@code now} and forgets them, parents before their children. A due child whose
     * parent has a request of its own, or a rebuild under way, is held instead; a hold that outlasted
     * {@link PlannerSettings#maxHold()} is released with a note.
     */
    public List<RebuildRequest> due(Instant now) {
        Objects.requireNonNull(now, "now");
        sync();
        expireParentBuilds(now);
        List<Pending> candidates = new ArrayList<>();
        for (Pending p : pending.values()) {
            if (!now.isBefore(p.dueAt(settings.window()))) {
                candidates.add(p);
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        Set<String> parents = parents();
        candidates.sort(Comparator.comparingInt((Pending p) -> depth(p.image)).thenComparing(p -> p.image));
        List<RebuildRequest> requests = new ArrayList<>();
        for (Pending p : candidates) {
            String parent = live.parent(p.image).orElse(null);
            if (parent != null && !p.released && (pending.containsKey(parent) || parentBuilds.containsKey(parent))) {
                p.hold = new PendingRebuild.Hold(parent, now);
                changed();
                continue;
            }
            requests.add(new RebuildRequest(p.image, List.copyOf(p.reasons.values()), p.fastLane, now, p.notes));
            pending.remove(p.image);
            if (parents.contains(p.image)) {
                parentBuilds.put(p.image, now);
            }
            changed();
        }
        return requests;
    }

    /** Takes in that {@code image}'s new {@code version} is stable: the children held for it are due at once. */
    public void parentStable(String image, String version) {
        release(image, "held until parent image " + image + " " + version + " was stable");
    }

    /**
     * Takes in that {@code image}'s rebuild to {@code version} failed: the children held for it are released rather
     * than held forever, and rebuilt on the parent's current version.
     */
    public void parentFailed(String image, String version, String reason) {
        release(image, "parent image " + image + " failed to reach " + version + " (" + reason
                + "); rebuilt on the parent's current version");
    }

    /** Returns the requests not made yet, by image. */
    public List<PendingRebuild> pending() {
        return pending.values().stream().map(Pending::snapshot).toList();
    }

    /** Returns what waits for which fix, by image and advisory. */
    public List<WaitingForFix> waiting() {
        List<WaitingForFix> all = new ArrayList<>();
        waiting.values().forEach(byAdvisory -> all.addAll(byAdvisory.values()));
        return all;
    }

    /** Returns everything the planner must not lose in a restart. */
    public PlannerState state() {
        List<PlannerState.ParentBuild> builds = new ArrayList<>();
        parentBuilds.forEach((image, since) -> builds.add(new PlannerState.ParentBuild(image, since)));
        return new PlannerState(PlannerState.FORMAT, pending(), waiting(), List.copyOf(advisories.values()), builds,
                available.offered());
    }

    /** Replaces everything the planner holds with {@code state}, as {@link #state()} returned it. */
    public void restore(PlannerState state) {
        Objects.requireNonNull(state, "state");
        pending.clear();
        waiting.clear();
        advisories.clear();
        parentBuilds.clear();
        available = new AvailableVersions();
        available.restore(state.available());
        for (PendingRebuild p : state.pending()) {
            pending.put(p.image(), Pending.of(p));
        }
        for (WaitingForFix w : state.waiting()) {
            waiting.computeIfAbsent(w.image(), i -> new TreeMap<>()).put(w.advisoryId(), w);
        }
        state.advisories().forEach(a -> advisories.put(a.advisoryId(), a));
        state.parentBuilds().forEach(b -> parentBuilds.put(b.image(), b.since()));
        changed();
    }

    // ---- facts into reasons

    private void addReason(ImpactIndex.ImageRef image, Change change, Instant now) {
        Severity severity = change.severity() == null ? Severity.NONE : change.severity();
        RebuildRequest.Reason reason = new RebuildRequest.Reason(change.packageName(), change.installed(),
                change.available(), change.advisories(), change.cves(), severity);
        Pending p = pending.computeIfAbsent(image.image(), i -> new Pending(i, image.distro(), now));
        p.reasons.merge(reason.packageName(), reason, (old, added) -> merge(p.distro, old, added));
        if (Severities.rank(severity) >= Severities.rank(settings.fastLaneSeverity())) {
            p.fastLane = true;
        }
        changed();
    }

    /** Keeps the higher available version, the union of advisories and CVEs, and the higher severity. */
    private static RebuildRequest.Reason merge(String distro, RebuildRequest.Reason old, RebuildRequest.Reason added) {
        VersionScheme scheme = ImpactIndex.schemeOf(distro);
        String newest = scheme.compare(old.availableVersion(), added.availableVersion()) >= 0
                ? old.availableVersion() : added.availableVersion();
        return new RebuildRequest.Reason(old.packageName(), added.installedVersion(), newest,
                union(old.advisoryIds(), added.advisoryIds()), union(old.cves(), added.cves()),
                Severities.higher(old.severity(), added.severity()));
    }

    private static List<String> union(List<String> a, List<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /**
     * Applies what {@code advisory} means for one image: a reason per package whose fix is on offer, and a wait for
     * the others, or no wait at all once every fix is there.
     */
    private void apply(AdvisoryData advisory, ImageImpact impact, Instant waitingSince, Instant now) {
        String image = impact.image().image();
        List<WaitingForFix.Package> missing = new ArrayList<>();
        for (Change change : impact.changes()) {
            if (change.available() != null) {
                addReason(impact.image(), change, now);
            } else {
                missing.add(new WaitingForFix.Package(change.packageName(), change.installed(),
                        fixedVersion(advisory, impact.image(), change.packageName())));
            }
        }
        if (missing.isEmpty()) {
            removeWaiting(image, advisory.advisoryId());
            return;
        }
        List<String> cves = advisory.aliases().stream().filter(a -> a.startsWith("CVE-")).toList();
        waiting.computeIfAbsent(image, i -> new TreeMap<>()).put(advisory.advisoryId(),
                new WaitingForFix(image, advisory.advisoryId(), advisory.severity(), cves, missing, waitingSince));
        advisories.put(advisory.advisoryId(), advisory);
        changed();
    }

    /** Returns the fixed version the advisory names for an installed package, by binary or source name. */
    private String fixedVersion(AdvisoryData advisory, ImpactIndex.ImageRef image, String packageName) {
        Manifest manifest = indexed.get(image.image());
        String source = manifest == null ? packageName : manifest.packages().stream()
                .filter(p -> p.name().equals(packageName)).map(InstalledPackage::source).findFirst()
                .orElse(packageName);
        for (AdvisoryData.AffectedPackage affected : advisory.affected()) {
            if (affected.release().equals(image.distro()) && (affected.packageName().equals(packageName)
                    || affected.packageName().equals(source))) {
                return affected.fixed();
            }
        }
        return null;
    }

    /** Looks again at the advisories waited on for a fix of one of {@code names} in {@code distro}. */
    private void recheckWaiting(String distro, Set<String> names, Instant now) {
        List<AdvisoryData> concerned = advisories.values().stream()
                .filter(a -> a.affected().stream().anyMatch(p -> p.release().equals(distro)
                        && names.contains(p.packageName())))
                .toList();
        for (AdvisoryData advisory : concerned) {
            recheck(advisory, imagesWaitingOn(advisory.advisoryId()), now);
        }
    }

    /** Looks again at what {@code advisory} means for the images that wait on it. */
    private void recheck(AdvisoryData advisory, Set<String> images, Instant now) {
        Map<String, ImageImpact> found = new HashMap<>();
        for (ImageImpact impact : index.advisory(advisory, available)) {
            if (images.contains(impact.image().image())) {
                found.put(impact.image().image(), impact);
            }
        }
        for (String image : images) {
            WaitingForFix before = waiting.get(image).get(advisory.advisoryId());
            ImageImpact impact = found.get(image);
            if (impact == null) {
                removeWaiting(image, advisory.advisoryId());
            } else {
                apply(advisory, impact, before.since(), now);
            }
        }
    }

    private Set<String> imagesWaitingOn(String advisoryId) {
        Set<String> images = new LinkedHashSet<>();
        waiting.forEach((image, byAdvisory) -> {
            if (byAdvisory.containsKey(advisoryId)) {
                images.add(image);
            }
        });
        return images;
    }

    /** Drops every wait on {@code advisoryId}, returning since when each image waited. */
    private Map<String, Instant> forgetWaiting(String advisoryId) {
        Map<String, Instant> since = new HashMap<>();
        for (String image : imagesWaitingOn(advisoryId)) {
            since.put(image, waiting.get(image).get(advisoryId).since());
            removeWaiting(image, advisoryId);
        }
        return since;
    }

    private void removeWaiting(String image, String advisoryId) {
        TreeMap<String, WaitingForFix> byAdvisory = waiting.get(image);
        if (byAdvisory == null || byAdvisory.remove(advisoryId) == null) {
            return;
        }
        if (byAdvisory.isEmpty()) {
            waiting.remove(image);
        }
        if (imagesWaitingOn(advisoryId).isEmpty()) {
            advisories.remove(advisoryId);
        }
        changed();
    }

    // ---- parents and children

    private void release(String parent, String note) {
        Objects.requireNonNull(parent, "parent");
        if (parentBuilds.remove(parent) != null) {
            changed();
        }
        for (Pending p : pending.values()) {
            if (p.hold != null && p.hold.parent().equals(parent)) {
                p.hold = null;
                p.released = true;
                p.notes.add(note);
                changed();
            }
        }
    }

    /** Releases the children of parents whose new version has not become stable within the longest hold. */
    private void expireParentBuilds(Instant now) {
        Set<String> overdue = new HashSet<>();
        parentBuilds.forEach((parent, since) -> {
            if (!now.isBefore(since.plus(settings.maxHold()))) {
                overdue.add(parent);
            }
        });
        for (Pending p : pending.values()) {
            if (p.hold != null && !now.isBefore(p.hold.since().plus(settings.maxHold()))) {
                overdue.add(p.hold.parent());
            }
        }
        for (String parent : overdue) {
            release(parent, "parent image " + parent + " had no new stable version within " + settings.maxHold()
                    + "; rebuilt on the parent's current version");
        }
    }

    /** Returns the images that some live image names as its parent. */
    private Set<String> parents() {
        Set<String> parents = new HashSet<>();
        for (String image : live.images()) {
            live.parent(image).ifPresent(parents::add);
        }
        return parents;
    }

    /** Returns how many parents lie above {@code image}, stopping at a cycle, so parents are requested first. */
    private int depth(String image) {
        Set<String> seen = new HashSet<>();
        int depth = 0;
        Optional<String> parent = live.parent(image);
        while (parent.isPresent() && seen.add(parent.get())) {
            depth++;
            parent = live.parent(parent.get());
        }
        return depth;
    }

    // ---- keeping up with the catalog

    /**
     * Brings the index up to date with the catalog's current versions. A new current version changes what its
     * pending reasons and waits mean: a package it already has at the available version needs no rebuild any more.
     */
    private void sync() {
        Set<String> images = live.images();
        for (Iterator<Map.Entry<String, Manifest>> it = indexed.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Manifest> entry = it.next();
            if (!images.contains(entry.getKey())) {
                index.remove(entry.getKey(), entry.getValue().version());
                it.remove();
                forgetImage(entry.getKey());
            }
        }
        for (String image : images) {
            Manifest current = live.current(image).orElse(null);
            Manifest before = indexed.get(image);
            if (current == null && before == null
                    || current != null && before != null && current.version().equals(before.version())) {
                continue;
            }
            if (before != null) {
                index.remove(image, before.version());
                indexed.remove(image);
            }
            if (current == null) {
                forgetImage(image);
                continue;
            }
            index.add(current);
            indexed.put(image, current);
            if (before != null) {
                moveOn(image, current);
            }
        }
    }

    /** Forgets what was gathered for an image that left the catalog or lost its versions. */
    private void forgetImage(String image) {
        if (pending.remove(image) != null) {
            changed();
        }
        for (String advisoryId : new ArrayList<>(waiting.getOrDefault(image, new TreeMap<>()).keySet())) {
            removeWaiting(image, advisoryId);
        }
    }

    /** Re-reads an image's pending reasons and waits against its new current version. */
    private void moveOn(String image, Manifest current) {
        Pending p = pending.get(image);
        if (p != null) {
            Map<String, String> installed = current.versionsByName();
            VersionScheme scheme = ImpactIndex.schemeOf(current.distro());
            p.reasons.replaceAll((name, reason) -> new RebuildRequest.Reason(name,
                    installed.getOrDefault(name, reason.installedVersion()), reason.availableVersion(),
                    reason.advisoryIds(), reason.cves(), reason.severity()));
            p.reasons.values().removeIf(reason -> !installed.containsKey(reason.packageName())
                    || scheme.compare(installed.get(reason.packageName()), reason.availableVersion()) >= 0);
            if (p.reasons.isEmpty()) {
                pending.remove(image);
            }
            changed();
        }
        Instant now = clock.instant();
        for (String advisoryId : new ArrayList<>(waiting.getOrDefault(image, new TreeMap<>()).keySet())) {
            recheck(advisories.get(advisoryId), Set.of(image), now);
        }
    }

    private void changed() {
        revision++;
    }

    /** What is gathered for one image until its request is made. */
    private static final class Pending {
        private final String image;
        private final String distro;
        private final Instant since;
        private boolean fastLane;
        private final LinkedHashMap<String, RebuildRequest.Reason> reasons = new LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();
        private PendingRebuild.Hold hold;
        private boolean released;

        Pending(String image, String distro, Instant since) {
            this.image = image;
            this.distro = distro;
            this.since = since;
        }

        static Pending of(PendingRebuild saved) {
            Pending p = new Pending(saved.image(), saved.distro(), saved.since());
            p.fastLane = saved.fastLane();
            saved.reasons().forEach(r -> p.reasons.put(r.packageName(), r));
            p.notes.addAll(saved.notes());
            p.hold = saved.hold();
            p.released = saved.released();
            return p;
        }

        Instant dueAt(Duration window) {
            return snapshot().dueAt(window);
        }

        PendingRebuild snapshot() {
            return new PendingRebuild(image, distro, since, fastLane, List.copyOf(reasons.values()), notes, hold,
                    released);
        }
    }
}
