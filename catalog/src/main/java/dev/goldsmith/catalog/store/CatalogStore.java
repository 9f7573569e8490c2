package dev.goldsmith.catalog.store;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import dev.goldsmith.catalog.blueprint.Blueprint;
import dev.goldsmith.catalog.blueprint.BlueprintException;
import dev.goldsmith.catalog.blueprint.BlueprintReader;
import dev.goldsmith.catalog.blueprint.BlueprintWriter;
import dev.goldsmith.catalog.blueprint.PackageSpec;
import dev.goldsmith.catalog.event.ImageTransition;
import dev.goldsmith.catalog.event.ImageTransition.ChannelChange;
import dev.goldsmith.catalog.event.LifecycleState;
import dev.goldsmith.catalog.event.QaResult;
import dev.goldsmith.catalog.image.FailedBuild;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.image.PackageLock;
import dev.goldsmith.catalog.lifecycle.IllegalTransitionException;
import dev.goldsmith.catalog.state.ImageEntry;
import dev.goldsmith.catalog.state.VersionEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Writes the catalog into Git in the architecture's layout (see {@link CatalogLayout}), one commit per change: a
 * blueprint imported, a version built, a build that failed, a QA run, a lifecycle transition, a channel moved. Each
 * commit's subject says what happened to which image version and why; its trailers say it for machines
 * ({@code Image}, {@code Version}, {@code Triggered-By}, {@code Fixes}, {@code QA}, {@code Transition},
 * {@code Channel}, {@code Actor}), so that the history alone answers audit questions. A version that becomes stable
 * gets the annotated tag {@code <image>/<version>}.
 *
 * <p>The current state is read from HEAD for every change, never from memory: a change computed from an entry that
 * is no longer the one at HEAD is refused with {@link CatalogStoreException}, so two writers cannot silently undo each
 * other. Changes are serialised: one store writes one commit at a time.
 */
public final class CatalogStore {

    private static final int SUBJECT_PACKAGES = 2;
    /** How much of a failed build's error its subject and entry quote. */
    private static final int FAILURE_ERROR = 160;
    /** How many lines of a failed step's output, each cut to {@link #FAILURE_LINE}, a failure commit quotes. */
    private static final int FAILURE_LINES = 20;
    private static final int FAILURE_LINE = 200;

    private final GitStore git;

    public CatalogStore(GitStore git) {
        this.git = Objects.requireNonNull(git, "git");
    }

    /**
     * Commits a blueprint seen for the first time as {@code blueprints/<image>.toml}, subject {@code <image>: add
     * blueprint}. The blueprint is written and read back before the commit, so it passed every blueprint rule.
     *
     * @throws CatalogStoreException when the image has a blueprint already, or the blueprint breaks a rule
     */
    public synchronized RevCommit importBlueprint(Blueprint blueprint, Instant at)
            throws IOException, CatalogStoreException {
        String image = CatalogLayout.checkImageName(blueprint.name());
        if (read(CatalogLayout.blueprint(image)).isPresent()) {
            throw new CatalogStoreException(CatalogLayout.blueprint(image) + " exists already; a blueprint is"
                    + " imported once and then changes with each build");
        }
        String toml = checkedToml(blueprint, CatalogLayout.blueprint(image));
        return git.commit(image + ": add blueprint", "Blueprint " + blueprint.version() + " for " + blueprint.distro()
                + ", " + blueprint.packages().size() + " packages.", Map.of(CatalogLayout.blueprint(image), toml),
                List.of(new Trailer("Image", image), new Trailer("Blueprint", blueprint.version())), at);
    }

