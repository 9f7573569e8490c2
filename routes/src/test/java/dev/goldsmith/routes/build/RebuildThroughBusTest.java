package dev.goldsmith.routes.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.goldsmith.routes.bus.TopicRecords;
import dev.goldsmith.builders.build.BuildSettings;
import dev.goldsmith.builders.build.FakeGuests;
import dev.goldsmith.builders.libvirt.LibvirtHost;
import dev.goldsmith.catalog.event.BuildFailed;
import dev.goldsmith.catalog.event.BuildSucceeded;
import dev.goldsmith.catalog.event.CloudEvent;
import dev.goldsmith.catalog.event.EventCodec;
import dev.goldsmith.catalog.event.EventType;
import dev.goldsmith.catalog.event.Events;
import dev.goldsmith.catalog.event.ImageTransition;
import dev.goldsmith.catalog.event.LifecycleState;
import dev.goldsmith.catalog.event.QaResult;
import dev.goldsmith.catalog.event.RebuildRequest;
import dev.goldsmith.catalog.event.Severity;
import dev.goldsmith.catalog.event.Topic;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.state.ImageEntry;
import dev.goldsmith.catalog.store.CatalogLayout;
import dev.goldsmith.catalog.store.CatalogLoader;
import dev.goldsmith.catalog.store.LoadedCatalog;
import dev.goldsmith.routes.Feature;
import dev.goldsmith.routes.GoldsmithRuntime;
import dev.goldsmith.routes.RuntimeSettings;
import dev.goldsmith.routes.bus.OffsetCommitter;
import dev.goldsmith.routes.catalog.CatalogFeature;
import dev.goldsmith.routes.catalog.CatalogRoutes;
import dev.goldsmith.routes.config.ConfigLoader;
import dev.goldsmith.routes.config.GoldsmithConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.model.ProcessDefinition;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.FooterLine;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebuild as {@code goldsmith run} does it, through the bus: a {@code rebuild.requested} on the embedded broker is
 * built on libvirt's test driver, where fake guests play the build and QA VMs' consoles and fake programs make the
 * base and disks; the build, its QA run and the promote policy's decision are committed to a Git repository on disk
 * and pushed to a bare remote; {@code build.*}, {@code qa.*} and {@code image.*} events follow, and the request's
 * offset moves only once Git has every commit. A build that fails is committed as a failed version before
 * {@code build.failed} goes out.
 */
class RebuildThroughBusTest {

