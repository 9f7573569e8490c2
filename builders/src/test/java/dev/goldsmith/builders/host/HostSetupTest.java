package dev.goldsmith.builders.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goldsmith.builders.process.ProgramResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Setup against a temporary root with the system programs faked. The daemon is played by libvirt's test driver:
 * the fake {@code libvirtd} writes the node file that the waited-for {@code test://} URI names, so the real client
 * connects only once the "daemon" has started.
 */
class HostSetupTest {

    @TempDir
    Path root;

    @TempDir
    Path state;

    private final Set<String> installed = new HashSet<>(Set.of("e2fsprogs", "mmdebstrap", "xorriso", "libvirt0"));
    private final List<String> out = new ArrayList<>();
    private FakePrograms programs;
    private Path node;

    @BeforeEach
    void setUp() throws IOException {
        write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
        write("/etc/group", "root:x:0:\n");
        Files.createDirectories(root.resolve("proc"));
        node = state.resolve("daemon-node.xml");
        programs = new FakePrograms(Set.of())
                .on("dpkg-query", command -> FakePrograms.exit(command, installed.containsAll(HostSetup.PACKAGES)
                        ? 0 : 1, status(command)))
                .on("apt-get", command -> {
                    if (command.contains("install")) {
                        installed.addAll(command.subList(command.indexOf("DPkg::Lock::Timeout=300") + 1,
                                command.size()));
                    }
                    return FakePrograms.exit(command, 0, "");
                })
                .on("groupadd", command -> append("/etc/group", "libvirt-qemu:x:999:\n", command))
                .on("useradd", command -> append("/etc/passwd", "libvirt-qemu:x:999:999::/var/lib/libvirt:/x\n",
                        command))
                .on("libvirtd", command -> {
                    write(node.toString(), "<node/>\n");
                    return FakePrograms.exit(command, 0, "");
                });
    }

    private String status(List<String> command) {
        StringBuilder text = new StringBuilder();
        for (String p : command.subList(3, command.size())) {
            if (installed.contains(p)) {
                text.append(p).append(" install ok installed\n");
            }
        }
        return text.toString();
    }

    private void write(String absolute, String text) {
        try {
            Path path = absolute.startsWith(state.toString()) ? Path.of(absolute) : root.resolve(absolute.substring(1));
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProgramResult append(String absolute, String line, List<String> command) {
        try {
            Files.writeString(root.resolve(absolute.substring(1)), line, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return FakePrograms.exit(command, 0, "");
    }

    private HostSetup setup(int uid) {
        return new HostSetup(programs, root, state.resolve("libvirt"), LibvirtPing.connecting(), "test://" + node,
                () -> uid, Duration.ofMinutes(1));
    }

    @Test
    void refusesToRunAsAnotherUserThanRoot() {
        SetupException e = assertThrows(SetupException.class, () -> setup(1000).run(out::add));

        assertTrue(e.getMessage().startsWith("goldsmith host setup must run as root (uid 0), not uid 1000"),
                e.getMessage());
        assertEquals(List.of(), programs.ran);
    }

    @Test
    void freshHostGetsPackagesAccountConfigurationAndAPrivateDaemon() throws Exception {
        write("/etc/libvirt/qemu.conf", "# Debian's file\nuser = \"libvirt-qemu\"\n");
        Files.setPosixFilePermissions(root.resolve("etc/libvirt/qemu.conf"), PosixFilePermissions.fromString(
                "rw-------"));

        HostSetup.Result result = setup(0).run(out::add);

        assertTrue(result.changed());
        List<String> install = programs.ran.stream().filter(c -> c.contains("install")).findFirst().orElseThrow();
        assertEquals(List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-q",
                "--no-install-recommends", "-o", "DPkg::Lock::Timeout=300", "qemu-system-x86", "qemu-utils",
                "libvirt-daemon", "libvirt-daemon-driver-qemu", "libvirt-clients"), install);
        assertTrue(programs.ran.contains(List.of("groupadd", "--system", "libvirt-qemu")));
        assertEquals("useradd", programs.programsRun().get(programs.programsRun().indexOf("groupadd") + 1));
        Path libvirt = state.resolve("libvirt");
        assertTrue(programs.ran.contains(List.of("libvirtd", "--daemon", "--config",
                libvirt.resolve("libvirtd.conf").toString(), "--pid-file",
                libvirt.resolve("libvirtd.pid").toString())));
        String qemuConf = Files.readString(root.resolve("etc/libvirt/qemu.conf"));
        assertTrue(qemuConf.startsWith("# Debian's file\n" + QemuConf.DISABLED + "user = \"libvirt-qemu\"\n"),
                qemuConf);
        assertTrue(qemuConf.contains("\nstdio_handler = \"file\"\n"), qemuConf);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                root.resolve("etc/libvirt/qemu.conf"))));
        assertEquals("# Debian's file\nuser = \"libvirt-qemu\"\n",
                Files.readString(root.resolve("etc/libvirt/qemu.conf.before-goldsmith")));
        assertTrue(Files.readString(libvirt.resolve("libvirtd.conf"))
                .contains("log_outputs = \"3:file:" + libvirt.resolve("libvirtd.log") + "\""));
        assertTrue(out.get(0).startsWith("packages: installing qemu-system-x86 qemu-utils"), out.get(0));
        assertTrue(out.stream().anyMatch(l -> l.startsWith("libvirtd: started a private daemon")), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.contains("reads qemu.conf only from /etc/libvirt")), out.toString());
        assertTrue(out.get(out.size() - 1).startsWith("done in "), out.toString());
    }

    @Test
    void secondRunOnAReadyHostDoesNothingAndSaysSo() throws Exception {
        setup(0).run(s -> { });
        programs.ran.clear();

        HostSetup.Result result = setup(0).run(out::add);

        assertFalse(result.changed());
        assertEquals(List.of("dpkg-query"), programs.programsRun());
        assertEquals("packages: all 9 installed", out.get(0));
        assertTrue(out.get(out.size() - 1).startsWith("nothing to do: this host was already set up"), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.endsWith("; nothing to start")), out.toString());
    }

    @Test
    void staleListsAreRefreshedOnceWhenInstallFails() throws Exception {
        int[] installs = {0};
        programs.on("apt-get", command -> {
            if (command.contains("install") && installs[0]++ == 0) {
                return FakePrograms.exit(command, 100, "");
            }
            if (command.contains("install")) {
                installed.addAll(HostSetup.PACKAGES);
            }
            return FakePrograms.exit(command, 0, "");
        });

        setup(0).run(out::add);

        List<List<String>> apt = programs.ran.stream().filter(c -> FakePrograms.program(c).equals("apt-get"))
                .toList();
        assertEquals(3, apt.size());
        assertTrue(apt.get(1).contains("update"), apt.toString());
    }

    @Test
    void hostWithSystemdButNoDaemonIsToldToStartItThere() throws IOException {
        installed.addAll(HostSetup.PACKAGES);
        Files.createDirectories(root.resolve("run/systemd/system"));

        SetupException e = assertThrows(SetupException.class, () -> setup(0).run(out::add));

        assertTrue(e.getMessage().contains("systemctl start libvirtd"), e.getMessage());
        assertFalse(programs.programsRun().contains("libvirtd"));
    }

    @Test
    void daemonThatNeverAnswersFailsWithWhereToLook() {
        installed.addAll(HostSetup.PACKAGES);
        programs.on("libvirtd", command -> FakePrograms.exit(command, 0, ""));
        HostSetup setup = new HostSetup(programs, root, state.resolve("libvirt"), LibvirtPing.connecting(),
                "test://" + node, () -> 0, Duration.ZERO);

        SetupException e = assertThrows(SetupException.class, () -> setup.run(out::add));

        assertTrue(e.getMessage().startsWith("libvirtd: test://" + node + " did not answer within 0.0 s"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("libvirtd.log"), e.getMessage());
    }
}
