package dev.goldsmith.routes.build;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import dev.goldsmith.builders.base.BaseImageCache;
import dev.goldsmith.builders.build.BuildSettings;
import dev.goldsmith.builders.build.ImageBuild;
import dev.goldsmith.builders.libvirt.HostException;
import dev.goldsmith.builders.libvirt.HostPool;
import dev.goldsmith.builders.libvirt.KvmProbe;
import dev.goldsmith.builders.libvirt.KvmVerdictFile;
import dev.goldsmith.builders.libvirt.Leftovers;
import dev.goldsmith.builders.libvirt.LibvirtHost;
import dev.goldsmith.catalog.event.CloudEvent;
import dev.goldsmith.catalog.event.EventCodec;
import dev.goldsmith.catalog.event.Events;
import dev.goldsmith.catalog.event.RebuildRequest;
import dev.goldsmith.catalog.event.Topic;
import dev.goldsmith.routes.Feature;
import dev.goldsmith.routes.GoldsmithRuntime;
import dev.goldsmith.routes.bus.KafkaConsumers;
import dev.goldsmith.routes.bus.OffsetCommitter;
import dev.goldsmith.routes.catalog.CatalogFeature;
import dev.goldsmith.routes.config.GoldsmithConfig;
import dev.goldsmith.routes.events.ConsumerErrorPolicy;
import dev.goldsmith.routes.health.ComponentHealth;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The builders in the running service: {@code goldsmith.rebuilds} is consumed one request at a time, each built and
 * tested in VMs on the configured libvirt hosts and committed to Git before its offset moves. At start-up whatever
 * a killed build left behind (domains, scratch files, half-made bases) is removed.
 */
public final class BuildFeature implements Feature {

    /** The route that builds requested rebuilds; it also names the consumer group. */
    public static final String ROUTE = "builder";
    /** How long one record may take before Kafka gives its partition to another instance: a build and its QA. */
    static final Duration MAX_BUILD = Duration.ofHours(2);

    private static final Logger LOG = LoggerFactory.getLogger(BuildFeature.class);
    private static final Duration PROBE_DEADLINE = Duration.ofSeconds(15);

    private final GoldsmithConfig config;
    private final CatalogFeature catalog;
    private final Clock clock;
    private final BuildEnvironment environment;
    private final AtomicReference<String> building = new AtomicReference<>();

    public BuildFeature(GoldsmithConfig config, CatalogFeature catalog, Clock clock) {
        this(config, catalog, clock, BuildEnvironment.host());
    }

    /** Creates the feature building with {@code environment} instead of the machine's own programs and sources. */
    BuildFeature(GoldsmithConfig config, CatalogFeature catalog, Clock clock, BuildEnvironment environment) {
        this.config = config;
        this.catalog = catalog;
        this.clock = clock;
        this.environment = environment;
    }

    @Override
    public void install(GoldsmithRuntime runtime) throws Exception {
        BuildSettings settings = config.build().settings(config.stateDir());
        Files.createDirectories(settings.scratchDir());
        List<LibvirtHost> hosts = config.builders().stream()
                .map(b -> new LibvirtHost(b.name(), b.uri(), b.capacity())).toList();
        HostPool pool = new HostPool(hosts);
        runtime.closeOnStop(pool);
        sweep(pool, settings).forEach(line -> LOG.info("leftovers: {}", line));
        KvmProbe probe = new KvmProbe(environment.devKvm(), settings.scratchDir(), PROBE_DEADLINE,
                KvmVerdictFile.under(config.stateDir()), KvmVerdictFile.MAX_AGE);
        ImageBuild builder = new ImageBuild(environment.programs(), pool, probe, settings);
        RebuildDesk desk = new RebuildDesk(config, builder, catalog, runtime.publisher(),
                new Events(Events.componentSource("builder"), clock), clock, environment.sources(),
                environment.listener());
        runtime.onStopping(desk::abandon);
        runtime.health().register("builder", () -> {
            String image = building.get();
            return ComponentHealth.up(image == null ? "idle" : "building " + image);
        });
        EventCodec codec = new EventCodec();
        runtime.camel().addRoutes(new EndpointRouteBuilder() {
            @Override
            public void configure() {
                from(KafkaConsumers.consume(this, ROUTE, Topic.REBUILDS)
                        .maxPollRecords(1)
                        .maxPollIntervalMs(Long.toString(MAX_BUILD.toMillis())))
                        .routeId(ROUTE)
                        .routeConfigurationId(ConsumerErrorPolicy.ID)
                        .process(exchange -> {
                            CloudEvent event = codec.decode(exchange.getMessage().getBody(byte[].class));
                            if (event.data() instanceof RebuildRequest request) {
                                building.set(request.image());
                                try {
                                    desk.rebuild(request);
                                } finally {
                                    building.set(null);
                                }
                            }
                        })
                        .process(new OffsetCommitter());
            }
        });
    }

    /**
     * Removes the domains and scratch files killed builds left, and abandoned half-made bases; returns one line per
     * removal, and per host that could not be swept.
     */
    public static List<String> sweep(HostPool pool, BuildSettings settings) throws IOException {
        Leftovers leftovers = new Leftovers(settings.scratchDir());
        List<String> lines = new ArrayList<>();
        List<Leftovers.Removal> removed = new ArrayList<>(leftovers.sweepScratch(Set.of()));
        for (LibvirtHost host : pool.hosts()) {
            try {
                removed.addAll(leftovers.sweepDomains(host, Set.of()));
            } catch (HostException e) {
                lines.add("host " + host.name() + " not swept: " + e.getMessage());
            }
        }
        if (Files.isDirectory(settings.baseCache())) {
            new BaseImageCache(settings.baseCache()).removeAbandoned();
        }
        removed.forEach(r -> lines.add("removed " + r.what() + " (" + r.reason() + ")"));
        return lines;
    }
}
