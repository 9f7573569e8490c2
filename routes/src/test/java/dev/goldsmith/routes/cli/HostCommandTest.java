package dev.goldsmith.routes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goldsmith.builders.host.HostCheck;
import dev.goldsmith.builders.host.HostSetup;
import dev.goldsmith.builders.host.LibvirtPing;
import dev.goldsmith.builders.libvirt.DomainType;
import dev.goldsmith.builders.libvirt.KvmVerdictFile;
import dev.goldsmith.builders.process.ProgramResult;
import dev.goldsmith.builders.process.Programs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The host commands against a temporary file tree standing for the machine, programs faked, and libvirt's test
 * driver standing for libvirtd.
 */
class HostCommandTest {

    private static final Set<String> PROGRAMS = Set.of("qemu-system-x86_64", "qemu-img", "mmdebstrap", "mke2fs",
            "xorriso", "libvirtd", "virsh");

    @TempDir
    Path dir;

    private Path root;
    private Path config;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<List<String>> ran = new ArrayList<>();
    private Set<String> available = PROGRAMS;
    private int uid;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(dir.resolve("root"));
        write("etc/passwd", "root:x:0:0::/root:/bin/sh\nlibvirt-qemu:x:64055:108::/var/lib/libvirt:/bin/false\n");
        write("etc/group", "root:x:0:\nlibvirt-qemu:x:108:\n");
        write("usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so", "");
        config = Files.writeString(dir.resolve("goldsmith.yaml"), """
                state-dir: state
                builders:
                  - {name: local, uri: "test:///default", capacity: 2}
                """);
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Programs that are found when named in {@code available}, and report every package installed. */
    private final Programs programs = new Programs() {
        @Override
        public ProgramResult run(List<String> command, Path workDir, Duration timeout) {
            ran.add(command);
            String stdout = command.get(0).equals("dpkg-query") ? String.join("", HostSetup.PACKAGES.stream()
                    .map(p -> p + " install ok installed\n").toList()) : "";
            return new ProgramResult(command, 0, stdout, "", Duration.ZERO);
        }

        @Override
        public boolean available(String program) {
            return available.contains(program);
        }
    };

    private final HostCommand.Machine machine = new HostCommand.Machine() {
        @Override
        public HostCheck check() {
            return new HostCheck(programs, root, "virt", LibvirtPing.connecting());
        }

        @Override
        public HostSetup setup(Path libvirtStateDir) {
            return new HostSetup(programs, root, libvirtStateDir, LibvirtPing.connecting(), "test:///default",
                    () -> uid, Duration.ofSeconds(30));
        }
    };

    private int run(String... args) {
        return new CommandLine(new HostCommand(Map.of(), machine)).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
    }

    @Test
    void checkOfAReadyHostExitsZero() {
        int exit = run("check", "--config", config.toString());

        assertEquals(HostCommand.OK, exit, out.toString() + err);
        assertTrue(out.toString().contains("OK                 libvirt at test:///default"), out.toString());
        assertTrue(out.toString().endsWith("ready to build\n"), out.toString());
    }

    @Test
    void checkShowsTheKvmVerdictStoredForEachBuilderHost() throws IOException {
        Instant decided = Instant.now();
        KvmVerdictFile.under(dir.resolve("state")).put("local", new KvmVerdictFile.Entry("test:///default",
                DomainType.QEMU, "libvirt's capabilities offer no kvm domain type for x86_64", decided,
                Map.of("libvirt", "9.0.0")));

        int exit = run("check", "--config", config.toString());

        assertEquals(HostCommand.OK, exit, out.toString() + err);
        assertTrue(out.toString().contains("INFO               kvm verdict of local               qemu, decided "
                + decided + ": libvirt's capabilities offer no kvm domain type"), out.toString());
    }

    @Test
    void checkSaysWhenNoKvmVerdictIsStored() {
        int exit = run("check", "--config", config.toString());

        assertEquals(HostCommand.OK, exit, out.toString() + err);
        assertTrue(out.toString().contains("kvm verdict of local               none stored; the next build probes"),
                out.toString());
    }

    @Test
    void checkListsWhatIsMissingWithItsFixAndExitsOne() {
        available = Set.of("mke2fs");

        int exit = run("check", "--config", config.toString());

        assertEquals(HostCommand.MISSING, exit);
        assertTrue(out.toString().contains("MISSING            program qemu-img"), out.toString());
        assertTrue(out.toString().contains("(fix: apt-get install qemu-utils)"), out.toString());
        assertTrue(out.toString().contains("6 missing; 'goldsmith host setup' (as root)"), out.toString());
    }

    @Test
    void uriOptionReplacesTheConfiguredHosts() {
        int exit = run("check", "--uri", "test:///nonexistent/goldsmith-node.xml");

        assertEquals(HostCommand.MISSING, exit);
        assertTrue(out.toString().contains("libvirt at test:///nonexistent/goldsmith-node.xml"), out.toString());
        assertFalse(out.toString().contains("libvirt at test:///default"), out.toString());
    }

    @Test
    void checkWithAnUnreadableConfigurationExitsTwo() {
        int exit = run("check", "--config", dir.resolve("absent.yaml").toString());

        assertEquals(HostCommand.UNREADABLE, exit);
        assertTrue(err.toString().contains("absent.yaml"), err.toString());
    }

    @Test
    void setupRefusesToRunAsAnotherUserThanRoot() {
        uid = 1000;

        int exit = run("setup", "--config", config.toString());

        assertEquals(HostCommand.MISSING, exit);
        assertTrue(err.toString().startsWith("goldsmith host setup must run as root"), err.toString());
        assertEquals(List.of(), ran);
    }

    @Test
    void setupWritesItsFilesUnderTheStateDirectoryAndASecondRunDoesNothing() throws IOException {
        int first = run("setup", "--config", config.toString());
        out.getBuffer().setLength(0);

        int second = run("setup", "--config", config.toString());

        assertEquals(HostCommand.OK, first, err.toString());
        assertEquals(HostCommand.OK, second, err.toString());
        assertTrue(Files.exists(dir.resolve("state/libvirt/libvirtd.conf")));
        assertTrue(Files.readString(root.resolve("etc/libvirt/qemu.conf")).contains("security_driver = \"none\""));
        assertTrue(out.toString().contains("nothing to do: this host was already set up"), out.toString());
    }
}