    /**
     * Commits the result of a build in one change: the blueprint with its version bumped (patch + 1, as osbuild
     * does) and its exact pins moved to the versions built, the lock, the manifest, and the catalog entry with the
     * new version {@code built}. Dated when the build finished.
     *
     * @param manifest  what the build installed and produced, with the triggers that explain it
     * @param startedAt when the build started (the version's {@code building} state)
     * @throws CatalogStoreException when the image has no blueprint, the version is not newer than every version
     *                               recorded, the distro differs from the blueprint's, or a pinned package was not
     *                               installed by the build
     */
    public synchronized RevCommit recordBuild(Manifest manifest, Instant startedAt)
            throws IOException, CatalogStoreException {
        String image = CatalogLayout.checkImageName(manifest.image());
        ImageVersionId version = manifest.version();
        Blueprint current = blueprint(image).orElseThrow(() -> new CatalogStoreException(image
                + " has no blueprint in " + CatalogLayout.blueprint(image) + "; import it before recording builds"));
        if (!current.distro().equals(manifest.distro())) {
            throw new CatalogStoreException(image + " " + version + " was built for " + manifest.distro()
                    + ", but its blueprint is for " + current.distro());
        }
        ImageEntry entry = entry(image).orElse(ImageEntry.empty(image));
        Optional<VersionEntry> newest = entry.newest();
        if (newest.isPresent() && newest.get().version().compareTo(version) >= 0) {
            throw new CatalogStoreException(image + " " + version + " is not newer than " + newest.get().version()
                    + ", the newest version recorded");
        }
        Blueprint next = bumpedAndPinned(current, manifest);
        ImageEntry.Moved built;
        try {
            built = entry.withVersion(VersionEntry.started(version, LifecycleState.BUILDING, startedAt,
                            "build started")).transition(version, LifecycleState.BUILT, manifest.builtAt(),
                            "built on " + manifest.builderHost());
        } catch (IllegalTransitionException e) {
            throw new IllegalStateException("the lifecycle no longer lets a build finish: " + e.getMessage(), e);
        }

        Map<String, String> files = new LinkedHashMap<>();
        files.put(CatalogLayout.blueprint(image), checkedToml(next, CatalogLayout.blueprint(image)));
        files.put(CatalogLayout.lock(image, version), PackageLock.of(manifest).toToml());
        files.put(CatalogLayout.manifest(image, version), manifest.toJson());
        files.put(CatalogLayout.catalogEntry(image), built.entry().toJson());

        List<Trailer> trailers = new ArrayList<>(List.of(new Trailer("Image", image),
                new Trailer("Version", version.toString())));
        triggeredBy(manifest.triggers(), fallbackTrigger(newest.isEmpty(), manifest.blueprintVersion()))
                .forEach(t -> trailers.add(new Trailer("Triggered-By", t)));
        fixes(manifest.triggers()).forEach(f -> trailers.add(new Trailer("Fixes", f)));
        trailers.add(new Trailer("Transition", "building -> built"));
        trailers.add(new Trailer("Blueprint", current.version() + " -> " + next.version()));
        return git.commit(image + " " + version + ": " + buildSummary(manifest, newest.isEmpty()),
                buildBody(manifest, current, next, startedAt), files, trailers, manifest.builtAt());
    }

    /**
     * Commits a build that failed as a version of its own, so that {@code git log} shows the attempt, what it was for
     * and why it failed: {@code catalog/<image>.json} gains a version whose history is {@code building -> failed}
     * with the reason. Its id is the one the build had taken, if it took one the entry does not hold yet, so that the
     * build's log lines and Git name the same version; otherwise the next, on the day the build gave up, after the
     * newest version the entry holds. One commit, dated when the build gave up, with the triggers'
     * {@code Triggered-By} and {@code Fixes} trailers as a build has them, and a body that says where the consoles
     * were kept. No manifest, lock, QA report or tag, and no channel moves: nothing was built.
     *
     * @return the version recorded and its commit
     */
    public synchronized FailedVersion recordFailedBuild(FailedBuild failed) throws IOException {
        String image = CatalogLayout.checkImageName(failed.image());
        ImageEntry entry = entry(image).orElse(ImageEntry.empty(image));
        Optional<VersionEntry> newest = entry.newest();
        ImageVersionId latest = newest.map(VersionEntry::version).orElse(null);
        ImageVersionId version = failed.allocated() != null
                && (latest == null || failed.allocated().compareTo(latest) > 0) ? failed.allocated()
                : ImageVersionId.next(latest, failed.failedAt().atZone(ZoneOffset.UTC).toLocalDate());
        String what = failureSummary(failed);
        ImageEntry.Moved moved;
        try {
            moved = entry.withVersion(VersionEntry.started(version, LifecycleState.BUILDING, failed.startedAt(),
                    "build " + oneLine(failed.buildId()) + " started"))
                    .transition(version, LifecycleState.FAILED, failed.failedAt(), what);
        } catch (IllegalTransitionException e) {
            throw new IllegalStateException("the lifecycle no longer lets a build fail: " + e.getMessage(), e);
        }

        List<Trailer> trailers = new ArrayList<>(List.of(new Trailer("Image", image),
                new Trailer("Version", version.toString())));
        triggeredBy(failed.triggers(), fallbackTrigger(newest.isEmpty(), failed.blueprintVersion()))
                .forEach(t -> trailers.add(new Trailer("Triggered-By", t)));
        fixes(failed.triggers()).forEach(f -> trailers.add(new Trailer("Fixes", f)));
        trailers.add(new Trailer("Transition", "building -> failed"));
        RevCommit commit = git.commit(image + " " + version + ": " + what, failureBody(failed),
                Map.of(CatalogLayout.catalogEntry(image), moved.entry().toJson()), trailers, failed.failedAt());
        return new FailedVersion(version, commit);
    }