    private static final String IMAGE = "tiny";
    private static final String BLUEPRINT = """
            name = "tiny"
            version = "1.0.0"
            distro = "debian-12"

            [[packages]]
            name = "hello"
            version = "*"

            [goldsmith]
            qa-suite = "tiny"
            """;
    private static final String SUITE = """
            - name: hello is installed
              package-installed: hello
            """;
    private static final Map<String, String> PACKAGES = new LinkedHashMap<>(Map.of("hello", "2.10-3",
            "systemd", "252.39-1~deb12u1"));
    private static final String ADVISORY = "DSA-9999-1";
    private static final String CVE = "CVE-2026-11111";
    private static final String FAILED_PACKAGES = "E: Unable to locate package hello";
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void requestedRebuildIsCommittedToGitBeforeItsOffsetMovesAndItsEventsFollow() throws Exception {
        Path remote = dir.resolve("remote.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
        GoldsmithConfig config = config("git:\n  remote: " + remote + "\n");
        FakeGuests guests = new FakeGuests(scratchDir(config), IMAGE)
                .plays("build-vm", FakeGuests.provisioned(List.of("apt-sources", "packages", "cleanup"), PACKAGES))
                .plays("qa-vm", qaConsole());
        OffsetWatch watch = new OffsetWatch(config.git().repository(), group(config));
        CatalogFeature catalog = new CatalogFeature(config.git(), config.images(), config.policies(),
                Clock.systemUTC());
        BuildFeature build = new BuildFeature(config, catalog, Clock.systemUTC(), environment(guests));
        Map<Topic, List<CloudEvent>> events;

        try (GoldsmithRuntime runtime = GoldsmithRuntime.start(RuntimeSettings.from(config),
                List.of(catalog, build, watch))) {
            NotifyBuilder handled = new NotifyBuilder(runtime.camel()).fromRoute(BuildFeature.ROUTE)
                    .whenCompleted(1).create();

            runtime.publisher().publish(request());

            assertTrue(handled.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the builder took the request");
            events = readAll(runtime.bootstrapServers());
            awaitPushed(runtime, config.git().repository(), remote);
        }

        // Git: the build, QA starting, its result and the promotion, each its own commit with its trailers.
        List<RevCommit> log = log(config.git().repository());
        assertEquals(5, log.size(), () -> "commits: " + subjects(log));
        assertEquals("tiny: add blueprint", log.get(0).getShortMessage());
        RevCommit builtCommit = log.get(1);
        String version = trailer(builtCommit, "Version");
        ImageVersionId id = ImageVersionId.parse(version);
        assertEquals(IMAGE, trailer(builtCommit, "Image"));
        assertEquals(ADVISORY, trailer(builtCommit, "Triggered-By"));
        assertEquals(ADVISORY + " " + CVE, trailer(builtCommit, "Fixes"));
        assertEquals("1.0.0 -> 1.0.1", trailer(builtCommit, "Blueprint"));
        assertEquals(List.of("building -> built", "built -> testing", "", "testing -> stable"),
                log.subList(1, 5).stream().map(c -> trailer(c, "Transition")).toList());
        RevCommit qaCommit = log.get(3);
        assertTrue(trailer(qaCommit, "QA").startsWith("passed (suite tiny: "), trailer(qaCommit, "QA"));
        log.subList(1, 5).forEach(c -> assertEquals(version, trailer(c, "Version"), c.getShortMessage()));
        LoadedCatalog loaded = CatalogLoader.load(config.git().repository());
        ImageEntry entry = loaded.entry(IMAGE).orElseThrow();
        assertEquals(LifecycleState.STABLE, entry.version(id).orElseThrow().state());
        assertEquals(id, entry.channels().get("stable"));
        Manifest manifest = loaded.liveManifests().get(0);
        assertEquals("2.10-3", manifest.versionsByName().get("hello"));
        assertTrue(Files.isRegularFile(Path.of(manifest.artifact().path())), "the artifact is kept");
        assertTrue(gitFileExists(config.git().repository(), CatalogLayout.qa(IMAGE, id)));
        assertEquals(log.get(4).getId(), resolve(config.git().repository(), "refs/tags/" + CatalogLayout.tag(IMAGE,
                id) + "^{commit}"), "the promoted version is tagged");
        assertEquals(log.get(4).getId(), resolve(remote, "refs/heads/main"), "every commit reached the remote");

        // The offset moved once, with every commit already in Git.
        assertEquals(1, watch.moments().size(), () -> "offset commits seen: " + watch.moments());
        Moment moment = watch.moments().get(0);
        assertEquals(subjects(log), moment.subjects(), "Git had every commit when the offset was about to move");
        assertEquals(0, moment.committedBefore(), "nothing was committed before");
        assertEquals(1, moment.committedAfter(), "the request's offset was committed");

        // The bus: build.succeeded, qa.passed and image.promoted, each once, for the version in Git.
        assertEquals(List.of(EventType.BUILD_SUCCEEDED), types(events.get(Topic.BUILDS)));
        BuildSucceeded succeeded = (BuildSucceeded) events.get(Topic.BUILDS).get(0).data();
        assertEquals(version, succeeded.version());
        assertEquals("test", succeeded.builderHost());
        assertEquals(manifest.artifact().sha256(), succeeded.sha256());
        assertEquals(List.of(EventType.QA_PASSED), types(events.get(Topic.QA)));
        QaResult qa = (QaResult) events.get(Topic.QA).get(0).data();
        assertEquals(version, qa.version());
        assertEquals("tiny", qa.suite());
        assertEquals(0, qa.failures());
        assertEquals(List.of(EventType.IMAGE_PROMOTED), types(events.get(Topic.CATALOG)));
        assertEquals(version, ((ImageTransition) events.get(Topic.CATALOG).get(0).data()).version());
        assertEquals(List.of(), events.get(Topic.DEAD_LETTERS));
    }

    @Test
    void failedProvisioningStepIsCommittedAsAFailedVersionBeforeBuildFailedIsPublished() throws Exception {
        GoldsmithConfig config = config("");
        String console = "GOLDSMITH-AGENT {\"version\":1}\n"
                + "GOLDSMITH-RESULT {\"step\":\"apt-sources\",\"status\":0,\"seconds\":0}\n"
                + "GOLDSMITH-RESULT {\"step\":\"packages\",\"status\":100,\"seconds\":7,"
                + "\"output\":\"Reading package lists...\\n" + FAILED_PACKAGES + "\"}\n"
                + "GOLDSMITH-PACKAGES-BEGIN {\"format\":\"dpkg\"}\nGOLDSMITH-PACKAGES-END {\"count\":0}\n"
                + "GOLDSMITH-DONE {\"status\":100,\"steps\":2,\"failed\":\"packages\",\"seconds\":9}\n";
        FakeGuests guests = new FakeGuests(scratchDir(config), IMAGE).plays("build-vm", console);
        OffsetWatch watch = new OffsetWatch(config.git().repository(), group(config));
        CatalogFeature catalog = new CatalogFeature(config.git(), config.images(), config.policies(),
                Clock.systemUTC());
        BuildFeature build = new BuildFeature(config, catalog, Clock.systemUTC(), environment(guests));
        Map<Topic, List<CloudEvent>> events;

        try (GoldsmithRuntime runtime = GoldsmithRuntime.start(RuntimeSettings.from(config),
                List.of(catalog, build, watch))) {
            NotifyBuilder handled = new NotifyBuilder(runtime.camel()).fromRoute(BuildFeature.ROUTE)
                    .whenCompleted(1).create();

            runtime.publisher().publish(request());

            assertTrue(handled.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the builder took the request");
            assertEquals(List.of(), catalog.live().liveManifests(), "nothing new is live");
            events = readAll(runtime.bootstrapServers());
        }

        // Git: one commit makes the failure a version of its own, with the advisory it was for and the reason.
        List<RevCommit> log = log(config.git().repository());
        assertEquals(2, log.size(), () -> "commits: " + subjects(log));
        RevCommit failedCommit = log.get(1);
        String version = trailer(failedCommit, "Version");
        ImageVersionId id = ImageVersionId.parse(version);
        assertEquals(1, id.number(), "the image's first version");
        assertEquals("tiny " + version + ": build failed at provisioning step packages (exit status 100: "
                + FAILED_PACKAGES + ")", failedCommit.getShortMessage());
        assertEquals(List.of("Image: tiny", "Version: " + version, "Triggered-By: " + ADVISORY,
                "Fixes: " + ADVISORY + " " + CVE, "Transition: building -> failed"), failedCommit.getFooterLines()
                .stream().map(f -> f.getKey() + ": " + f.getValue()).toList());
        LoadedCatalog loaded = CatalogLoader.load(config.git().repository());
        assertEquals(List.of(), loaded.problems(), "a failed version needs no manifest");
        ImageEntry entry = loaded.entry(IMAGE).orElseThrow();
        assertEquals(LifecycleState.FAILED, entry.version(id).orElseThrow().state());
        assertEquals(Map.of(), entry.channels());
        assertFalse(gitFileExists(config.git().repository(), CatalogLayout.manifest(IMAGE, id)));
        assertNull(resolve(config.git().repository(), "refs/tags/" + CatalogLayout.tag(IMAGE, id)));

        // The commit tells the operator where the console is; the disk keeps that and nothing else.
        String body = failedCommit.getFullMessage();
        assertTrue(body.contains("\n    " + FAILED_PACKAGES + "\n"), body);
        Path imageDir = settings(config).artifactsDir().resolve(IMAGE);
        Path consoles = body.lines().filter(l -> l.startsWith("Consoles kept in ")).findFirst()
                .map(l -> Path.of(l.substring("Consoles kept in ".length()))).orElseThrow(() -> new AssertionError(
                        "no console directory in " + body));
        assertEquals(imageDir.resolve("failed-builds"), consoles.getParent());
        assertTrue(Files.readString(consoles.resolve("build.console")).contains(FAILED_PACKAGES),
                "the failed build's console is kept for the operator");
        assertEquals(List.of("failed-builds"), list(imageDir), "no artifact or version directory is left");
        assertEquals(List.of(), list(scratchDir(config)));

        // The offset moved once, with the failure already in Git: a failed build is an outcome, not retried.
        assertEquals(List.of(new Moment(subjects(log), 0, 1)), watch.moments());

        // The bus: build.failed for the version in Git, nothing else.
        assertEquals(List.of(EventType.BUILD_FAILED), types(events.get(Topic.BUILDS)));
        BuildFailed failed = (BuildFailed) events.get(Topic.BUILDS).get(0).data();
        assertEquals(IMAGE, failed.image());
        assertEquals(version, failed.version());
        assertEquals("report", failed.failedStep());
        assertTrue(failed.reason().contains("step packages failed with exit status 100"), failed.reason());
        assertTrue(failed.reason().contains(FAILED_PACKAGES), failed.reason());
        assertEquals("report", failed.steps().get(failed.steps().size() - 1).step());
        assertEquals(List.of(), events.get(Topic.QA));
        assertEquals(List.of(), events.get(Topic.CATALOG));
        assertEquals(List.of(), events.get(Topic.DEAD_LETTERS));
    }

    /**
     * Writes the blueprint, the QA suite and goldsmith.yaml (plus {@code extra}) under the temporary folder; bases
     * are cached there too.
     */
    @Test
    void buildInProgressWhenGoldsmithStopsIsGivenUpAndBuiltAgainAfterTheRestart() throws Exception {
        GoldsmithConfig config = config("");
        // The first run's build VM never reports: its build is still in progress when Goldsmith stops.
        CatalogFeature catalog = new CatalogFeature(config.git(), config.images(), config.policies(),
                Clock.systemUTC());
        FakeGuests hanging = new FakeGuests(scratchDir(config), IMAGE).hangs("build-vm");
        BuildFeature build = new BuildFeature(config, catalog, Clock.systemUTC(), environment(hanging));
        try (GoldsmithRuntime runtime = GoldsmithRuntime.start(RuntimeSettings.from(config),
                List.of(catalog, build))) {
            runtime.publisher().publish(request());
            assertTrue(hanging.awaitRunning("build-vm", PATIENCE), "the build VM runs");
            assertEquals(1, buildVms().size());
        }

        assertEquals(1, log(config.git().repository()).size(), "only the blueprint's import: nothing of the"
                + " abandoned build is recorded");
        assertEquals(List.of(), list(scratchDir(config)), "the abandoned build cleaned up after itself");
        assertEquals(List.of(), buildVms(), "and destroyed its VM");

        FakeGuests guests = new FakeGuests(scratchDir(config), IMAGE)
                .plays("build-vm", FakeGuests.provisioned(List.of("apt-sources", "packages", "cleanup"), PACKAGES))
                .plays("qa-vm", qaConsole());
        CatalogFeature catalogAgain = new CatalogFeature(config.git(), config.images(), config.policies(),
                Clock.systemUTC());
        BuildFeature buildAgain = new BuildFeature(config, catalogAgain, Clock.systemUTC(), environment(guests));
        Map<Topic, List<CloudEvent>> events;
        try (GoldsmithRuntime runtime = GoldsmithRuntime.start(RuntimeSettings.from(config),
                List.of(catalogAgain, buildAgain))) {
            NotifyBuilder handled = new NotifyBuilder(runtime.camel()).fromRoute(BuildFeature.ROUTE)
                    .whenCompleted(1).create();
            assertTrue(handled.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the request was taken again");
            events = readAll(runtime.bootstrapServers());
            try (Admin admin = admin(runtime.bootstrapServers())) {
                assertEquals(1, committed(admin, group(config)), "and consumed once built");
            }
        }

        assertEquals(List.of(EventType.BUILD_SUCCEEDED), types(events.get(Topic.BUILDS)));
        assertEquals(List.of(), events.get(Topic.DEAD_LETTERS), "giving up on stop is no failure to dead-letter");
        BuildSucceeded built = (BuildSucceeded) events.get(Topic.BUILDS).get(0).data();
        assertEquals(1, ImageVersionId.parse(built.version()).number(), "the first version, built on restart");
    }

    private static List<String> buildVms() throws Exception {
        try (LibvirtHost host = new LibvirtHost("test", "test:///default", 1)) {
            return host.domainNames().stream().filter(n -> n.startsWith("goldsmith-" + IMAGE + "-")).toList();
        }
    }

    private GoldsmithConfig config(String extra) throws Exception {
        Path bases = Files.createDirectories(dir.resolve("bases"));
        Path configDir = Files.createDirectories(dir.resolve("config"));
        Files.createDirectories(configDir.resolve("blueprints"));
        Files.createDirectories(configDir.resolve("qa"));
        Files.writeString(configDir.resolve("blueprints/tiny.toml"), BLUEPRINT);
        Files.writeString(configDir.resolve("qa/tiny.yaml"), SUITE);
        Path file = Files.writeString(configDir.resolve("goldsmith.yaml"), """
                state-dir: ../state
                event-bus:
                  embedded-port: 0
                images:
                  - name: tiny
                    blueprint: blueprints/tiny.toml
                builders:
                  - name: test
                    uri: test:///default
                    capacity: 1
                build:
                  base-cache: %s
                qa-suites:
                  - name: tiny
                    file: qa/tiny.yaml
                http:
                  host: 127.0.0.1
                  port: 0
                """.formatted(bases) + extra);
        return ConfigLoader.load(file, Map.of());
    }

    /** Returns the machine the builds run on here: fake programs and guests, no KVM, fixed APT sources. */
    private BuildEnvironment environment(FakeGuests guests) {
        BuildSources sources = new BuildSources(URI.create("http://deb.example.org/debian"),
                List.of("deb http://deb.example.org/debian bookworm main",
                        "deb http://deb.example.org/debian-security bookworm-security main"),
                "bookworm=Sat, 05 Dec 2026 09:00:00 UTC");
        return new BuildEnvironment(FakeGuests.programs(), dir.resolve("no-dev-kvm"), suite -> sources, guests);
    }

    private static BuildSettings settings(GoldsmithConfig config) {
        return config.build().settings(config.stateDir());
    }

    private static Path scratchDir(GoldsmithConfig config) {
        return settings(config).scratchDir();
    }

    private static String group(GoldsmithConfig config) {
        return config.eventBus().groupId() + "." + BuildFeature.ROUTE;
    }

    private static CloudEvent request() {
        RebuildRequest request = new RebuildRequest(IMAGE, List.of(new RebuildRequest.Reason("hello", "2.10-2",
                "2.10-3", List.of(ADVISORY), List.of(CVE), Severity.HIGH)), false, Instant.now());
        return new Events(Events.componentSource("planner"), Clock.systemUTC()).rebuildRequested(request);
    }

    private static String qaConsole() {
        return "GOLDSMITH-AGENT {\"version\":1}\nGOLDSMITH-BOOT {\"seconds\":21.50}\n"
                + "GOLDSMITH-QA-BEGIN {\"suite\":\"tiny\",\"checks\":1}\n"
                + "GOLDSMITH-CHECK {\"name\":\"hello is installed\",\"passed\":true,\"detail\":\"installed 2.10-3\","
                + "\"value\":\"2.10-3\",\"millis\":40}\n"
                + "GOLDSMITH-QA-END {\"checks\":1,\"failed\":0}\n";
    }

    /** Waits, one push round at a time, until the remote's branch is the local HEAD; gives up after a few rounds. */
    private static void awaitPushed(GoldsmithRuntime runtime, Path repository, Path remote) throws Exception {
        ObjectId head = resolve(repository, Constants.HEAD);
        for (int round = 0; round < 4 && !head.equals(resolve(remote, "refs/heads/main")); round++) {
            NotifyBuilder pushed = new NotifyBuilder(runtime.camel()).fromRoute(CatalogRoutes.PUSH_ROUTE)
                    .whenCompleted(1).create();
            assertTrue(pushed.matches(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the push route ran");
        }
    }

    private static long committed(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        return offsets.entrySet().stream()
                .filter(e -> e.getKey().topic().equals(Topic.REBUILDS.topicName()) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    private static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(props);
    }

    /** Reads every event on the build, QA, catalog and dead-letter topics, by topic. */
    private static Map<Topic, List<CloudEvent>> readAll(String bootstrap) {
        List<Topic> topics = List.of(Topic.BUILDS, Topic.QA, Topic.CATALOG, Topic.DEAD_LETTERS);
        Map<Topic, List<CloudEvent>> events = new LinkedHashMap<>();
        topics.forEach(t -> events.put(t, new ArrayList<>()));
        EventCodec codec = new EventCodec();
        for (ConsumerRecord<String, byte[]> record : TopicRecords.readAll(bootstrap, topics, PATIENCE)) {
            Topic topic = topics.stream().filter(t -> t.topicName().equals(record.topic())).findFirst().orElseThrow();
            events.get(topic).add(codec.decode(record.value()));
        }
        return events;
    }

    private static List<EventType> types(List<CloudEvent> events) {
        return events.stream().map(CloudEvent::type).toList();
    }

    /** Returns the commits of HEAD, oldest first. */
    private static List<RevCommit> log(Path repository) throws Exception {
        try (Repository repo = open(repository); RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(repo.resolve(Constants.HEAD)));
            List<RevCommit> commits = new ArrayList<>();
            walk.forEach(commits::add);
            Collections.reverse(commits);
            return commits;
        }
    }

    private static List<String> subjects(List<RevCommit> commits) {
        return commits.stream().map(RevCommit::getShortMessage).toList();
    }

    /** Returns the value of the commit's trailer {@code key}, or an empty string when it has none. */
    private static String trailer(RevCommit commit, String key) {
        return commit.getFooterLines().stream().filter(f -> f.getKey().equals(key)).map(FooterLine::getValue)
                .findFirst().orElse("");
    }

    private static ObjectId resolve(Path repository, String revision) throws Exception {
        try (Repository repo = open(repository)) {
            return repo.resolve(revision);
        }
    }

    private static boolean gitFileExists(Path repository, String path) throws Exception {
        try (Repository repo = open(repository); RevWalk walk = new RevWalk(repo)) {
            RevCommit head = walk.parseCommit(repo.resolve(Constants.HEAD));
            return TreeWalk.forPath(repo, path, head.getTree()) != null;
        }
    }

    private static Repository open(Path repository) throws Exception {
        Path gitDir = Files.isDirectory(repository.resolve(Constants.DOT_GIT)) ? repository.resolve(Constants.DOT_GIT)
                : repository;
        return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
    }

    private static List<String> list(Path dir) throws Exception {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * What Git and the builder's consumer group held when the builder route committed an offset.
     *
     * @param subjects        the subjects of HEAD's commits just before, oldest first
     * @param committedBefore the offsets the group had committed on the rebuild topic just before, summed
     * @param committedAfter  the same just after
     */
    record Moment(List<String> subjects, long committedBefore, long committedAfter) {
    }

    /**
     * Installed after the build feature and before Camel starts: wraps the builder route's {@link OffsetCommitter}
     * to note what Git and the consumer group hold just before the real commit runs, and the group just after (the
     * consumer commits synchronously).
     */
    private static final class OffsetWatch implements Feature, InterceptStrategy {

        private final Path repository;
        private final String group;
        private final List<Moment> moments = new CopyOnWriteArrayList<>();
        private Admin admin;

        OffsetWatch(Path repository, String group) {
            this.repository = repository;
            this.group = group;
        }

        List<Moment> moments() {
            return List.copyOf(moments);
        }

        @Override
        public void install(GoldsmithRuntime runtime) {
            admin = admin(runtime.bootstrapServers());
            runtime.closeOnStop(admin);
            runtime.camel().getCamelContextExtension().addInterceptStrategy(this);
        }

        @Override
        public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
                Processor nextTarget) {
            if (!(definition instanceof ProcessDefinition process
                    && process.getProcessor() instanceof OffsetCommitter)) {
                return target;
            }
            return AsyncProcessorConverterHelper.convert(exchange -> {
                if (!BuildFeature.ROUTE.equals(exchange.getFromRouteId())) {
                    target.process(exchange);
                    return;
                }
                List<String> subjects = subjects(log(repository));
                long before = committed(admin, group);
                target.process(exchange);
                moments.add(new Moment(subjects, before, committed(admin, group)));
            });
        }
    }
}
