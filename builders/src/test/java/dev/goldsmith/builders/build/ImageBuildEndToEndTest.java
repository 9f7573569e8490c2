package dev.goldsmith.builders.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goldsmith.builders.host.LibvirtPing;
import dev.goldsmith.builders.libvirt.HostPool;
import dev.goldsmith.builders.libvirt.KvmProbe;
import dev.goldsmith.builders.libvirt.LibvirtHost;
import dev.goldsmith.builders.process.LocalPrograms;
import dev.goldsmith.builders.qa.QaSuiteReader;
import dev.goldsmith.catalog.blueprint.BlueprintReader;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.image.PackageLock;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * Builds a small Debian 12 image for real: the base bootstrapped with mmdebstrap from this machine's APT mirror and
 * cached in {@code /var/cache/goldsmith/bases} (or {@code GOLDSMITH_BASE_CACHE}), so later runs reuse it; a build VM
 * under libvirt that installs one extra package, adds a user and writes a file; a QA VM that checks them. Not
 * skipped: CI runs {@code goldsmith host setup} first, and a machine without libvirtd fails here saying so.
 */
class ImageBuildEndToEndTest {

    private static final String BLUEPRINT = """
            name = "e2e-tiny"
            version = "1.0.0"
            distro = "debian-12"

            [[packages]]
            name = "hello"
            version = "*"

            [[customizations.user]]
            name = "tester"
            description = "End-to-end test user"

            [[customizations.files]]
            path = "/etc/goldsmith-e2e.conf"
            mode = "0644"
            data = "built by the goldsmith end-to-end test\\n"
            """;

    private static final String SUITE = """
            - name: boots to the multi-user target
              target-reached: multi-user.target
            - name: hello is installed
              package-installed: hello
            - name: the tester user exists
              user-exists: tester
            - name: the file is there
              file-contains:
                path: /etc/goldsmith-e2e.conf
                text: end-to-end test
            """;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES)
    void buildsBootsAndTestsARealDebianImage() throws Exception {
        Optional<String> daemon = LibvirtPing.connecting().problem("qemu:///system");
        assertTrue(daemon.isEmpty(), () -> "qemu:///system does not answer (run 'goldsmith host setup' as root): "
                + daemon.orElse(""));
        Path cache = Path.of(Optional.ofNullable(System.getenv("GOLDSMITH_BASE_CACHE"))
                .orElse(BuildSettings.DEFAULT_BASE_CACHE.toString()));
        BuildSettings settings = BuildSettings.under(dir.resolve("state"), cache);
        Files.createDirectories(settings.scratchDir());
        List<String> sources = hostSources("bookworm");
        URI mirror = URI.create(sources.get(0).split(" ")[1]);
        // A new base each week keeps it near the mirror without making every run bootstrap one.
        LocalDate today = LocalDate.now();
        String state = "e2e-" + today.get(IsoFields.WEEK_BASED_YEAR) + "-w"
                + today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        BuildRequest request = new BuildRequest("e2e-tiny", BlueprintReader.parse(BLUEPRINT, "e2e-tiny.toml"),
                QaSuiteReader.parse(SUITE, "e2e-tiny.yaml", "e2e-tiny"), mirror, state, sources,
                List.of(new Manifest.Trigger(null, null, null, List.of(), List.of(), "end-to-end test")), List.of(),
                null, null);

        BuildResult result;
        try (HostPool pool = new HostPool(List.of(new LibvirtHost("local", "qemu:///system", 1)))) {
            KvmProbe probe = new KvmProbe(Path.of("/dev/kvm"), settings.scratchDir(), Duration.ofSeconds(15));
            result = new ImageBuild(new LocalPrograms(), pool, probe, settings).run(request, BuildListener.NONE);
        }

        assertTrue(result.passed(), () -> result.run().describe() + "; QA: " + result.qaResults());
        Manifest manifest = Manifest.fromJson(Files.readString(result.versionDir().resolve("manifest.json")),
                "manifest.json");
        String hello = manifest.versionsByName().get("hello");
        assertTrue(hello != null && hello.matches("[0-9][0-9A-Za-z.+~:-]*"), "hello " + hello);
        assertEquals(manifest, result.manifest());
        PackageLock lock = PackageLock.fromToml(Files.readString(result.versionDir().resolve("lock.toml")),
                "lock.toml");
        assertEquals(manifest.packages().size(), lock.packages().size());
        Path artifact = result.artifact();
        try (InputStream in = Files.newInputStream(artifact)) {
            assertArrayEquals(new byte[] {'Q', 'F', 'I', (byte) 0xfb}, in.readNBytes(4), "a qcow2 file");
        }
        assertEquals(ImageBuild.sha256(artifact), manifest.artifact().sha256());
        assertEquals(Files.size(artifact), manifest.artifact().size());
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(result.junit().toFile())
                .getDocumentElement();
        assertEquals("5", suite.getAttribute("tests"));
        assertEquals("0", suite.getAttribute("failures"));
        try (Stream<Path> left = Files.list(settings.scratchDir())) {
            assertEquals(List.of(), left.toList(), "scratch is removed after the build");
        }
    }

    /** Returns a {@code deb} line per suite of the release in this machine's deb822 APT sources, its own first. */
    static List<String> hostSources(String release) throws Exception {
        List<String> own = new ArrayList<>();
        List<String> others = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("/etc/apt/sources.list.d"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sources")).sorted().toList()) {
                for (String stanza : Files.readString(file).split("\n\\s*\n")) {
                    List<String> uris = field(stanza, "URIs");
                    List<String> components = field(stanza, "Components");
                    for (String suite : field(stanza, "Suites")) {
                        if (!suite.equals(release) && !suite.startsWith(release + "-")) {
                            continue;
                        }
                        for (String uri : uris) {
                            String line = GuestSources.line(URI.create(uri), suite, components);
                            (suite.equals(release) ? own : others).add(line);
                        }
                    }
                }
            }
        }
        assertTrue(!own.isEmpty(), "no " + release + " suite in /etc/apt/sources.list.d/*.sources");
        own.addAll(others);
        return own;
    }

    private static List<String> field(String stanza, String name) {
        for (String line : stanza.split("\n")) {
            if (line.startsWith(name + ":")) {
                return List.of(line.substring(name.length() + 1).strip().split("\\s+"));
            }
        }
        return List.of();
    }
}
