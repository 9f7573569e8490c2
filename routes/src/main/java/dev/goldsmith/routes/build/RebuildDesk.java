package dev.goldsmith.routes.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.goldsmith.builders.build.ArtifactRetention;
import dev.goldsmith.builders.build.BuildListener;
import dev.goldsmith.builders.build.BuildRequest;
import dev.goldsmith.builders.build.BuildResult;
import dev.goldsmith.builders.step.StepOutcome;
import dev.goldsmith.builders.build.ImageBuild;
import dev.goldsmith.builders.qa.CheckResult;
import dev.goldsmith.builders.qa.JunitXml;
import dev.goldsmith.builders.qa.QaSuite;
import dev.goldsmith.catalog.blueprint.Blueprint;
import dev.goldsmith.catalog.blueprint.BlueprintReader;
import dev.goldsmith.catalog.event.BuildFailed;
import dev.goldsmith.catalog.event.BuildSucceeded;
import dev.goldsmith.catalog.event.CloudEvent;
import dev.goldsmith.catalog.event.Events;
import dev.goldsmith.catalog.event.QaResult;
import dev.goldsmith.catalog.event.RebuildRequest;
import dev.goldsmith.catalog.event.StepTiming;
import dev.goldsmith.catalog.image.FailedBuild;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.impact.AvailableVersions;
import dev.goldsmith.routes.catalog.CatalogFeature;
import dev.goldsmith.routes.config.GoldsmithConfig;
import dev.goldsmith.routes.config.ImageConfig;
import dev.goldsmith.routes.events.EventPublisher;
import dev.goldsmith.routes.events.WorkAbandonedException;
import dev.goldsmith.routes.feeds.KnownAdvisories;
import dev.goldsmith.routes.feeds.OfferedPackages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@code rebuild.requested} into a new image version: builds and tests it in VMs, commits the build and its
 * QA run to Git through the catalog, lets the promote policy decide, and publishes {@code build.*} and {@code qa.*}.
 * A build that fails is a version too: it is committed as {@code failed}, with the reason and where its consoles
 * were kept, before {@code build.failed} goes out. One build at a time per consumer; the offset moves only once all
 * of this is durable.
 */
public final class RebuildDesk {

    private static final Logger LOG = LoggerFactory.getLogger(RebuildDesk.class);

    /** The thread running a build now, to interrupt when Goldsmith stops; guarded by {@code this}. */
    private Thread buildThread;
    private boolean stopping;
    private final GoldsmithConfig config;
    private final ImageBuild builder;
    private final CatalogFeature catalog;
    private final EventPublisher publisher;
    private final Events events;
    private final Clock clock;
    private final BuildSources.Lookup sourceLookup;
    private final BuildListener listener;

    public RebuildDesk(GoldsmithConfig config, ImageBuild builder, CatalogFeature catalog, EventPublisher publisher,
            Events events, Clock clock) {
        this(config, builder, catalog, publisher, events, clock, BuildSources.fromHost(), BuildListener.NONE);
    }

    /** Creates a desk that finds the APT sources with {@code sourceLookup} and tells {@code listener} of each step. */
    RebuildDesk(GoldsmithConfig config, ImageBuild builder, CatalogFeature catalog, EventPublisher publisher,
            Events events, Clock clock, BuildSources.Lookup sourceLookup, BuildListener listener) {
        this.config = config;
        this.builder = builder;
        this.catalog = catalog;
        this.publisher = publisher;
        this.events = events;
        this.clock = clock;
        this.sourceLookup = sourceLookup;
        this.listener = listener;
    }

    /** Builds and tests the image a request names; returns the result. */
    public BuildResult rebuild(RebuildRequest request) throws Exception {
        String image = request.image();
        ImageConfig configured = config.images().stream().filter(i -> i.name().equals(image)).findFirst()
                .orElse(null);
        if (configured == null) {
            LOG.warn("rebuild skipped image={} reason=\"not configured in {}\"", image, config.source());
            return null;
        }
        // Git holds the newest blueprint (its version bumped, its pins moved by earlier builds).
        Blueprint blueprint = catalog.desk().blueprint(image).orElse(BlueprintReader.read(configured.blueprint()));
        QaSuite suite = BuildInputs.qaSuite(config, blueprint);
        BuildSources sources = BuildInputs.sources(blueprint, sourceLookup);
        Path feeds = config.stateDir().resolve("feeds");
        AvailableVersions available = new AvailableVersions();
        OfferedPackages.load(feeds, available);
        List<Manifest.Trigger> triggers = request.reasons().stream()
                .map(r -> new Manifest.Trigger(r.packageName(), r.installedVersion(), r.availableVersion(),
                        r.advisoryIds(), r.cves(), null))
                .toList();
        String buildId = ImageBuild.newBuildId();
        LOG.info("rebuild started image={} build={} reasons={} fast-lane={}", image, buildId,
                request.reasons().size(), request.fastLane());
        Instant started = clock.instant();
        ImageVersionId catalogNewest = BuildInputs.newest(catalog.live().entry(image));
        BuildRequest buildRequest = new BuildRequest(image, blueprint, suite, sources.mirror(), sources.mirrorState(),
                sources.guestLines(), triggers, KnownAdvisories.load(feeds).all(), available, catalogNewest);
        BuildResult result;
        synchronized (this) {
            if (stopping) {
                throw abandoned(image, buildId, "before it started");
            }
            buildThread = Thread.currentThread();
        }
        try {
            result = builder.run(buildRequest, buildId, listener);
        } finally {
            synchronized (this) {
                buildThread = null;
                Thread.interrupted(); // an abandon() that came after the build ended must not hit the recording
            }
        }
        if (result.run().outcome() == StepOutcome.CANCELLED) {
            throw abandoned(image, buildId, "during step " + result.run().failedStep());
        }
        record(buildRequest, result, started);
        return result;
    }

