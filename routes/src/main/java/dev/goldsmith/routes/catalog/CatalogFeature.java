package dev.goldsmith.routes.catalog;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.goldsmith.catalog.blueprint.Blueprint;
import dev.goldsmith.catalog.blueprint.BlueprintReader;
import dev.goldsmith.catalog.event.Events;
import dev.goldsmith.catalog.policy.PolicyEngine;
import dev.goldsmith.catalog.store.CatalogLoader;
import dev.goldsmith.catalog.store.CatalogStore;
import dev.goldsmith.catalog.store.GitStore;
import dev.goldsmith.catalog.store.LoadedCatalog;
import dev.goldsmith.catalog.store.PushStatus;
import dev.goldsmith.routes.Feature;
import dev.goldsmith.routes.GoldsmithRuntime;
import dev.goldsmith.routes.config.GitConfig;
import dev.goldsmith.routes.config.ImageConfig;
import dev.goldsmith.routes.config.PoliciesConfig;
import dev.goldsmith.routes.events.EventPublisher;
import dev.goldsmith.routes.health.ComponentHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog in the running service: opens the Git repository (cloning the remote when there is one), adds the
 * blueprint of each configured image that Git does not have yet, rebuilds the catalog from HEAD, and installs the
 * policy routes. The {@link LiveCatalog} it fills is what the planner asks, so this feature goes first.
 */
public final class CatalogFeature implements Feature {

    /** How often the time-driven policies run. */
    public static final Duration POLICY_PERIOD = Duration.ofMinutes(1);
    /** How often queued commits are pushed, when there is a remote. */
    public static final Duration PUSH_PERIOD = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(CatalogFeature.class);

    private final GitConfig git;
    private final List<ImageConfig> images;
    private final PoliciesConfig policies;
    private final Clock clock;
    private final LiveCatalog live = new LiveCatalog();
    private CatalogDesk desk;
    private int loadProblems;

    public CatalogFeature(GitConfig git, List<ImageConfig> images, PoliciesConfig policies, Clock clock) {
        this.git = git;
        this.images = List.copyOf(images);
        this.policies = policies;
        this.clock = clock;
    }

    /** Returns the live catalog; filled once the feature is installed. */
    public LiveCatalog live() {
        return live;
    }

    /** Returns the desk the routes use; null before {@link #install}. */
    public CatalogDesk desk() {
        return desk;
    }

    @Override
    public void install(GoldsmithRuntime runtime) throws Exception {
        GitStore store = open(runtime.publisher());
        runtime.closeOnStop(store);
        boolean remote = git.gitRemote() != null;
        int problems = loadProblems;
        runtime.health().register("catalog", () -> health(problems, remote));
        runtime.camel().addRoutes(new CatalogRoutes(desk, POLICY_PERIOD, remote ? PUSH_PERIOD : null));
    }

    /**
     * Opens the Git store, adds the configured blueprints Git lacks, rebuilds the live catalog from HEAD and makes
     * the desk; {@code publisher} is null where there is no event bus ({@code goldsmith build}). The caller closes
     * the store.
     */
    public GitStore open(EventPublisher publisher) throws Exception {
        GitStore store = GitStore.open(git.repository(), git.branch(), git.authorName(), git.authorEmail(),
                git.gitRemote(), git.signingKey() == null ? null : git.signingKey().toSigningKey());
        CatalogStore catalog = new CatalogStore(store);
        Map<String, Blueprint> blueprints = new LinkedHashMap<>();
        Map<String, String> parents = new LinkedHashMap<>();
        for (ImageConfig image : images) {
            Blueprint blueprint = catalog.blueprint(image.name()).orElse(null);
            if (blueprint == null) {
                blueprint = BlueprintReader.read(image.blueprint());
                catalog.importBlueprint(blueprint, clock.instant());
                LOG.info("blueprint added to the catalog image={} file={}", image.name(), image.blueprint());
            }
            blueprints.put(image.name(), blueprint);
            if (blueprint.goldsmith().parent() != null) {
                parents.put(image.name(), blueprint.goldsmith().parent());
            }
        }
        long started = System.nanoTime();
        LoadedCatalog loaded = CatalogLoader.load(git.repository());
        live.reset(loaded, parents);
        loadProblems = loaded.problems().size();
        LOG.info("catalog rebuilt from Git commit={} images={} live-versions={} problems={} took-ms={}",
                loaded.commit() == null ? "none" : loaded.commit().abbreviate(12).name(), loaded.entries().size(),
                loaded.liveManifests().size(), loaded.problems().size(), (System.nanoTime() - started) / 1_000_000);
        loaded.problems().forEach(p -> LOG.warn("catalog file not loaded path={} reason=\"{}\"", p.path(),
                p.reason()));

        PolicyEngine engine = new PolicyEngine(policies.toPolicies(), image -> {
            Blueprint blueprint = blueprints.get(image);
            return blueprint == null ? PolicyEngine.DEFAULT_CHANNELS : PolicyEngine.channelsOf(blueprint);
        });
        desk = new CatalogDesk(store, catalog, engine, live, publisher,
                new Events(Events.componentSource("catalog"), clock), clock);
        return store;
    }

    private ComponentHealth health(int problems, boolean remote) {
        List<String> detail = new ArrayList<>();
        detail.add(live.images().size() + " images, " + live.liveVersions() + " live versions");
        boolean degraded = problems > 0;
        if (degraded) {
            detail.add(problems + " catalog files not loaded at start-up");
        }
        if (remote) {
            try {
                PushStatus push = desk.pushStatus();
                detail.add(push.pending() + " commits waiting to be pushed");
                if (push.lastError() != null) {
                    degraded = true;
                    detail.add("last push failed: " + push.lastError());
                }
            } catch (IOException e) {
                degraded = true;
                detail.add("push status unknown: " + e.getMessage());
            }
        }
        String text = String.join("; ", detail);
        return degraded ? ComponentHealth.degraded(text) : ComponentHealth.up(text);
    }
}
