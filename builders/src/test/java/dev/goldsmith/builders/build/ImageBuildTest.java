package dev.goldsmith.builders.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goldsmith.builders.libvirt.BreakableHost;
import dev.goldsmith.builders.libvirt.DomainSpec;
import dev.goldsmith.builders.libvirt.DomainState;
import dev.goldsmith.builders.libvirt.HostPool;
import dev.goldsmith.builders.libvirt.KvmProbe;
import dev.goldsmith.builders.libvirt.Leftovers;
import dev.goldsmith.builders.process.FakePrograms;
import dev.goldsmith.builders.qa.QaSuite;
import dev.goldsmith.builders.qa.QaSuiteReader;
import dev.goldsmith.builders.step.StepOutcome;
import dev.goldsmith.catalog.blueprint.Blueprint;
import dev.goldsmith.catalog.blueprint.BlueprintReader;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.Manifest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;

/**
 * Builds on libvirt's test driver with fake programs and fake guests: the order of the steps, what a build keeps
 * and what it removes, and how it fails when a guest never reports, a provisioning step fails, libvirtd goes away
 * or Goldsmith is killed.
 */
class ImageBuildTest {

    private static final String IMAGE = "tiny";
    private static final String BLUEPRINT = """
            name = "tiny"
            version = "1.0.0"
            distro = "debian-12"

            [[packages]]
            name = "hello"
            version = "*"
            """;
    private static final String SUITE = """
            - name: hello is installed
              package-installed: hello
            """;
    private static final Map<String, String> PACKAGES = new LinkedHashMap<>(Map.of("hello", "2.10-3",
            "systemd", "252.39-1~deb12u1"));

    @TempDir
    Path dir;

    private BuildSettings settings;
    private BreakableHost breakable;
    private HostPool pool;
    private FakePrograms programs;

