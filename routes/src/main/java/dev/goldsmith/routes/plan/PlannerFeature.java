package dev.goldsmith.routes.plan;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import dev.goldsmith.catalog.event.Events;
import dev.goldsmith.catalog.impact.LiveImages;
import dev.goldsmith.catalog.impact.PlannerSettings;
import dev.goldsmith.catalog.impact.PlannerStateFile;
import dev.goldsmith.catalog.impact.RebuildPlanner;
import dev.goldsmith.routes.Feature;
import dev.goldsmith.routes.GoldsmithRuntime;
import dev.goldsmith.routes.health.ComponentHealth;

/**
 * Plans rebuilds: takes in package and advisory facts, publishes {@code rebuild.requested} on
 * {@code goldsmith.rebuilds}, and keeps its state in {@code <state-dir>/planner/state.json}.
 */
public final class PlannerFeature implements Feature {

    /** How often due requests are looked for. */
    public static final Duration DUE_PERIOD = Duration.ofSeconds(1);

    private final PlannerSettings settings;
    private final LiveImages live;
    private final Clock clock;
    private final Duration period;
    private PlanDesk desk;

    /**
     * Creates the feature.
     *
     * @param live   the catalog's images, which the planner asks before each decision
     * @param clock  the clock of windows and requests; the system UTC clock in production
     * @param period how often due requests are looked for, {@link #DUE_PERIOD} in production
     */
    public PlannerFeature(PlannerSettings settings, LiveImages live, Clock clock, Duration period) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.live = Objects.requireNonNull(live, "live");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.period = Objects.requireNonNull(period, "period");
    }

    @Override
    public void install(GoldsmithRuntime runtime) throws Exception {
        PlannerStateFile file = new PlannerStateFile(runtime.stateDir().resolve("planner").resolve("state.json"));
        desk = PlanDesk.open(new RebuildPlanner(settings, live, clock), file, runtime.publisher(),
                new Events(Events.componentSource("planner"), clock), clock);
        runtime.health().register("planner", () -> ComponentHealth.up(desk.pending().size() + " rebuilds pending, "
                + desk.waiting().size() + " waiting for a fix"));
        runtime.camel().addRoutes(new PlannerRoutes(desk, period));
    }

    /** Returns the desk the routes use, for the HTTP API and tests; null before {@link #install}. */
    public PlanDesk desk() {
        return desk;
    }
}