    /**
     * Gives up the build in progress, if there is one, and every rebuild after it: called when Goldsmith stops, so
     * a stop does not wait for a build of many minutes. The build cleans up after itself, nothing of it is
     * recorded, and the request stays on the topic for the next start.
     */
    public synchronized void abandon() {
        stopping = true;
        if (buildThread != null) {
            buildThread.interrupt();
        }
    }

    private static WorkAbandonedException abandoned(String image, String buildId, String when) {
        String message = "rebuild of " + image + " (build " + buildId + ") given up " + when
                + ": Goldsmith is stopping; the request stays on the topic for the next start";
        LOG.info("rebuild abandoned image={} build={} when=\"{}\" reason=\"Goldsmith is stopping; the request stays"
                + " on the topic for the next start\"", image, buildId, when);
        return new WorkAbandonedException(message);
    }

    /**
     * Commits a finished build and its QA run through the catalog, or the build's failure, and publishes what
     * happened; without a publisher ({@code goldsmith build}) it only commits. Returns the version recorded.
     *
     * @param started when the build started
     */
    public ImageVersionId record(BuildRequest request, BuildResult result, Instant started) throws Exception {
        List<StepTiming> steps = result.run().steps().stream()
                .map(s -> new StepTiming(s.name(), s.duration())).toList();
        if (!result.built()) {
            FailedBuild failure = BuildFailures.of(request, result, started, clock.instant());
            ImageVersionId version = catalog.desk().buildFailed(failure);
            LOG.warn("rebuild failed image={} version={} build={} at=\"{}\" exit-status={} consoles={} reason=\"{}\"",
                    result.image(), version, result.buildId(), failure.where(), failure.exitStatus(),
                    failure.consoles(), failure.error());
            publish(events.buildFailed(new BuildFailed(result.image(), version.toString(), null,
                    result.run().failedStep(), result.run().describe(), steps)));
            return version;
        }
        QaSuite suite = request.qaSuite();
        Manifest manifest = result.manifest();
        catalog.desk().built(manifest, started);
        publish(events.buildSucceeded(new BuildSucceeded(manifest.image(), manifest.version().toString(),
                manifest.builderHost(), manifest.artifact().path(), manifest.artifact().sha256(),
                manifest.artifact().size(), steps)));
        List<CheckResult> checks = result.qaResults();
        int failures = (int) checks.stream().filter(c -> !c.passed()).count();
        String junit = result.junit() == null ? JunitXml.write(manifest.image(), manifest.version().toString(), checks)
                : Files.readString(result.junit(), StandardCharsets.UTF_8);
        QaResult qa = new QaResult(manifest.image(), manifest.version().toString(),
                suite == null ? "host checks" : suite.name(), checks.size(), failures, 0, 0,
                "images/" + manifest.image() + "/" + manifest.version() + "/qa.xml", JunitXml.summary(checks));
        catalog.desk().tested(qa, junit, manifest.builtAt(), clock.instant());
        publish(qa.allPassed() ? events.qaPassed(qa) : events.qaFailed(qa));
        LOG.info("rebuild recorded image={} version={} qa-passed={} summary=\"{}\"", manifest.image(),
                manifest.version(), qa.allPassed(), qa.summary());
        prune(manifest.image(), result.versionDir().getParent().getParent());
        return manifest.version();
    }

    private void publish(CloudEvent event) {
        if (publisher != null) {
            publisher.publish(event);
        }
    }

    private void prune(String image, Path artifactsDir) throws IOException {
        Set<ImageVersionId> live = new HashSet<>();
        catalog.live().liveManifests().stream().filter(m -> m.image().equals(image))
                .forEach(m -> live.add(m.version()));
        new ArtifactRetention(artifactsDir).prune(image, config.policies().retire().keep(), live);
    }
}