    @BeforeEach
    void setUp() throws Exception {
        settings = BuildSettings.under(dir.resolve("state"), dir.resolve("bases"))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMinutes(2));
        Files.createDirectories(settings.scratchDir());
        breakable = new BreakableHost("test");
        pool = new HostPool(List.of(breakable.host()));
        programs = FakeGuests.programs();
    }

    @AfterEach
    void tearDown() throws Exception {
        breakable.down(false);
        new Leftovers(settings.scratchDir()).sweepDomains(breakable.host(), Set.of());
        pool.close();
    }

    private ImageBuild build() {
        KvmProbe probe = new KvmProbe(dir.resolve("no-dev-kvm"), settings.scratchDir(), Duration.ofSeconds(1));
        return new ImageBuild(programs, pool, probe, settings);
    }

    private static BuildRequest request() throws Exception {
        return request(null);
    }

    /** Returns the request of a build after {@code catalogNewest}, the newest version the catalog holds, or null. */
    private static BuildRequest request(ImageVersionId catalogNewest) throws Exception {
        Blueprint blueprint = BlueprintReader.parse(BLUEPRINT, "tiny.toml");
        QaSuite suite = QaSuiteReader.parse(SUITE, "tiny.yaml", "tiny");
        return new BuildRequest(IMAGE, blueprint, suite, URI.create("http://deb.example.org/debian"), "state-1",
                List.of("deb http://deb.example.org/debian bookworm main",
                        "deb http://deb.example.org/debian-security bookworm-security main"),
                List.of(new Manifest.Trigger(null, null, null, List.of(), List.of(), "test")), List.of(), null,
                catalogNewest);
    }

    private static String qaConsole() {
        return "GOLDSMITH-AGENT {\"version\":1}\nGOLDSMITH-BOOT {\"seconds\":21.50}\n"
                + "GOLDSMITH-QA-BEGIN {\"suite\":\"tiny\",\"checks\":1}\n"
                + "GOLDSMITH-CHECK {\"name\":\"hello is installed\",\"passed\":true,\"detail\":\"installed 2.10-3\","
                + "\"value\":\"2.10-3\",\"millis\":40}\n"
                + "GOLDSMITH-QA-END {\"checks\":1,\"failed\":0}\n";
    }

    private List<Path> scratchEntries() throws Exception {
        try (Stream<Path> entries = Files.list(settings.scratchDir())) {
            return entries.toList();
        }
    }

    private boolean anyVersionKept() throws Exception {
        Path imageDir = settings.artifactsDir().resolve(IMAGE);
        if (!Files.isDirectory(imageDir)) {
            return false;
        }
        try (Stream<Path> versions = Files.list(imageDir)) {
            return versions.anyMatch(p -> !p.getFileName().toString().equals("failed-builds"));
        }
    }

    @Test
    void buildsTestsAndKeepsTheVersionButNoScratch() throws Exception {
        String id = "b-ok";
        FakeGuests guests = new FakeGuests(settings.scratchDir(), IMAGE)
                .plays("build-vm", FakeGuests.provisioned(List.of("apt-sources", "packages", "cleanup"), PACKAGES))
                .plays("qa-vm", qaConsole());

        BuildResult result = build().run(request(), id, guests);

        assertTrue(result.passed(), result.run().describe() + " " + result.qaResults());
        assertEquals(List.of("base", "overlay", "provisioning-disk", "host", "build-vm", "report", "artifact",
                "manifest", "qa-overlay", "qa-disk", "qa-vm", "qa-results", "scratch"),
                result.run().steps().stream().map(Manifest.Step::name).toList());
        Manifest manifest = result.manifest();
        assertEquals("2.10-3", manifest.versionsByName().get("hello"));
        assertEquals(List.of("base", "overlay", "provisioning-disk", "host", "build-vm", "report", "artifact"),
                manifest.steps().stream().map(Manifest.Step::name).toList());
        assertEquals("test", manifest.builderHost());
        assertEquals(ImageBuild.sha256(result.artifact()), manifest.artifact().sha256());
        assertEquals(Files.size(result.artifact()), manifest.artifact().size());
        assertTrue(Files.isRegularFile(result.versionDir().resolve("lock.toml")));
        assertTrue(Files.readString(result.junit()).contains("name=\"hello is installed\""));
        assertEquals(Duration.ofMillis(21_500), result.bootTime());
        assertEquals(manifest.version(), result.version());
        assertEquals(result.versionDir(), result.consoles(), "the consoles are kept beside the artifact");
        assertEquals(List.of(), scratchEntries(), "scratch is removed after success too");
        assertEquals(DomainState.GONE, breakable.host().state(DomainSpec.nameFor(IMAGE, id, "build")));
    }

    @Test
    void guestThatNeverReportsIsDestroyedAtItsTimeoutAndNothingIsKept() throws Exception {
        String id = "b-silent";

        BuildResult result = build().run(request(), id, BuildListener.NONE);

        assertEquals(StepOutcome.FAILED, result.run().outcome());
        assertEquals("build-vm", result.run().failedStep());
        assertTrue(result.run().describe().contains("did not power off within PT2S"), result.run().describe());
        assertEquals(DomainState.GONE, breakable.host().state(DomainSpec.nameFor(IMAGE, id, "build")));
        assertEquals(List.of(), scratchEntries());
        assertFalse(anyVersionKept());
        assertNull(result.artifact());
        assertEquals(List.of(), result.run().cleanupFailures());
    }

    @Test
    void failedProvisioningStepFailsTheBuildWithItsStatusAndOutput() throws Exception {
        String id = "b-apt";
        String console = "GOLDSMITH-AGENT {\"version\":1}\n"
                + "GOLDSMITH-RESULT {\"step\":\"apt-sources\",\"status\":0,\"seconds\":0}\n"
                + "GOLDSMITH-RESULT {\"step\":\"packages\",\"status\":100,\"seconds\":7,"
                + "\"output\":\"Reading package lists...\\nE: Unable to locate package hello\"}\n"
                + "GOLDSMITH-PACKAGES-BEGIN {\"format\":\"dpkg\"}\nGOLDSMITH-PACKAGES-END {\"count\":0}\n"
                + "GOLDSMITH-DONE {\"status\":100,\"steps\":2,\"failed\":\"packages\",\"seconds\":9}\n";
        FakeGuests guests = new FakeGuests(settings.scratchDir(), IMAGE).plays("build-vm", console);

        BuildResult result = build().run(request(), id, guests);

        assertEquals("report", result.run().failedStep());
        assertEquals("packages", result.failedGuestStep().step());
        assertEquals(100, result.failedGuestStep().status());
        String why = result.run().describe();
        assertTrue(why.contains("step packages failed with exit status 100"), why);
        assertTrue(why.contains("E: Unable to locate package hello"), why);
        assertFalse(anyVersionKept(), "the artifact is discarded");
        assertNull(result.version(), "it failed before it took a version");
        assertEquals(settings.artifactsDir().resolve(IMAGE).resolve("failed-builds").resolve(result.buildId()),
                result.consoles());
        assertTrue(Files.readString(result.consoles().resolve("build.console"))
                .contains("E: Unable to locate package hello"), "the failed build's console is kept for the operator");
        assertEquals(List.of(), scratchEntries());
    }

    @Test
    void qaVmThatNeverReportsFailsTheBuildAfterItTookAVersionAndTheResultSaysWhich() throws Exception {
        String id = "b-qa-silent";
        FakeGuests guests = new FakeGuests(settings.scratchDir(), IMAGE)
                .plays("build-vm", FakeGuests.provisioned(List.of("apt-sources", "packages", "cleanup"), PACKAGES));

        BuildResult result = build().run(request(ImageVersionId.parse("2999.01.01.4")), id, guests);

        assertFalse(result.built());
        assertEquals("qa-vm", result.run().failedStep());
        assertFalse(anyVersionKept(), "the artifact is discarded");
        assertEquals(ImageVersionId.parse("2999.01.01.5"), result.version(),
                "the id it took is known, so that it is not given to another version");
        assertTrue(Files.isRegularFile(result.consoles().resolve("build.console")), String.valueOf(result.consoles()));
        assertEquals(List.of(), scratchEntries());
    }

    @Test
    void libvirtdLostDuringTheBuildFailsNamingTheHostAndTheNextSweepLeavesNothing() throws Exception {
        String id = "b-lost";
        String domain = DomainSpec.nameFor(IMAGE, id, "build");
        BuildListener lose = new BuildListener() {
            @Override
            public void stepStarted(String buildId, String step) {
                if (step.equals("build-vm")) {
                    CompletableFuture.runAsync(() -> {
                        try {
                            while (breakable.host().state(domain) != DomainState.RUNNING) {
                                Thread.sleep(20);
                            }
                            breakable.down(true);
                            breakable.breakConnection();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }
            }
        };

        // The test driver forgets its domains when its last connection closes; a real libvirtd keeps its guests
        // running across a restart, which this connection stands for.
        Connect daemon = new Connect("test:///default");
        BuildResult result;
        try {
            result = build().run(request(), id, lose);
        } finally {
            breakable.down(false);
        }

        String why = result.run().describe();
        assertEquals("build-vm", result.run().failedStep());
        assertTrue(why.contains("could not be followed to its end") && why.contains("cannot connect"), why);
        assertEquals(1, result.run().cleanupFailures().size(), "the domain could not be destroyed while down");
        assertEquals(List.of(), scratchEntries());
        assertFalse(anyVersionKept());

        List<Leftovers.Removal> swept = new Leftovers(settings.scratchDir()).sweepDomains(breakable.host(), Set.of());
        daemon.close();

        assertEquals(List.of(domain), swept.stream().map(Leftovers.Removal::what).toList());
        assertEquals(DomainState.GONE, breakable.host().state(domain));
    }

    /**
     * A killed Goldsmith runs no cleanup at all. The build here is left hanging in its build VM, as a killed one
     * would be found, and the sweep a new Goldsmith runs at start-up (knowing of no build in progress) must remove
     * its domain and scratch directory.
     */
    @Test
    void buildOfAKilledGoldsmithLeavesNothingAfterTheNextStartupSweep() throws Exception {
        String id = "b-killed";
        String domain = DomainSpec.nameFor(IMAGE, id, "build");
        settings = settings.withTimeouts(Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofMinutes(20));
        CountDownLatch inVm = new CountDownLatch(1);
        BuildListener listener = new BuildListener() {
            @Override
            public void stepStarted(String buildId, String step) {
                if (step.equals("build-vm")) {
                    inVm.countDown();
                }
            }
        };
        ImageBuild build = build();
        Thread orphan = new Thread(() -> {
            try {
                build.run(request(), id, listener);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        orphan.setDaemon(true);
        orphan.start();
        assertTrue(inVm.await(1, TimeUnit.MINUTES));
        while (breakable.host().state(domain) != DomainState.RUNNING) {
            Thread.sleep(20);
        }
        assertEquals(1, scratchEntries().size());

        Leftovers sweep = new Leftovers(settings.scratchDir());
        List<Leftovers.Removal> removed = sweep.sweepDomains(breakable.host(), Set.of());
        removed.addAll(sweep.sweepScratch(Set.of()));

        assertEquals(DomainState.GONE, breakable.host().state(domain));
        assertEquals(List.of(), scratchEntries());
        assertEquals(2, removed.size(), removed.toString());
        orphan.join(TimeUnit.MINUTES.toMillis(1));
        assertFalse(anyVersionKept());
    }
}
