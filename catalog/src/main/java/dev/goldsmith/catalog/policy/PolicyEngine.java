package dev.goldsmith.catalog.policy;

import static dev.goldsmith.catalog.event.LifecycleState.DEPRECATED;
import static dev.goldsmith.catalog.event.LifecycleState.FAILED;
import static dev.goldsmith.catalog.event.LifecycleState.RETIRED;
import static dev.goldsmith.catalog.event.LifecycleState.REVOKED;
import static dev.goldsmith.catalog.event.LifecycleState.STABLE;
import static dev.goldsmith.catalog.event.LifecycleState.TESTING;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.goldsmith.catalog.blueprint.Blueprint;
import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.ImageTransition;
import dev.goldsmith.catalog.event.ImageTransition.ChannelChange;
import dev.goldsmith.catalog.event.LifecycleState;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.lifecycle.IllegalTransitionException;
import dev.goldsmith.catalog.lifecycle.Lifecycle;
import dev.goldsmith.catalog.policy.AdvisoryMatch.Hit;
import dev.goldsmith.catalog.state.ImageEntry;
import dev.goldsmith.catalog.state.ImageEntry.Moved;
import dev.goldsmith.catalog.state.VersionEntry;
import dev.goldsmith.catalog.version.InvalidVersionException;

/**
 * Moves image versions through their lifecycle by the configured {@link Policies}: promotes what passed QA (after a
 * soak, where one is set), publishes stable versions to the image's channels (those that need an approval wait for
 * one), deprecates what a newer stable version superseded, revokes what an advisory with a fix in a newer stable
 * version affects, and retires by age while keeping each image's newest usable versions. Operators' promote, revoke
 * and retire commands pass the same lifecycle checks.
 *
 * <p>The engine decides and returns; it writes nothing. Every result carries the new {@link ImageEntry} and the
 * transitions to record, each with a one-line reason. Time comes in as an argument, never from the system clock,
 * and images, versions and channels are visited in a fixed order, so the same inputs give the same decisions in the
 * same order. Stateless apart from its configuration; safe to share.
 */
public final class PolicyEngine {

    /** The channel that points at the newest version that passed QA, whether or not it is stable yet. */
    public static final String LATEST = "latest";

    /** The channels of an image whose blueprint names none. */
    public static final List<String> DEFAULT_CHANNELS = List.of("stable", LATEST);

    private static final int NAMED_PACKAGES = 3;

    private final Policies policies;
    private final Function<String, List<String>> channelsOfImage;

    /**
     * Creates an engine.
     *
     * @param policies        the policy values
     * @param channelsOfImage the channels each image publishes to, by image name (see {@link #channelsOf}); null or
     *                        empty means {@link #DEFAULT_CHANNELS}
     */
    public PolicyEngine(Policies policies, Function<String, List<String>> channelsOfImage) {
        this.policies = Objects.requireNonNull(policies, "policies");
        this.channelsOfImage = Objects.requireNonNull(channelsOfImage, "channelsOfImage");
    }

    /** Returns the channels {@code blueprint}'s {@code [goldsmith]} table names, or the default ones. */
    public static List<String> channelsOf(Blueprint blueprint) {
        List<String> named = blueprint.goldsmith() == null ? List.of() : blueprint.goldsmith().channels();
        return named.isEmpty() ? DEFAULT_CHANNELS : named;
    }

    /** Returns the policies the engine runs on. */
    public Policies policies() {
        return policies;
    }

    /**
     * Applies a QA result to a version under test. A pass records when it passed and points {@code latest} at the
     * version; the version becomes stable at once when the promote policy has no soak, stays testing until a later
     * {@link #tick} when it has one, and waits for a person when promote.after-qa is off. A failure moves the version
     * to failed. A result that was applied already (a redelivered event) changes nothing.
     *
     * @throws RefusedException when the image has no such version, or the version is not under test
     */
    public Decision afterQa(ImageEntry entry, ImageVersionId version, boolean passed, Instant now)
            throws RefusedException {
        VersionEntry current = versionOf(entry, version);
        if (passed && current.passedQa()) {
            return Decision.unchanged(entry, "QA pass of " + version + " was recorded already at "
                    + current.qaPassed());
        }
        if (!passed && current.state() == FAILED) {
            return Decision.unchanged(entry, version + " has failed already");
        }
        if (current.state() != TESTING) {
            throw new RefusedException(entry.image() + " " + version + " is " + lower(current.state())
                    + ", not testing: a QA result " + (passed ? "cannot promote" : "cannot fail") + " it");
        }
        if (!passed) {
            Moved moved = transition(entry, version, FAILED, now, "QA failed");
            return Decision.moved(entry, moved, "QA failed: " + version + " moved to failed");
        }
        ImageEntry tested = entry.withQaPassed(version, now);
        Policies.Promote promote = policies.promote();
        if (promote.afterQa() && promote.soak().isZero()) {
            Promotion promotion = promote(tested, version, "QA passed", now);
            return Decision.moved(entry, promotion.moved(), "QA passed: " + version + " promoted to stable"
                    + promotion.waiting());
        }
        Published latest = publish(tested, version, false);
        String explanation = promote.afterQa()
                ? "QA passed; soaking until " + now.plus(promote.soak())
                : "QA passed; stays testing until someone promotes it (promote.after-qa is off)";
        return new Decision(entry, latest.entry(), null, latest.changes(), explanation + latest.waiting());
    }

