package dev.goldsmith.routes.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.goldsmith.routes.Feature;
import dev.goldsmith.routes.GoldsmithRuntime;
import dev.goldsmith.routes.RuntimeSettings;
import dev.goldsmith.routes.build.BuildFeature;
import dev.goldsmith.routes.catalog.CatalogFeature;
import dev.goldsmith.routes.config.ConfigException;
import dev.goldsmith.routes.config.ConfigLoader;
import dev.goldsmith.routes.config.GoldsmithConfig;
import dev.goldsmith.routes.feeds.FeedReaderFactory;
import dev.goldsmith.routes.feeds.FeedsFeature;
import dev.goldsmith.routes.plan.PlannerFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the pipeline until the process is told to stop (SIGTERM, SIGINT). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Runs the pipeline until stopped with SIGTERM or Ctrl-C: the event bus (the embedded Kafka broker unless "
                    + "an external cluster is configured), the routes, and GET /health and GET /metrics.",
            "Exits 2 when the configuration has problems, listing every one."
        })
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            defaultValue = "${env:GOLDSMITH_CONFIG:-config/goldsmith.yaml}",
            description = "The configuration file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Override
    public Integer call() throws Exception {
        GoldsmithConfig loaded;
        try {
            loaded = ConfigLoader.load(config, System.getenv());
        } catch (ConfigException e) {
            PrintWriter err = spec.commandLine().getErr();
            e.problems().forEach(err::println);
            err.println(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems")
                    + " in " + config + "; nothing started");
            err.flush();
            return 2;
        }
        Clock clock = Clock.systemUTC();
        CatalogFeature catalog = new CatalogFeature(loaded.git(), loaded.images(), loaded.policies(), clock);
        List<Feature> features = List.of(
                new FeedsFeature(loaded.feeds(), new FeedReaderFactory(Path.of("/")), clock),
                catalog,
                new PlannerFeature(loaded.planner().settings(), catalog.live(), clock, PlannerFeature.DUE_PERIOD),
                new BuildFeature(loaded, catalog, clock));
        GoldsmithRuntime runtime = GoldsmithRuntime.start(RuntimeSettings.from(loaded), features);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stop requested, shutting down");
            runtime.close();
            stopped.countDown();
        }, "goldsmith-shutdown"));
        stopped.await();
        return 0;
    }
}
