package dev.goldsmith.routes.bus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-node Kafka broker (KRaft, broker and controller in one process) running inside this JVM.
 *
 * <p>Its log directories live under the given data directory, so a restart finds the events and the consumer offsets
 * of the previous run. The cluster id and the two ports are kept in {@code node.properties} beside the logs; a port
 * that is no longer free at start-up is replaced by a new one.
 *
 * <p>Kafka's fault handler ends the whole JVM on a fatal broker error; that is Kafka's choice and is left alone, since
 * a pipeline without its event bus cannot do anything useful.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String LOOPBACK = "127.0.0.1";
    private static final int NODE_ID = 1;

    private final Path dataDir;
    private final int brokerPort;
    private final KafkaRaftServer server;
    private volatile boolean running;

    private EmbeddedKafkaBroker(Path dataDir, int brokerPort, KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.brokerPort = brokerPort;
        this.server = server;
    }

    /**
     * Starts a broker whose data lives under {@code dataDir}, formatting the storage on first use.
     *
     * @param requestedPort the client port, or 0 to keep the port of the previous run (or pick a free one)
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int requestedPort) {
        long started = System.nanoTime();
        NodeFile node = NodeFile.load(dataDir.resolve("node.properties"), requestedPort);
        Path logDir = dataDir.resolve("logs");
        KafkaConfig config = new KafkaConfig(brokerProperties(logDir, node), false);
        format(config, node.clusterId(), logDir);

        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, node.brokerPort(), server);
        broker.running = true;
        LOG.info("embedded Kafka broker started bootstrap={} cluster={} data={} elapsed_ms={}",
                broker.bootstrapServers(), node.clusterId(), dataDir, (System.nanoTime() - started) / 1_000_000);
        return broker;
    }

    /** Returns the address clients connect to, such as {@code 127.0.0.1:39092}. */
    public String bootstrapServers() {
        return LOOPBACK + ":" + brokerPort;
    }

    /** Returns whether the broker has started and not yet been stopped. */
    public boolean isRunning() {
        return running;
    }

    /** Returns the directory holding the broker's logs and node file. */
    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker and waits until its logs are closed. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        server.shutdown();
        server.awaitShutdown();
        LOG.info("embedded Kafka broker stopped data={}", dataDir);
    }

    private static Properties brokerProperties(Path logDir, NodeFile node) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + LOOPBACK + ":" + node.controllerPort());
        props.put("listeners", "PLAINTEXT://" + LOOPBACK + ":" + node.brokerPort()
                + ",CONTROLLER://" + LOOPBACK + ":" + node.controllerPort());
        props.put("advertised.listeners", "PLAINTEXT://" + LOOPBACK + ":" + node.brokerPort());
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // One node: every internal topic has a single replica, and nothing waits for more members.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "1");
        return props;
    }

    private static void format(KafkaConfig config, String clusterId, Path logDir) {
        try {
            Files.createDirectories(logDir);
            Formatter formatter = new Formatter()
                    .setClusterId(clusterId)
                    .setNodeId(NODE_ID)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setDirectories(List.of(logDir.toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setIgnoreFormatted(true)
                    .setPrintStream(new java.io.PrintStream(OutputStream.nullOutputStream()));
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    /** The identity of this node that must survive restarts: cluster id and ports. */
    private record NodeFile(String clusterId, int brokerPort, int controllerPort) {

        static NodeFile load(Path file, int requestedPort) {
            Properties saved = new Properties();
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    saved.load(in);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
            }
            String clusterId = saved.getProperty("cluster.id", Uuid.randomUuid().toString());
            int brokerPort = requestedPort != 0 ? requestedPort : reusablePort(saved.getProperty("broker.port"));
            int controllerPort = reusablePort(saved.getProperty("controller.port"));
            NodeFile node = new NodeFile(clusterId, brokerPort, controllerPort);
            node.save(file);
            return node;
        }

        private static int reusablePort(String saved) {
            if (saved != null) {
                int port = Integer.parseInt(saved);
                if (isFree(port)) {
                    return port;
                }
                LOG.warn("embedded Kafka port {} of the previous run is taken, choosing another", port);
            }
            return freePort();
        }

        private static boolean isFree(int port) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK))) {
                socket.setReuseAddress(true);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free loopback port for the embedded broker", e);
            }
        }

        private void save(Path file) {
            Properties props = new Properties();
            props.setProperty("cluster.id", clusterId);
            props.setProperty("broker.port", Integer.toString(brokerPort));
            props.setProperty("controller.port", Integer.toString(controllerPort));
            try {
                Files.createDirectories(file.getParent());
                try (OutputStream out = Files.newOutputStream(file)) {
                    props.store(out, "Goldsmith embedded Kafka node; delete the whole directory to start afresh");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
    }
}