    /**
     * Publishes {@code version} to {@code channel}, one of the promote policy's approval channels, on a person's
     * approval. The version must be stable, or for {@code latest} have passed QA, and must not be older than the
     * version the channel points at.
     *
     * @throws RefusedException saying why the approval cannot be applied
     */
    public Decision approve(ImageEntry entry, ImageVersionId version, String channel, String who, Instant now)
            throws RefusedException {
        VersionEntry current = versionOf(entry, version);
        String actor = requireLine(who, "who approves");
        List<String> channels = channelsOf(entry.image());
        if (!channels.contains(channel)) {
            throw new RefusedException(entry.image() + " does not publish to channel " + channel + " (its channels: "
                    + String.join(", ", channels) + ")");
        }
        if (!policies.promote().needsApproval(channel)) {
            throw new RefusedException("channel " + channel + " needs no approval: policy publishes to it (approval"
                    + " channels: " + approvalChannels() + ")");
        }
        boolean ready = channel.equals(LATEST) ? current.passedQa() && Lifecycle.channelsMayPointAt(current.state())
                : current.state() == STABLE;
        if (!ready) {
            throw new RefusedException(entry.image() + " " + version + " is " + lower(current.state())
                    + (current.passedQa() ? "" : " and has not passed QA") + ": only a "
                    + (channel.equals(LATEST) ? "version that passed QA" : "stable version")
                    + " can be approved for " + channel);
        }
        ImageVersionId pointed = entry.channels().get(channel);
        if (pointed != null && pointed.compareTo(version) > 0) {
            throw new RefusedException("channel " + channel + " of " + entry.image() + " points at " + pointed
                    + ", newer than " + version + "; an approval does not move a channel back");
        }
        Optional<ImageEntry.Pointed> moved = entry.point(channel, version);
        if (moved.isEmpty()) {
            return Decision.unchanged(entry, "channel " + channel + " points at " + version + " already");
        }
        return new Decision(entry, moved.get().entry(), null, List.of(moved.get().change()),
                "channel " + channel + " now points at " + version + ", approved by " + actor + " at " + now);
    }

    /**
     * Applies the time-driven policies to every image, in order of image name: promotes versions whose soak is over,
     * deprecates stable versions superseded for the grace period, and retires old deprecated, revoked and failed
     * versions beyond the newest ones kept. A second tick at the same instant finds nothing to do.
     *
     * @return the transitions to record, in order; each entry includes the earlier transitions of its image
     */
    public List<Moved> tick(Collection<ImageEntry> entries, Instant now) {
        List<Moved> moves = new ArrayList<>();
        for (ImageEntry entry : byImage(entries)) {
            ImageEntry current = entry;
            current = promoteSoaked(current, now, moves);
            current = deprecateSuperseded(current, now, moves);
            retireOld(current, now, moves);
        }
        return moves;
    }