    /** A failed build as the catalog recorded it: the version it was given, and the commit. */
    public record FailedVersion(ImageVersionId version, RevCommit commit) {
    }

    /**
     * Commits a QA run's JUnit XML as {@code images/<image>/<version>/qa.xml}, with its outcome in a {@code QA}
     * trailer. When {@code decision} is given the version moves to it in the same commit ({@code testing -> stable}
     * or {@code testing -> failed}), and a version that becomes stable is tagged; when it is null only the outcome is
     * recorded and a policy decides later: a pass of a version under test is noted in its catalog entry (when it
     * passed), its state stays.
     *
     * @param junitXml   the report; must be well-formed XML whose root is {@code testsuites} or {@code testsuite}
     * @param finishedAt when the QA run finished
     * @param decision   the state the version moves to, or null
     */
    public synchronized RevCommit recordQa(QaResult qa, String junitXml, Instant finishedAt, LifecycleState decision)
            throws IOException, CatalogStoreException, IllegalTransitionException {
        String image = CatalogLayout.checkImageName(qa.image());
        ImageVersionId version = ImageVersionId.parse(qa.version());
        String path = CatalogLayout.qa(image, version);
        checkJunitXml(junitXml, path);
        ImageEntry entry = entry(image).orElseThrow(() -> new CatalogStoreException(image + " has no catalog entry"
                + " in " + CatalogLayout.catalogEntry(image)));
        VersionEntry before = entry.version(version).orElseThrow(() -> new CatalogStoreException(image
                + " has no version " + version + " to record QA for"));

        String outcome = qa.allPassed() ? "passed" : "failed";
        String counts = qa.tests() + " tests, " + qa.failures() + " failures, " + qa.errors() + " errors, "
                + qa.skipped() + " skipped";
        Map<String, String> files = new LinkedHashMap<>();
        files.put(path, junitXml.endsWith("\n") ? junitXml : junitXml + "\n");
        List<Trailer> trailers = new ArrayList<>(List.of(new Trailer("Image", image),
                new Trailer("Version", version.toString()),
                new Trailer("QA", outcome + " (suite " + qa.suite() + ": " + counts + ")")));
        String subject = image + " " + version + ": QA " + outcome + " (" + counts + ")";
        ImageEntry.Moved moved = null;
        if (decision != null) {
            moved = entry.transition(version, decision, finishedAt, "QA " + outcome);
            files.put(CatalogLayout.catalogEntry(image), moved.entry().toJson());
            trailers.add(new Trailer("Transition", lower(before.state()) + " -> " + lower(decision)));
            channelTrailers(moved.transition().channelChanges(), trailers);
            subject += ", " + verb(decision);
        } else if (qa.allPassed() && before.state() == LifecycleState.TESTING && !before.passedQa()) {
            // The pass is part of the outcome: a soak counts from it, and only a version that passed QA may be
            // promoted later, by a policy or a person.
            files.put(CatalogLayout.catalogEntry(image), entry.withQaPassed(version, finishedAt).toJson());
        }
        String body = qa.summary() == null ? "" : qa.summary();
        RevCommit commit = git.commit(subject, body, files, trailers, finishedAt);
        if (decision == LifecycleState.STABLE) {
            tagPublished(commit, image, version);
        }
        return commit;
    }

