package dev.goldsmith.routes;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import dev.goldsmith.routes.bus.EmbeddedKafkaBroker;
import dev.goldsmith.routes.bus.TopicProvisioner;
import dev.goldsmith.routes.events.ConsumerErrorPolicy;
import dev.goldsmith.routes.events.DeadLetterRoutes;
import dev.goldsmith.routes.events.EventJournalRoutes;
import dev.goldsmith.routes.events.EventPublisher;
import dev.goldsmith.routes.health.ComponentHealth;
import dev.goldsmith.routes.health.HealthRegistry;
import dev.goldsmith.routes.http.OperationsRoutes;
import dev.goldsmith.routes.metrics.Metrics;
import dev.goldsmith.routes.metrics.RouteMetricsNotifier;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running pipeline: event bus (embedded broker or an external cluster), topics, Camel routes and the operator
 * HTTP endpoints, started in that order and stopped in reverse.
 *
 * <p>Stopping first tells long work in progress to give up ({@link #onStopping}), then gives Camel five seconds to
 * finish what is in flight gracefully: consumers commit what they handled and leave their groups. Past that window
 * Camel forces the routes down and interrupts the Kafka consumers while they close, which Kafka reports as errors, so
 * work that cannot end within it must listen for the stop.
 */
public final class GoldsmithRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GoldsmithRuntime.class);
    private static final int SHUTDOWN_TIMEOUT_SECONDS = 5;
    private static final int MAXIMUM_REDELIVERIES = 3;
    private static final long REDELIVERY_DELAY_MS = 1000;

    private final RuntimeSettings settings;
    private final Metrics metrics;
    private final HealthRegistry health;
    private final EmbeddedKafkaBroker broker;
    private final Admin admin;
    private final CamelContext camel;
    private final VertxPlatformHttpServer httpServer;
    private final List<AutoCloseable> closeOnStop = new ArrayList<>();
    private final List<Runnable> onStopping = new ArrayList<>();

    private GoldsmithRuntime(RuntimeSettings settings, Metrics metrics, HealthRegistry health,
            EmbeddedKafkaBroker broker, Admin admin, CamelContext camel, VertxPlatformHttpServer httpServer) {
        this.settings = settings;
        this.metrics = metrics;
        this.health = health;
        this.broker = broker;
        this.admin = admin;
        this.camel = camel;
        this.httpServer = httpServer;
    }

    /**
     * Starts the broker (unless an external cluster is configured), provisions the topics, and starts Camel with the
     * operator routes, the event journal and the given features.
     */
    public static GoldsmithRuntime start(RuntimeSettings settings, List<Feature> features) throws Exception {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            return startAll(settings, features, started);
        } catch (Exception | Error e) {
            closeAll(started);
            throw e;
        }
    }

    private static GoldsmithRuntime startAll(RuntimeSettings settings, List<Feature> features,
            List<AutoCloseable> started) throws Exception {
        long begin = System.nanoTime();
        Metrics metrics = new Metrics();
        started.add(metrics);
        HealthRegistry health = new HealthRegistry();

        EmbeddedKafkaBroker broker = null;
        if (settings.embeddedBroker()) {
            broker = EmbeddedKafkaBroker.start(settings.stateDir().resolve("kafka"), settings.embeddedPort());
            started.add(broker);
        }
        String bootstrap = broker != null ? broker.bootstrapServers() : settings.externalBootstrapServers().get();
        new TopicProvisioner(bootstrap, settings.kafkaProperties()).provision(settings.partitions(),
                broker != null ? Optional.of((short) 1) : Optional.empty());
        Admin admin = Admin.create(adminProperties(bootstrap, settings.kafkaProperties()));
        started.add(admin);

        DefaultCamelContext camel = new DefaultCamelContext();
        started.add(camel);
        camel.getCamelContextExtension().setName("goldsmith");
        camel.getShutdownStrategy().setTimeout(SHUTDOWN_TIMEOUT_SECONDS);
        camel.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
        camel.getPropertiesComponent().setInitialProperties(camelProperties(settings, bootstrap));
        camel.getManagementStrategy().addEventNotifier(new RouteMetricsNotifier(metrics.registry()));
        camel.addComponent("kafka", kafkaComponent(bootstrap, settings.kafkaProperties()));

        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindHost(settings.httpHost());
        http.setBindPort(settings.httpPort());
        VertxPlatformHttpServer httpServer = new VertxPlatformHttpServer(http);
        camel.addService(httpServer, true, true);

        camel.addRoutes(new OperationsRoutes(health, metrics));
        camel.addRoutes(new ConsumerErrorPolicy(MAXIMUM_REDELIVERIES, REDELIVERY_DELAY_MS));
        camel.addRoutes(new DeadLetterRoutes(Clock.systemUTC()));
        camel.addRoutes(new EventJournalRoutes(metrics.registry()));
        GoldsmithRuntime runtime = new GoldsmithRuntime(settings, metrics, health, broker, admin, camel, httpServer);
        runtime.registerHealthChecks(bootstrap);
        for (Feature feature : features) {
            feature.install(runtime);
        }
        camel.start();
        LOG.info("Goldsmith started bus={} bootstrap={} http=http://{}:{} routes={} state={} elapsed_ms={}",
                broker != null ? "embedded" : "external", bootstrap, settings.httpHost(), runtime.httpPort(),
                camel.getRoutes().size(), settings.stateDir(), (System.nanoTime() - begin) / 1_000_000);
        return runtime;
    }

    private void registerHealthChecks(String bootstrap) {
        health.register("event-bus", () -> brokerHealth(bootstrap));
        health.register("camel", () -> camel.getStatus() == ServiceStatus.Started
                ? ComponentHealth.up("context started")
                : ComponentHealth.down("context " + camel.getStatus()));
        health.register("routes", this::routesHealth);
    }

    private ComponentHealth brokerHealth(String bootstrap) {
        if (broker != null && !broker.isRunning()) {
            return ComponentHealth.down("embedded broker stopped");
        }
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
                    .nodes().get(3, TimeUnit.SECONDS).size();
            String kind = broker != null ? "embedded" : "external";
            return ComponentHealth.up(kind + " broker at " + bootstrap + ", " + nodes + " node(s)");
        } catch (Exception e) {
            return ComponentHealth.down("Kafka at " + bootstrap + " does not answer: " + e.getMessage());
        }
    }

    private ComponentHealth routesHealth() {
        List<String> stopped = new ArrayList<>();
        for (Route route : camel.getRoutes()) {
            ServiceStatus status = camel.getRouteController().getRouteStatus(route.getRouteId());
            if (status != ServiceStatus.Started) {
                stopped.add(route.getRouteId() + "=" + status);
            }
        }
        return stopped.isEmpty()
                ? ComponentHealth.up(camel.getRoutes().size() + " routes started")
                : ComponentHealth.down("not started: " + String.join(", ", stopped));
    }

    private static Properties adminProperties(String bootstrap, Map<String, String> extra) {
        Properties props = new Properties();
        props.putAll(extra);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "goldsmith-health");
        return props;
    }

    private static Properties camelProperties(RuntimeSettings settings, String bootstrap) {
        Properties props = new Properties();
        props.setProperty("goldsmith.kafka.brokers", bootstrap);
        props.setProperty("goldsmith.kafka.group-id", settings.groupId());
        props.setProperty("goldsmith.kafka.poll-timeout-ms", Long.toString(settings.pollTimeoutMs()));
        props.setProperty("goldsmith.state-dir", settings.stateDir().toString());
        return props;
    }

    private static KafkaComponent kafkaComponent(String bootstrap, Map<String, String> extra) {
        KafkaComponent kafka = new KafkaComponent();
        kafka.getConfiguration().setBrokers(bootstrap);
        kafka.getConfiguration().setAdditionalProperties(new HashMap<>(extra));
        return kafka;
    }

    /** Returns the port HTTP is served on, which differs from the configured one when that was 0. */
    public int httpPort() {
        return httpServer.getPort();
    }

    /** Returns the Kafka bootstrap servers the routes use. */
    public String bootstrapServers() {
        return broker != null ? broker.bootstrapServers() : settings.externalBootstrapServers().orElseThrow();
    }

    /** Returns the Camel context of the routes. */
    public CamelContext camel() {
        return camel;
    }

    /** Returns a publisher that sends events to their topics through this runtime's Kafka. */
    public EventPublisher publisher() {
        return new EventPublisher(camel.createProducerTemplate());
    }

    /** Closes {@code resource} when the runtime stops, after Camel and before the broker. */
    public void closeOnStop(AutoCloseable resource) {
        closeOnStop.add(resource);
    }

    /**
     * Runs {@code action} as soon as the runtime begins to stop, before Camel's graceful shutdown, so that work in
     * progress that would outlast the graceful window (a feed poll reading a whole distribution) can give up. The
     * action runs on the stopping thread: it must only signal, not wait.
     */
    public void onStopping(Runnable action) {
        onStopping.add(action);
    }

    /** Returns the registry every part reports its health to. */
    public HealthRegistry health() {
        return health;
    }

    /** Returns the metrics registry served on {@code /metrics}. */
    public Metrics metrics() {
        return metrics;
    }

    /** Returns the state directory. */
    public Path stateDir() {
        return settings.stateDir();
    }

    /** Tells work in progress to give up, stops Camel (consumers finish and commit), then the broker. */
    @Override
    public void close() {
        long begin = System.nanoTime();
        for (Runnable action : onStopping) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("stop signal failed action={} reason=\"{}\"", action.getClass().getName(), e.toString());
            }
        }
        List<AutoCloseable> parts = new ArrayList<>(List.of(metrics, broker == null ? () -> { } : broker, admin));
        parts.addAll(closeOnStop);
        parts.add(camel);
        closeAll(parts);
        LOG.info("Goldsmith stopped elapsed_ms={}", (System.nanoTime() - begin) / 1_000_000);
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.warn("failed to stop {} cleanly: {}", started.get(i).getClass().getSimpleName(), e.toString());
            }
        }
    }
}