    /**
     * Revokes the stable and deprecated versions {@code advisory} affects where a newer stable version of the same
     * image carries the fix: it has each affected package at or above the fixed version. The channels that pointed at
     * a revoked version move to the newest other stable version. An affected version without such a replacement is
     * kept, and the result says why.
     *
     * @param manifests the manifests of the image versions, at least of the live ones
     */
    public Revocation revoke(Collection<ImageEntry> entries, Collection<Manifest> manifests, AdvisoryData advisory,
            Instant now) {
        if (!policies.revoke().enabled()) {
            return new Revocation(List.of(), List.of(advisory.advisoryId()
                    + " revokes nothing: the revoke policy is off (policies.revoke.enabled: false)"));
        }
        Map<String, Map<ImageVersionId, Manifest>> byImage = new HashMap<>();
        for (Manifest m : manifests) {
            byImage.computeIfAbsent(m.image(), i -> new HashMap<>()).put(m.version(), m);
        }
        AdvisoryMatch match = new AdvisoryMatch(advisory);
        List<Moved> revoked = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (ImageEntry entry : byImage(entries)) {
            Map<ImageVersionId, Manifest> ofImage = byImage.getOrDefault(entry.image(), Map.of());
            ImageEntry current = entry;
            for (VersionEntry v : entry.versions()) {
                if (v.state() != STABLE && v.state() != DEPRECATED) {
                    continue;
                }
                Optional<String> reason = revocationReason(current, v, ofImage, match, advisory, kept);
                if (reason.isPresent()) {
                    Moved moved = transition(current, v.version(), REVOKED, now, reason.get());
                    revoked.add(moved);
                    current = moved.entry();
                }
            }
        }
        return new Revocation(revoked, kept);
    }

    /**
     * Promotes {@code version} on an operator's command: it must be testing and have passed QA; soak and after-qa do
     * not hold it back. Its channels are published as for a promotion by policy.
     *
     * @throws RefusedException saying why the version cannot be promoted
     */
    public Decision promote(ImageEntry entry, ImageVersionId version, String who, String reason, Instant now)
            throws RefusedException {
        VersionEntry current = versionOf(entry, version);
        String because = operatorReason(who, reason);
        check(entry, current, STABLE);
        if (!current.passedQa()) {
            throw new RefusedException(entry.image() + " " + version + " has not passed QA: only a version that"
                    + " passed QA can be promoted");
        }
        Promotion promotion = promote(entry, version, because, now);
        return Decision.moved(entry, promotion.moved(), version + " promoted to stable " + because
                + promotion.waiting());
    }

    /**
     * Revokes {@code version} on an operator's command; its channels move to the newest other stable version.
     *
     * @throws RefusedException when the lifecycle does not allow it
     */
    public Decision revoke(ImageEntry entry, ImageVersionId version, String who, String reason, Instant now)
            throws RefusedException {
        return manual(entry, version, REVOKED, who, reason, now);
    }

    /**
     * Retires {@code version} on an operator's command; the retire policy's age and keep do not apply.
     *
     * @throws RefusedException when the lifecycle does not allow it
     */
    public Decision retire(ImageEntry entry, ImageVersionId version, String who, String reason, Instant now)
            throws RefusedException {
        return manual(entry, version, RETIRED, who, reason, now);
    }

    private Decision manual(ImageEntry entry, ImageVersionId version, LifecycleState to, String who, String reason,
            Instant now) throws RefusedException {
        VersionEntry current = versionOf(entry, version);
        String because = operatorReason(who, reason);
        check(entry, current, to);
        Moved moved = transition(entry, version, to, now, because);
        return Decision.moved(entry, moved, version + " moved to " + lower(to) + " " + because);
    }

    // Tick rules, each applied to the entry the previous one left.

    private ImageEntry promoteSoaked(ImageEntry entry, Instant now, List<Moved> moves) {
        Policies.Promote promote = policies.promote();
        if (!promote.afterQa()) {
            return entry;
        }
        ImageEntry current = entry;
        for (VersionEntry v : entry.versions()) {
            if (v.state() == TESTING && v.passedQa() && !now.isBefore(v.qaPassed().plus(promote.soak()))) {
                Moved moved = promote(current, v.version(), "QA passed at " + v.qaPassed() + " and soaked "
                        + Spans.text(promote.soak()), now).moved();
                moves.add(moved);
                current = moved.entry();
            }
        }
        return current;
    }

    private ImageEntry deprecateSuperseded(ImageEntry entry, Instant now, List<Moved> moves) {
        ImageEntry current = entry;
        for (VersionEntry v : entry.versions()) {
            if (v.state() != STABLE) {
                continue;
            }
            // Superseded from the moment a newer version and this one were both stable; the first newer one counts.
            Optional<VersionEntry> newer = entry.versions().stream()
                    .filter(n -> n.state() == STABLE && n.version().compareTo(v.version()) > 0)
                    .min(Comparator.comparing((VersionEntry n) -> n.enteredAt(STABLE)).thenComparing(
                            VersionEntry::version));
            if (newer.isEmpty()) {
                continue;
            }
            Instant superseded = latestOf(newer.get().enteredAt(STABLE), v.enteredAt(STABLE));
            if (!now.isBefore(superseded.plus(policies.deprecate().grace()))) {
                Moved moved = transition(current, v.version(), DEPRECATED, now, "superseded by "
                        + newer.get().version() + " for " + Spans.text(policies.deprecate().grace()));
                moves.add(moved);
                current = moved.entry();
            }
        }
        return current;
    }