    /**
     * Commits a lifecycle transition decided elsewhere (a policy, an operator): {@code catalog/<image>.json} after
     * it, subject {@code <image> <version>: <what> (<reason>)}, trailers {@code Transition: from -> to}, a
     * {@code Channel: name old -> new} per channel that moved, and {@code Actor}. The channels that moved are those
     * the transition carries: off a version channels may no longer point at, and onto a version a promotion
     * published. A version that becomes stable is tagged. Dated when the transition happened.
     *
     * @param actor who decided, such as {@code policy revoke-affected} or {@code operator alice}
     * @throws CatalogStoreException when the entry at HEAD is not the one the transition was computed from
     */
    public synchronized RevCommit recordTransition(ImageEntry.Moved moved, String actor)
            throws IOException, CatalogStoreException {
        ImageTransition t = moved.transition();
        String image = CatalogLayout.checkImageName(t.image());
        ImageVersionId version = ImageVersionId.parse(t.version());
        VersionEntry after = moved.entry().version(version).orElseThrow(() -> new IllegalArgumentException(
                "the moved entry of " + image + " has no version " + version));
        ImageEntry head = entry(image).orElseThrow(() -> new CatalogStoreException(image
                + " has no catalog entry in " + CatalogLayout.catalogEntry(image)));
        try {
            ImageEntry.Moved replayed = head.transition(version, t.to(), after.since(), t.reason());
            if (!withChannelMoves(head, replayed.entry(), t.channelChanges()).equals(Optional.of(moved.entry()))) {
                throw stale(image);
            }
        } catch (IllegalTransitionException e) {
            throw new CatalogStoreException(stale(image).getMessage() + ": " + e.getMessage(), e);
        }

        List<Trailer> trailers = new ArrayList<>(List.of(new Trailer("Image", image),
                new Trailer("Version", version.toString()),
                new Trailer("Transition", lower(t.from()) + " -> " + lower(t.to()))));
        channelTrailers(t.channelChanges(), trailers);
        trailers.add(new Trailer("Actor", oneLine(actor)));
        RevCommit commit = git.commit(image + " " + version + ": " + verb(t.to()) + " (" + oneLine(t.reason()) + ")",
                "", Map.of(CatalogLayout.catalogEntry(image), moved.entry().toJson()), trailers, after.since());
        if (t.to() == LifecycleState.STABLE) {
            tagPublished(commit, image, version);
        }
        return commit;
    }

