package dev.goldsmith.routes.catalog;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.goldsmith.catalog.blueprint.Blueprint;
import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.CloudEvent;
import dev.goldsmith.catalog.event.EventType;
import dev.goldsmith.catalog.event.Events;
import dev.goldsmith.catalog.event.ImageTransition;
import dev.goldsmith.catalog.event.LifecycleState;
import dev.goldsmith.catalog.event.QaResult;
import dev.goldsmith.catalog.image.FailedBuild;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.lifecycle.IllegalTransitionException;
import dev.goldsmith.catalog.policy.Decision;
import dev.goldsmith.catalog.policy.PolicyEngine;
import dev.goldsmith.catalog.policy.RefusedException;
import dev.goldsmith.catalog.policy.Revocation;
import dev.goldsmith.catalog.state.ImageEntry;
import dev.goldsmith.catalog.store.CatalogStore;
import dev.goldsmith.catalog.store.CatalogStoreException;
import dev.goldsmith.catalog.store.GitStore;
import dev.goldsmith.catalog.store.PushResult;
import dev.goldsmith.catalog.store.PushStatus;
import dev.goldsmith.routes.events.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the catalog's policies meet the running service: an advisory may revoke versions, the clock may promote,
 * deprecate or retire them. Each decision is committed to Git first, then the live catalog moves, then the event
 * goes out (unless there is no event bus: {@code goldsmith build} records without one); one caller at a time.
 */
public final class CatalogDesk {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogDesk.class);
    private static final String ACTOR = "goldsmith policies";

    private final GitStore git;
    private final CatalogStore store;
    private final PolicyEngine policies;
    private final LiveCatalog live;
    private final EventPublisher publisher;
    private final Events events;
    private final Clock clock;

    public CatalogDesk(GitStore git, CatalogStore store, PolicyEngine policies, LiveCatalog live,
            EventPublisher publisher, Events events, Clock clock) {
        this.git = git;
        this.store = store;
        this.policies = policies;
        this.live = live;
        this.publisher = publisher;
        this.events = events;
        this.clock = clock;
    }

    /** Revokes the versions that {@code advisory} affects where a newer stable version has the fix. */
    public synchronized int advisory(AdvisoryData advisory) throws IOException, CatalogStoreException {
        if (!policies.policies().revoke().enabled()) {
            return 0;
        }
        Revocation revocation = policies.revoke(live.entries(), live.liveManifests(), advisory, clock.instant());
        revocation.kept().forEach(kept -> LOG.info("version kept advisory={} reason=\"{}\"", advisory.advisoryId(),
                kept));
        return record(revocation.revoked());
    }

    /** Applies the time-driven policies: soak over, grace over, too old. */
    public synchronized int tick() throws IOException, CatalogStoreException {
        return record(policies.tick(live.entries(), clock.instant()));
    }

    /** Commits a version just built (blueprint bumped, lock, manifest, entry) and counts it live. */
    public synchronized void built(Manifest manifest, Instant startedAt) throws IOException, CatalogStoreException {
        store.recordBuild(manifest, startedAt);
        store.entry(manifest.image()).ifPresent(live::update);
        live.built(manifest);
    }

    /**
     * Commits a build that failed as a failed version of its own (see {@link CatalogStore#recordFailedBuild}) and
     * updates the live catalog with it; returns the version it was given.
     */
    public synchronized ImageVersionId buildFailed(FailedBuild failed) throws IOException {
        CatalogStore.FailedVersion recorded = store.recordFailedBuild(failed);
        store.entry(failed.image()).ifPresent(live::update);
        return recorded.version();
    }

    /**
     * Commits a QA run of a version just built: it goes under test at {@code startedAt}, its JUnit report and
     * outcome are committed, and the promote policy decides what follows (stable, soaking, failed), each step its
     * own commit; the resulting {@code image.*} event is published.
     */
    public synchronized void tested(QaResult qa, String junitXml, Instant startedAt, Instant finishedAt)
            throws IOException, CatalogStoreException, IllegalTransitionException, RefusedException {
        String image = qa.image();
        ImageVersionId version = ImageVersionId.parse(qa.version());
        store.recordTransition(entry(image).transition(version, LifecycleState.TESTING, startedAt, "QA started"),
                ACTOR);
        Decision decision = policies.afterQa(entry(image), version, qa.allPassed(), finishedAt);
        store.recordQa(qa, junitXml, finishedAt, null);
        LOG.info("QA recorded image={} version={} passed={} decision=\"{}\"", image, version, qa.allPassed(),
                decision.explanation());
        if (decision.moved().isPresent()) {
            record(List.of(decision.moved().get()));
        } else {
            for (ImageTransition.ChannelChange change : decision.channelChanges()) {
                if (change.newVersion() != null) {
                    entry(image).point(change.channel(), ImageVersionId.parse(change.newVersion()))
                            .ifPresent(p -> recordChannel(p, finishedAt));
                }
            }
            store.entry(image).ifPresent(live::update);
        }
    }

    /** Returns the image's blueprint as Git holds it now, if it has one. */
    public synchronized Optional<Blueprint> blueprint(String image) throws IOException, CatalogStoreException {
        return store.blueprint(image);
    }

    private ImageEntry entry(String image) throws IOException, CatalogStoreException {
        return store.entry(image).orElseThrow(() -> new CatalogStoreException(image + " has no catalog entry"));
    }

    private void recordChannel(ImageEntry.Pointed pointed, Instant at) {
        try {
            store.recordChannel(pointed, ACTOR, at);
        } catch (IOException | CatalogStoreException e) {
            throw new IllegalStateException("cannot move channel " + pointed.change().channel() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Pushes the queued commits; empty when nothing waits. Only for a store opened with a remote. */
    public synchronized Optional<PushResult> push() throws IOException {
        return git.pending().isEmpty() ? Optional.empty() : Optional.of(git.push());
    }

    /** Returns how pushing goes. Only for a store opened with a remote. */
    public PushStatus pushStatus() throws IOException {
        return git.pushStatus();
    }

    private int record(List<ImageEntry.Moved> moves) throws IOException, CatalogStoreException {
        List<CloudEvent> out = new ArrayList<>();
        for (ImageEntry.Moved moved : moves) {
            store.recordTransition(moved, ACTOR);
            live.update(moved.entry());
            ImageTransition t = moved.transition();
            LOG.info("image version moved image={} version={} from={} to={} reason=\"{}\"", t.image(), t.version(),
                    lower(t.from().name()), lower(t.to().name()), t.reason());
            eventType(t).ifPresent(type -> out.add(events.create(type, t)));
        }
        if (publisher != null) {
            publisher.publishAll(out);
        }
        return moves.size();
    }

    private static Optional<EventType> eventType(ImageTransition t) {
        switch (t.to()) {
            case STABLE:
                return Optional.of(EventType.IMAGE_PROMOTED);
            case DEPRECATED:
                return Optional.of(EventType.IMAGE_DEPRECATED);
            case REVOKED:
                return Optional.of(EventType.IMAGE_REVOKED);
            case RETIRED:
                return Optional.of(EventType.IMAGE_RETIRED);
            default:
                return Optional.empty();
        }
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