    private void retireOld(ImageEntry entry, Instant now, List<Moved> moves) {
        Policies.Retire retire = policies.retire();
        List<ImageVersionId> kept = entry.versions().stream()
                .filter(v -> v.state() == STABLE || v.state() == DEPRECATED)
                .map(VersionEntry::version)
                .sorted(Comparator.reverseOrder())
                .limit(retire.keep())
                .toList();
        ImageEntry current = entry;
        for (VersionEntry v : entry.versions()) {
            boolean retirable = v.state() == DEPRECATED || v.state() == REVOKED || v.state() == FAILED;
            if (!retirable || kept.contains(v.version()) || now.isBefore(v.created().plus(retire.maxAge()))) {
                continue;
            }
            String age = "older than " + Spans.text(retire.maxAge());
            String reason;
            if (v.state() == DEPRECATED) {
                long newer = kept.stream().filter(k -> k.compareTo(v.version()) > 0).count();
                reason = age + "; " + newer + " newer version" + (newer == 1 ? "" : "s") + " kept";
            } else {
                reason = lower(v.state()) + " and " + age;
            }
            Moved moved = transition(current, v.version(), RETIRED, now, reason);
            moves.add(moved);
            current = moved.entry();
        }
    }

    // Revocation.

    private Optional<String> revocationReason(ImageEntry entry, VersionEntry v, Map<ImageVersionId, Manifest> ofImage,
            AdvisoryMatch match, AdvisoryData advisory, List<String> kept) {
        String subject = entry.image() + " " + v.version();
        Manifest manifest = ofImage.get(v.version());
        if (manifest == null) {
            kept.add(subject + " kept: no manifest, so whether " + advisory.advisoryId() + " affects it is unknown");
            return Optional.empty();
        }
        List<Hit> hits;
        try {
            hits = match.hits(manifest);
        } catch (InvalidVersionException e) {
            kept.add(subject + " kept: cannot order its versions against " + advisory.advisoryId() + ": "
                    + e.getMessage());
            return Optional.empty();
        }
        if (hits.isEmpty()) {
            return Optional.empty();
        }
        String affects = advisory.advisoryId() + " affects " + named(hits.stream().map(Hit::describe).toList());
        List<VersionEntry> newerStable = entry.versions().stream()
                .filter(n -> n.state() == STABLE && n.version().compareTo(v.version()) > 0)
                .sorted(Comparator.comparing(VersionEntry::version).reversed())
                .toList();
        if (newerStable.isEmpty()) {
            return keep(kept, subject, affects + ", but no newer stable version replaces it");
        }
        String why = null;
        for (VersionEntry n : newerStable) {
            Manifest newer = ofImage.get(n.version());
            if (newer == null) {
                why = why == null ? "no manifest of " + n.version() : why;
                continue;
            }
            List<String> missing = new ArrayList<>();
            List<String> fixedBy = new ArrayList<>();
            try {
                for (Hit hit : hits) {
                    match.missingFix(hit, newer).ifPresentOrElse(missing::add, () -> fixedBy.add(
                            hit.installed().name() + " " + newer.versionsByName().get(hit.installed().name())));
                }
            } catch (InvalidVersionException e) {
                missing.add("cannot order the versions of " + n.version() + ": " + e.getMessage());
            }
            if (missing.isEmpty()) {
                return Optional.of(affects + "; fixed in " + n.version() + " (" + named(fixedBy) + ")");
            }
            why = why == null ? named(missing) : why;
        }
        return keep(kept, subject, affects + ", but no newer stable version has the fix: " + why);
    }

    private static Optional<String> keep(List<String> kept, String subject, String why) {
        kept.add(subject + " kept: " + why);
        return Optional.empty();
    }

