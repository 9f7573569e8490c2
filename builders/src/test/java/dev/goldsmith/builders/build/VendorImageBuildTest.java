package dev.goldsmith.builders.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goldsmith.builders.base.BaseImage;
import dev.goldsmith.builders.base.BaseImageCache;
import dev.goldsmith.builders.base.CloudImagePreparer;
import dev.goldsmith.builders.base.VendorImage;
import dev.goldsmith.builders.libvirt.BreakableHost;
import dev.goldsmith.builders.libvirt.HostPool;
import dev.goldsmith.builders.libvirt.KvmProbe;
import dev.goldsmith.builders.libvirt.Leftovers;
import dev.goldsmith.builders.process.FakePrograms;
import dev.goldsmith.catalog.blueprint.BlueprintReader;
import dev.goldsmith.catalog.blueprint.Distro;
import dev.goldsmith.catalog.image.Manifest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds an RPM distribution's image on libvirt's test driver: its base prepared from the configured vendor cloud
 * image by fake {@code virt-customize} and {@code virt-get-kernel}, the build VM played by a fake guest.
 */
class VendorImageBuildTest {

    private static final String IMAGE = "alma";
    private static final Distro ALMALINUX_9 = Distro.parse("almalinux-9").orElseThrow();
    private static final String BLUEPRINT = """
            name = "alma"
            version = "1.0.0"
            distro = "almalinux-9"

            [[packages]]
            name = "httpd"
            version = "*"
            """;

    @TempDir
    Path dir;

    private BuildSettings settings;
    private BreakableHost breakable;
    private HostPool pool;
    private FakePrograms programs;
    private Path vendorImage;
    /** Each provisioning disk's steps, by file name, as the fake xorriso found them. */
    private final Map<String, String> diskSteps = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        vendorImage = Files.writeString(dir.resolve("AlmaLinux-9-GenericCloud-latest.x86_64.qcow2"),
                "QFI\u00fb vendor image");
        settings = BuildSettings.under(dir.resolve("state"), dir.resolve("bases"))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(2))
                .withVendorImages(List.of(new VendorImage(ALMALINUX_9, vendorImage, "root=LABEL=root")));
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

    private BuildResult run(String buildId, BuildListener guests) throws Exception {
        programs.on("xorriso", (command, workDir) -> {
            try (Stream<Path> steps = Files.list(Path.of(command.get(command.size() - 1)).resolve("steps"))) {
                for (Path step : steps.toList()) {
                    diskSteps.put(step.getFileName().toString(), Files.readString(step));
                }
            }
            Files.writeString(Path.of(command.get(command.indexOf("-o") + 1)), "CD001");
            return FakePrograms.ok(command);
        });
        KvmProbe probe = new KvmProbe(dir.resolve("no-dev-kvm"), settings.scratchDir(), Duration.ofSeconds(1));
        BuildRequest request = new BuildRequest(IMAGE, BlueprintReader.parse(BLUEPRINT, "alma.toml"), null, null, "",
                List.of(), List.of(new Manifest.Trigger(null, null, null, List.of(), List.of(), "test")), List.of(),
                null, null);
        return new ImageBuild(programs, pool, probe, settings).run(request, buildId, guests);
    }

    private List<String> programsRun() {
        return programs.commands().stream().map(c -> c.get(0)).toList();
    }

    private List<Path> scratchEntries() throws Exception {
        try (Stream<Path> entries = Files.list(settings.scratchDir())) {
            return entries.toList();
        }
    }

    @Test
    void buildsFromTheConfiguredVendorImageBootingItWithItsKernelRootAndInstallingWithDnf() throws Exception {
        FakeGuests guests = new FakeGuests(settings.scratchDir(), IMAGE).plays("build-vm",
                FakeGuests.provisionedRpm(List.of("packages", "cleanup"), Map.of("httpd", "2.4.57-8.el9.alma.1")));

        BuildResult result = run("b-alma", guests);

        assertTrue(result.passed(), result.run().describe());
        assertEquals("2.4.57-8.el9.alma.1", result.manifest().versionsByName().get("httpd"));
        assertEquals("almalinux-9", result.manifest().distro());
        List<String> ran = programsRun();
        assertTrue(ran.containsAll(List.of("virt-customize", "virt-get-kernel")), ran.toString());
        assertFalse(ran.contains("mmdebstrap"), ran.toString());
        BaseImage base = new BaseImageCache(settings.baseCache()).find(new CloudImagePreparer(programs,
                settings.vendorImages().get(0), Duration.ofMinutes(1)).key()).orElseThrow();
        assertEquals("root=LABEL=root", base.info().kernelRoot());
        assertEquals(vendorImage.toString(), base.info().source());
        assertTrue(guests.domainXml("build-vm").contains("<cmdline>root=LABEL=root console=ttyS0 "),
                guests.domainXml("build-vm"));
        assertEquals(List.of("10-packages.sh", "20-cleanup.sh"), diskSteps.keySet().stream().sorted().toList(),
                "no APT sources step on an RPM guest");
        String packages = diskSteps.get("10-packages.sh");
        assertTrue(packages.contains("dnf -y install 'httpd'\n"), packages);
        assertFalse(packages.contains("apt-get"), packages);
        assertEquals(List.of(), scratchEntries());
    }

    @Test
    void withoutAVendorImageForItsDistributionTheBaseStepFailsNamingTheConfigurationKey() throws Exception {
        settings = settings.withVendorImages(List.of(new VendorImage(Distro.parse("rocky-9").orElseThrow(),
                dir.resolve("Rocky-9-GenericCloud.qcow2"), "root=LABEL=rocky")));

        BuildResult result = run("b-none", BuildListener.NONE);

        assertFalse(result.built());
        assertEquals("base", result.run().failedStep());
        String why = result.run().describe();
        assertTrue(why.contains("none is configured for almalinux-9: add one to build.vendor-images"), why);
        assertTrue(why.contains("it has images for rocky-9 only"), why);
        assertEquals(List.of(), programs.commands(), "nothing was run for a base that cannot be made");
        assertEquals(List.of(), scratchEntries());
    }

    @Test
    void withoutVirtCustomizeTheBaseStepFailsNamingTheDebianPackageThatHasIt() throws Exception {
        programs = FakeGuests.programsWithout("virt-customize");

        BuildResult result = run("b-no-guestfs", BuildListener.NONE);

        assertEquals("base", result.run().failedStep());
        String why = result.run().describe();
        assertTrue(why.contains("cannot prepare the almalinux-9 cloud image " + vendorImage
                + ": virt-customize is not installed"), why);
        assertTrue(why.contains("Debian package libguestfs-tools"), why);
        try (Stream<Path> bases = Files.list(settings.baseCache())) {
            assertEquals(List.of(), bases.toList(), "no half-made base is left in the cache");
        }
    }

    @Test
    void anRpmDistributionsRequestCarriesNoAptSources() throws Exception {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new BuildRequest(IMAGE,
                BlueprintReader.parse(BLUEPRINT, "alma.toml"), null, URI.create("http://deb.example.org/debian"), "",
                List.of("deb http://deb.example.org/debian bookworm main"), List.of(), List.of(), null, null));

        assertTrue(refused.getMessage().contains("almalinux-9, which has no APT sources"), refused.getMessage());
    }
}