    /**
     * Returns {@code replayed} with the channels of {@code head} moved by {@code changes}, in order, or empty when a
     * change does not start where the channel points at HEAD or leaves a channel where it may not point. The changes
     * are the transition's: those the transition itself made (off a version channels may no longer point at) and
     * those a promotion made when it published the version.
     */
    private static Optional<ImageEntry> withChannelMoves(ImageEntry head, ImageEntry replayed,
            List<ChannelChange> changes) {
        Map<String, ImageVersionId> channels = new LinkedHashMap<>(head.channels());
        for (ChannelChange change : changes) {
            ImageVersionId pointed = channels.get(change.channel());
            if (!Objects.equals(pointed == null ? null : pointed.toString(), change.previousVersion())) {
                return Optional.empty();
            }
            if (change.newVersion() == null) {
                channels.remove(change.channel());
            } else {
                channels.put(change.channel(), ImageVersionId.parse(change.newVersion()));
            }
        }
        try {
            return Optional.of(new ImageEntry(replayed.image(), replayed.versions(), channels));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Commits a channel pointed at a version: {@code catalog/<image>.json} after it, subject {@code <image>: channel
     * <name> -> <version>}, trailers {@code Image}, {@code Version}, {@code Channel} and {@code Actor}.
     *
     * @throws CatalogStoreException when the entry at HEAD is not the one the change was computed from
     */
    public synchronized RevCommit recordChannel(ImageEntry.Pointed pointed, String actor, Instant at)
            throws IOException, CatalogStoreException {
        ChannelChange change = pointed.change();
        String image = CatalogLayout.checkImageName(pointed.entry().image());
        ImageVersionId version = ImageVersionId.parse(change.newVersion());
        ImageEntry head = entry(image).orElseThrow(() -> new CatalogStoreException(image
                + " has no catalog entry in " + CatalogLayout.catalogEntry(image)));
        Optional<ImageEntry.Pointed> replayed = head.point(change.channel(), version);
        if (replayed.isEmpty() || !replayed.get().entry().equals(pointed.entry())) {
            throw stale(image);
        }
        List<Trailer> trailers = new ArrayList<>(List.of(new Trailer("Image", image),
                new Trailer("Version", version.toString())));
        channelTrailers(List.of(change), trailers);
        trailers.add(new Trailer("Actor", oneLine(actor)));
        return git.commit(image + ": channel " + change.channel() + " -> " + version
                        + (change.previousVersion() == null ? "" : " (was " + change.previousVersion() + ")"), "",
                Map.of(CatalogLayout.catalogEntry(image), pointed.entry().toJson()), trailers, at);
    }

    /** Returns the catalog entry of {@code image} at HEAD, if it has one. */
    public synchronized Optional<ImageEntry> entry(String image) throws IOException {
        String path = CatalogLayout.catalogEntry(image);
        Optional<String> json = read(path);
        return json.isEmpty() ? Optional.empty() : Optional.of(ImageEntry.fromJson(json.get(), path));
    }

    /** Returns the blueprint of {@code image} at HEAD, if it has one. */
    public synchronized Optional<Blueprint> blueprint(String image) throws IOException, CatalogStoreException {
        String path = CatalogLayout.blueprint(image);
        Optional<String> toml = read(path);
        if (toml.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(BlueprintReader.parse(toml.get(), path));
        } catch (BlueprintException e) {
            throw new CatalogStoreException(path + " at HEAD is not a valid blueprint: " + e.getMessage(), e);
        }
    }

    /** Returns the manifest of {@code image} {@code version} at HEAD, if it has one. */
    public synchronized Optional<Manifest> manifest(String image, ImageVersionId version) throws IOException {
        String path = CatalogLayout.manifest(image, version);
        Optional<String> json = read(path);
        return json.isEmpty() ? Optional.empty() : Optional.of(Manifest.fromJson(json.get(), path));
    }

    /** Returns the file at {@code path} in HEAD's tree, as text. */
    private Optional<String> read(String path) throws IOException {
        Repository repository = git.repository();
        ObjectId head = repository.resolve("HEAD^{tree}");
        if (head == null) {
            return Optional.empty();
        }
        try (ObjectReader reader = repository.newObjectReader();
                TreeWalk walk = TreeWalk.forPath(reader, path, head)) {
            if (walk == null || walk.getFileMode(0).getObjectType() != FileMode.REGULAR_FILE.getObjectType()) {
                return Optional.empty();
            }
            return Optional.of(new String(reader.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Returns the next blueprint: patch version + 1, each exact pin moved to the version the build installed. */
    private static Blueprint bumpedAndPinned(Blueprint current, Manifest manifest) throws CatalogStoreException {
        Map<String, String> built = manifest.versionsByName();
        List<PackageSpec> packages = new ArrayList<>();
        for (PackageSpec spec : current.packages()) {
            if (spec.version().contains("*")) {
                packages.add(spec);
                continue;
            }
            String version = built.get(spec.name());
            if (version == null) {
                throw new CatalogStoreException(current.name() + " " + manifest.version() + ": the blueprint pins "
                        + spec.name() + " " + spec.version() + ", but the build did not install it");
            }
            packages.add(spec.pinnedTo(version));
        }
        Blueprint pinned = new Blueprint(current.name(), current.description(), current.version(), current.distro(),
                packages, current.groups(), current.customizations(), current.goldsmith());
        try {
            return pinned.withVersionBumped();
        } catch (IllegalStateException e) {
            throw new CatalogStoreException(e.getMessage(), e);
        }
    }

    /** Returns the blueprint as TOML after reading it back, so nothing that breaks a rule reaches Git. */
    private static String checkedToml(Blueprint blueprint, String path) throws CatalogStoreException {
        String toml = BlueprintWriter.write(blueprint);
        try {
            BlueprintReader.parse(toml, path);
        } catch (BlueprintException e) {
            throw new CatalogStoreException("refusing to commit " + path + ": " + e.getMessage(), e);
        }
        return toml;
    }

    /**
     * Returns the {@code Triggered-By} values: each advisory, else {@code package NAME VERSION}, else the note; the
     * {@code fallback} when the triggers say nothing.
     */
    static List<String> triggeredBy(List<Manifest.Trigger> triggers, String fallback) {
        Set<String> values = new LinkedHashSet<>();
        for (Manifest.Trigger trigger : triggers) {
            if (!trigger.advisories().isEmpty()) {
                trigger.advisories().forEach(a -> values.add(oneLine(a)));
            } else if (trigger.packageName() != null && trigger.available() != null) {
                values.add("package " + oneLine(trigger.packageName()) + " " + oneLine(trigger.available()));
            } else if (trigger.note() != null && !trigger.note().isBlank()) {
                values.add(oneLine(trigger.note()));
            }
        }
        if (values.isEmpty()) {
            values.add(fallback);
        }
        return List.copyOf(values);
    }

    /** Returns what triggered a build whose triggers say nothing: its being the first, or its blueprint. */
    private static String fallbackTrigger(boolean firstBuild, String blueprintVersion) {
        return firstBuild ? "first build" : "blueprint " + oneLine(blueprintVersion);
    }

    /** Returns the {@code Fixes} values: per trigger, its advisory ids then its CVEs, each set once. */
    static List<String> fixes(List<Manifest.Trigger> triggers) {
        Set<String> values = new LinkedHashSet<>();
        for (Manifest.Trigger trigger : triggers) {
            List<String> ids = new ArrayList<>(trigger.advisories());
            trigger.cves().stream().filter(c -> !ids.contains(c)).forEach(ids::add);
            if (!ids.isEmpty()) {
                values.add(oneLine(String.join(" ", ids)));
            }
        }
        return List.copyOf(values);
    }

    private static String buildSummary(Manifest manifest, boolean firstBuild) {
        Set<String> advisories = new LinkedHashSet<>();
        List<String> moves = new ArrayList<>();
        for (Manifest.Trigger trigger : manifest.triggers()) {
            advisories.addAll(trigger.advisories());
            if (trigger.packageName() != null && trigger.installed() != null && trigger.available() != null) {
                moves.add(trigger.packageName() + " " + trigger.installed() + " → " + trigger.available());
            }
        }
        String packages = "";
        if (!moves.isEmpty()) {
            packages = " (" + String.join(", ", moves.subList(0, Math.min(SUBJECT_PACKAGES, moves.size())))
                    + (moves.size() > SUBJECT_PACKAGES ? " and " + (moves.size() - SUBJECT_PACKAGES) + " more" : "")
                    + ")";
        }
        String summary;
        if (!advisories.isEmpty()) {
            summary = "rebuilt for " + String.join(", ", advisories) + packages;
        } else if (!moves.isEmpty()) {
            summary = "rebuilt for updated packages" + packages;
        } else {
            summary = firstBuild ? "first build" : "rebuilt from blueprint " + manifest.blueprintVersion();
        }
        return oneLine(summary);
    }

    private static String buildBody(Manifest manifest, Blueprint before, Blueprint after, Instant startedAt) {
        StringBuilder body = triggerLines(manifest.triggers());
        Duration took = Duration.between(startedAt, manifest.builtAt());
        body.append('\n').append("Built on ").append(manifest.builderHost()).append(" in ")
                .append(took.toString().substring(2).toLowerCase(Locale.ROOT)).append(", ")
                .append(manifest.packages().size()).append(" packages, artifact sha256 ")
                .append(manifest.artifact().sha256()).append(".\n")
                .append("Blueprint ").append(before.version()).append(" → ").append(after.version()).append(".\n");
        return body.toString();
    }

    /** Returns one line per trigger: the package that moved and the advisories it fixes, or {@code requested}. */
    private static StringBuilder triggerLines(List<Manifest.Trigger> triggers) {
        StringBuilder body = new StringBuilder();
        for (Manifest.Trigger trigger : triggers) {
            if (trigger.packageName() != null) {
                body.append(trigger.packageName()).append(' ')
                        .append(trigger.installed() == null ? "(new)" : trigger.installed()).append(" → ")
                        .append(trigger.available());
            } else {
                body.append("requested");
            }
            List<String> ids = new ArrayList<>(trigger.advisories());
            ids.addAll(trigger.cves());
            if (!ids.isEmpty()) {
                body.append(": ").append(String.join(" ", ids));
            }
            if (trigger.note() != null && !trigger.note().isBlank()) {
                body.append(" (").append(oneLine(trigger.note())).append(')');
            }
            body.append('\n');
        }
        return body;
    }

    /**
     * Returns what a failed build's subject and catalog entry say, such as {@code build failed at provisioning step
     * packages (exit status 100: E: Unable to locate package hello)}.
     */
    static String failureSummary(FailedBuild failed) {
        String error = clip(oneLine(failed.error()), FAILURE_ERROR);
        String why = failed.exitStatus() == null ? error
                : "exit status " + failed.exitStatus() + (error.isEmpty() ? "" : ": " + error);
        return "build failed at " + oneLine(failed.where()) + (why.isEmpty() ? "" : " (" + why + ")");
    }

    /**
     * Returns a failed build's commit body: its triggers, which build failed where and how long it ran, its
     * blueprint, where its consoles were kept, then the tail of what the failed step printed, indented so that no
     * line of it reads as a trailer or a divider.
     */
    private static String failureBody(FailedBuild failed) {
        StringBuilder body = triggerLines(failed.triggers());
        Duration took = Duration.between(failed.startedAt(), failed.failedAt());
        body.append('\n').append("Build ").append(oneLine(failed.buildId())).append(" failed at ")
                .append(oneLine(failed.where()));
        if (failed.guestStep() != null) {
            body.append(" (build step ").append(oneLine(failed.step())).append(')');
        }
        body.append(" after ").append(took.toString().substring(2).toLowerCase(Locale.ROOT));
        if (failed.exitStatus() != null) {
            body.append(", exit status ").append(failed.exitStatus());
        }
        body.append(".\nBlueprint ").append(oneLine(failed.blueprintVersion())).append(".\n");
        body.append(failed.consoles() == null ? "No console was kept.\n"
                : "Consoles kept in " + oneLine(failed.consoles()) + "\n");
        List<String> lines = failed.output().lines().map(CatalogStore::printable)
                .filter(l -> !l.isBlank()).toList();
        if (!lines.isEmpty()) {
            body.append('\n');
            lines.subList(Math.max(0, lines.size() - FAILURE_LINES), lines.size())
                    .forEach(l -> body.append("    ").append(clip(l, FAILURE_LINE)).append('\n'));
        }
        return body.toString();
    }

    private void tagPublished(RevCommit commit, String image, ImageVersionId version) throws IOException {
        StringBuilder message = new StringBuilder(image).append(' ').append(version).append(" published\n");
        Optional<Manifest> manifest = manifest(image, version);
        List<String> fixed = manifest.map(m -> fixes(m.triggers())).orElse(List.of());
        message.append('\n').append(fixed.isEmpty() ? "Fixes no advisories." : "Fixes " + String.join("; ", fixed)
                + ".").append('\n');
        manifest.ifPresent(m -> m.triggers().stream()
                .filter(t -> t.packageName() != null && t.installed() != null && t.available() != null)
                .forEach(t -> message.append(t.packageName()).append(' ').append(t.installed()).append(" → ")
                        .append(t.available()).append('\n')));
        git.tag(commit, CatalogLayout.tag(image, version), message.toString());
    }

    private static void channelTrailers(List<ChannelChange> changes, List<Trailer> trailers) {
        for (ChannelChange c : changes) {
            trailers.add(new Trailer("Channel", c.channel() + " " + orNone(c.previousVersion()) + " -> "
                    + orNone(c.newVersion())));
        }
    }

    private static void checkJunitXml(String xml, String path) throws CatalogStoreException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            String root = builder.parse(new InputSource(new StringReader(xml))).getDocumentElement().getTagName();
            if (!root.equals("testsuites") && !root.equals("testsuite")) {
                throw new CatalogStoreException(path + ": a JUnit report's root is testsuites or testsuite, not "
                        + root);
            }
        } catch (SAXException | IOException e) {
            throw new CatalogStoreException(path + ": not well-formed JUnit XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be made safe: " + e.getMessage(), e);
        }
    }

    private static CatalogStoreException stale(String image) {
        return new CatalogStoreException(CatalogLayout.catalogEntry(image) + " at HEAD is not the entry the change"
                + " was computed from; reload it and decide again");
    }

    static String verb(LifecycleState state) {
        return switch (state) {
            case STABLE -> "promoted to stable";
            case TESTING -> "moved to testing";
            case FAILED -> "marked failed";
            default -> lower(state);
        };
    }

    private static String lower(LifecycleState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static String orNone(String version) {
        return version == null ? "none" : version;
    }

    /** Returns {@code line} with control characters (a tab, an escape's start) as spaces, trailing blanks cut. */
    private static String printable(String line) {
        StringBuilder out = new StringBuilder(line.length());
        line.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return out.toString().stripTrailing();
    }

    /** Returns {@code text} cut to {@code max} characters, with an ellipsis where it was cut. */
    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1).stripTrailing() + "…";
    }

    /** Returns {@code text} on one line: line breaks and other control characters become spaces. */
    static String oneLine(String text) {
        return printable(text).strip();
    }
}