    /** Returns "a, b, c and 4 more", so a kernel advisory's reason still fits on one line. */
    private static String named(List<String> items) {
        if (items.size() <= NAMED_PACKAGES) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, NAMED_PACKAGES)) + " and " + (items.size() - NAMED_PACKAGES)
                + " more";
    }

    // Promotion and publication.

    /** A promotion to stable with the channels it moved, and the channels that wait for an approval. */
    private record Promotion(Moved moved, String waiting) {
    }

    /** An entry after publishing a version, the channels that moved, and the channels that wait for an approval. */
    private record Published(ImageEntry entry, List<ChannelChange> changes, String waiting) {
    }

    /** Moves {@code version} to stable and publishes it; the transition carries every channel that moved. */
    private Promotion promote(ImageEntry entry, ImageVersionId version, String reason, Instant now) {
        Moved moved = transition(entry, version, STABLE, now, reason);
        Published published = publish(moved.entry(), version, true);
        List<ChannelChange> changes = new ArrayList<>(moved.transition().channelChanges());
        changes.addAll(published.changes());
        ImageTransition t = moved.transition();
        ImageTransition carried = new ImageTransition(t.image(), t.version(), t.from(), t.to(), t.reason(), changes);
        return new Promotion(new Moved(published.entry(), carried), published.waiting());
    }

    /**
     * Points the image's channels at {@code version}: only {@code latest} while it is not stable yet, every channel
     * once it is. A channel never moves back to an older version, and an approval channel is left to a person.
     */
    private Published publish(ImageEntry entry, ImageVersionId version, boolean stable) {
        ImageEntry current = entry;
        List<ChannelChange> changes = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (String channel : channelsOf(entry.image())) {
            if (!stable && !channel.equals(LATEST)) {
                continue;
            }
            if (policies.promote().needsApproval(channel)) {
                waiting.add(channel);
                continue;
            }
            ImageVersionId pointed = current.channels().get(channel);
            if (pointed != null && pointed.compareTo(version) > 0) {
                continue;
            }
            Optional<ImageEntry.Pointed> moved = current.point(channel, version);
            if (moved.isPresent()) {
                current = moved.get().entry();
                changes.add(moved.get().change());
            }
        }
        String note = waiting.isEmpty() ? "" : "; channel" + (waiting.size() == 1 ? " " : "s ")
                + String.join(", ", waiting) + " wait" + (waiting.size() == 1 ? "s" : "") + " for approval";
        return new Published(current, changes, note);
    }

    // Helpers.

    private List<String> channelsOf(String image) {
        List<String> channels = channelsOfImage.apply(image);
        return channels == null || channels.isEmpty() ? DEFAULT_CHANNELS : List.copyOf(new LinkedHashSet<>(channels));
    }

    private String approvalChannels() {
        List<String> channels = policies.promote().approvalChannels();
        return channels.isEmpty() ? "none" : String.join(", ", channels);
    }

    private static List<ImageEntry> byImage(Collection<ImageEntry> entries) {
        Set<String> seen = new LinkedHashSet<>();
        for (ImageEntry e : entries) {
            if (!seen.add(e.image())) {
                throw new IllegalArgumentException("image " + e.image() + " is given twice");
            }
        }
        return entries.stream().sorted(Comparator.comparing(ImageEntry::image)).toList();
    }

    private static VersionEntry versionOf(ImageEntry entry, ImageVersionId version) throws RefusedException {
        return entry.version(version).orElseThrow(() -> new RefusedException(entry.image() + " has no version "
                + version));
    }

    private static void check(ImageEntry entry, VersionEntry v, LifecycleState to) throws RefusedException {
        try {
            Lifecycle.check(entry.image(), v.version().toString(), v.state(), to);
        } catch (IllegalTransitionException e) {
            throw new RefusedException(e.getMessage(), e);
        }
    }

    /** Moves a version the policies have already checked; a refusal here is a bug in the policies. */
    private static Moved transition(ImageEntry entry, ImageVersionId version, LifecycleState to, Instant now,
            String reason) {
        try {
            return entry.transition(version, to, now, reason);
        } catch (IllegalTransitionException e) {
            throw new IllegalStateException("policy chose a transition the lifecycle refuses: " + e.getMessage(), e);
        }
    }

    private static String operatorReason(String who, String reason) throws RefusedException {
        return "by " + requireLine(who, "who") + ": " + requireLine(reason, "--reason");
    }

    private static String requireLine(String text, String what) throws RefusedException {
        if (text == null || text.isBlank() || text.contains("\n") || text.contains("\r")) {
            throw new RefusedException(what + " must be one non-blank line, was '" + text + "'");
        }
        return text.strip();
    }

    private static Instant latestOf(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String lower(LifecycleState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
