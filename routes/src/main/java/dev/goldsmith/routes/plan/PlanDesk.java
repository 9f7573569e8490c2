package dev.goldsmith.routes.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.BuildFailed;
import dev.goldsmith.catalog.event.CloudEvent;
import dev.goldsmith.catalog.event.Events;
import dev.goldsmith.catalog.event.ImageTransition;
import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.catalog.event.QaResult;
import dev.goldsmith.catalog.event.RebuildRequest;
import dev.goldsmith.catalog.impact.PendingRebuild;
import dev.goldsmith.catalog.impact.PlannerState;
import dev.goldsmith.catalog.impact.PlannerStateFile;
import dev.goldsmith.catalog.impact.RebuildPlanner;
import dev.goldsmith.catalog.impact.WaitingForFix;
import dev.goldsmith.routes.events.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the planner routes meet the {@link RebuildPlanner}: it hands each event to the planner and makes the result
 * durable before the route goes on, one caller at a time, because the consumer routes and the timer run on threads
 * of their own and the planner is not thread-safe.
 *
 * <p>A fact's effect is written to the state file before its offset is committed; a fact delivered again after a
 * crash merges into what is already there. Due requests are published before the state that forgets them is
 * written, so a crash in between publishes them again (with the same event ids) rather than losing them; when
 * publishing fails, the planner goes back to the state last written and tries again on the next tick.
 */
public final class PlanDesk {

    private static final Logger LOG = LoggerFactory.getLogger(PlanDesk.class);

    private final RebuildPlanner planner;
    private final PlannerStateFile file;
    private final EventPublisher publisher;
    private final Events events;
    private final Clock clock;
    private PlannerState saved;
    private long savedRevision;

    private PlanDesk(RebuildPlanner planner, PlannerStateFile file, EventPublisher publisher, Events events,
            Clock clock, PlannerState saved) {
        this.planner = planner;
        this.file = file;
        this.publisher = publisher;
        this.events = events;
        this.clock = clock;
        this.saved = saved;
        this.savedRevision = planner.revision();
    }

    /**
     * Returns a desk for {@code planner}, which first takes back the state {@code file} holds, if any.
     *
     * @throws IOException naming the file when it holds no planner state; starting without it would lose requests
     */
    public static PlanDesk open(RebuildPlanner planner, PlannerStateFile file, EventPublisher publisher,
            Events events, Clock clock) throws IOException {
        PlannerState state = file.read().orElse(PlannerState.empty());
        planner.restore(state);
        LOG.info("planner state restored from {}: {} pending, {} waiting for a fix", file.path(),
                state.pending().size(), state.waiting().size());
        return new PlanDesk(planner, file, publisher, events, clock, state);
    }

    /**
     * Hands one event to the planner and writes the state when it changed: package and advisory facts, a parent's
     * new stable version ({@code image.promoted}), and a failed build or QA run. Other events change nothing.
     */
    public synchronized void absorb(CloudEvent event) {
        switch (event.type()) {
            case PACKAGE_PUBLISHED -> planner.packagePublished((PackageData) event.data());
            case PACKAGE_WITHDRAWN -> planner.packageWithdrawn((PackageData) event.data());
            case ADVISORY_PUBLISHED, ADVISORY_UPDATED -> planner.advisory((AdvisoryData) event.data());
            case IMAGE_PROMOTED -> {
                ImageTransition promoted = (ImageTransition) event.data();
                planner.parentStable(promoted.image(), promoted.version());
            }
            case BUILD_FAILED -> {
                BuildFailed failed = (BuildFailed) event.data();
                planner.parentFailed(failed.image(), failed.version(), "build step " + failed.failedStep()
                        + " failed: " + failed.reason());
            }
            case QA_FAILED -> {
                QaResult qa = (QaResult) event.data();
                planner.parentFailed(qa.image(), qa.version(), "QA suite " + qa.suite() + " had " + qa.failures()
                        + " failures and " + qa.errors() + " errors");
            }
            default -> {
                // Nothing else concerns the planner.
            }
        }
        save();
    }

    /**
     * Publishes the requests due now as {@code rebuild.requested} events, then writes the state that no longer holds
     * them. Returns how many were published.
     */
    public synchronized int publishDue() {
        save();
        List<RebuildRequest> due = planner.due(clock.instant());
        if (due.isEmpty()) {
            save();
            return 0;
        }
        try {
            publisher.publishAll(due.stream().map(events::rebuildRequested).toList());
        } catch (RuntimeException e) {
            planner.restore(saved);
            savedRevision = planner.revision();
            throw e;
        }
        for (RebuildRequest request : due) {
            String advisories = request.reasons().stream().flatMap(r -> r.advisoryIds().stream()).distinct()
                    .collect(Collectors.joining(","));
            LOG.info("rebuild requested image={} fast_lane={} packages={} advisories={}{}", request.image(),
                    request.fastLane(), request.reasons().size(), advisories.isEmpty() ? "none" : advisories,
                    request.notes().isEmpty() ? "" : " note=\"" + String.join("; ", request.notes()) + "\"");
        }
        save();
        return due.size();
    }

    /** Returns the requests not made yet. */
    public synchronized List<PendingRebuild> pending() {
        return planner.pending();
    }

    /** Returns what waits for which fix. */
    public synchronized List<WaitingForFix> waiting() {
        return planner.waiting();
    }

    private void save() {
        if (planner.revision() == savedRevision) {
            return;
        }
        PlannerState state = planner.state();
        try {
            file.write(state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the planner state to " + file.path(), e);
        }
        saved = state;
        savedRevision = planner.revision();
    }
}
