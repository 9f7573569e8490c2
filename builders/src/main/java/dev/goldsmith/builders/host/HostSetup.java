package dev.goldsmith.builders.host;

import dev.goldsmith.builders.process.LocalPrograms;
import dev.goldsmith.builders.process.ProgramException;
import dev.goldsmith.builders.process.ProgramResult;
import dev.goldsmith.builders.process.Programs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * Makes this machine able to build images, as root: installs the Debian packages, creates the {@code libvirt-qemu}
 * user and group, writes Goldsmith's settings into {@code /etc/libvirt/qemu.conf}, and, when no libvirtd runs and
 * systemd is not there to start one, starts a private libvirtd with its own configuration and pid file under the
 * state directory, then waits until {@code qemu:///system} answers.
 *
 * <p>{@code libvirtd --config FILE} only replaces {@code libvirtd.conf}: the privileged QEMU driver always reads
 * {@code qemu.conf} from {@code /etc/libvirt}, so that is where the QEMU settings go.
 *
 * <p>Each step checks first and changes only what is missing, so a second run on a ready host changes nothing and
 * says so.
 */
public final class HostSetup {

    /** The Debian packages a building host needs; {@code libvirt-daemon-system} is left out (it wants systemd). */
    public static final List<String> PACKAGES = List.of("qemu-system-x86", "qemu-utils", "libvirt-daemon",
            "libvirt-daemon-driver-qemu", "libvirt-clients", "libvirt0", "mmdebstrap", "e2fsprogs", "xorriso");
    /** The URI a local libvirtd answers at. */
    public static final String SYSTEM_URI = "qemu:///system";

    private static final Duration APT_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration SHORT = Duration.ofMinutes(1);
    private static final Duration POLL = Duration.ofMillis(250);

    private final Programs programs;
    private final HostFiles files;
    private final Path libvirtDir;
    private final LibvirtPing ping;
    private final String daemonUri;
    private final IntSupplier uid;
    private final Duration daemonWait;

    /**
     * Creates a setup.
     *
     * @param programs   runs apt-get, dpkg-query, groupadd, useradd and libvirtd
     * @param root       the root of the file system to change ({@code /} outside tests)
     * @param libvirtDir where the private libvirtd's configuration, pid file and log go ({@code <state>/libvirt})
     * @param ping       tells whether the daemon answers
     * @param daemonUri  the URI to wait for, {@value #SYSTEM_URI} outside tests
     * @param uid        the user id this process runs as
     * @param daemonWait how long a starting libvirtd may take to answer (its first start probes QEMU, ~8 s)
     */
    public HostSetup(Programs programs, Path root, Path libvirtDir, LibvirtPing ping, String daemonUri, IntSupplier uid,
            Duration daemonWait) {
        this.programs = programs;
        this.files = new HostFiles(root);
        this.libvirtDir = libvirtDir.toAbsolutePath().normalize();
        this.ping = ping;
        this.daemonUri = daemonUri;
        this.uid = uid;
        this.daemonWait = daemonWait;
    }

    /** Returns a setup of this machine with the private libvirtd's files under {@code libvirtDir}. */
    public static HostSetup ofThisMachine(Path libvirtDir) {
        return new HostSetup(new LocalPrograms(), Path.of("/"), libvirtDir, LibvirtPing.connecting(), SYSTEM_URI,
                HostSetup::processUid, Duration.ofSeconds(90));
    }

    /**
     * What a run did.
     *
     * @param changed whether anything on the machine was changed
     * @param elapsed how long the run took
     */
    public record Result(boolean changed, Duration elapsed) {
    }

    /**
     * Runs every step, printing one line per step to {@code out}.
     *
     * @throws SetupException when not run as root, or when a step fails; steps before it stay done
     * @throws InterruptedException when interrupted while waiting for libvirtd
     */
    public Result run(Consumer<String> out) throws SetupException, InterruptedException {
        long start = System.nanoTime();
        int user = uid.getAsInt();
        if (user != 0) {
            throw new SetupException("goldsmith host setup must run as root (uid 0), not uid " + user
                    + ": it installs packages, creates a system user and writes /etc/libvirt/qemu.conf."
                    + " Run it with sudo, or see 'goldsmith host check' for what to do by hand");
        }
        boolean changed = installPackages(out);
        changed |= createAccount(out);
        boolean qemuConfChanged = writeQemuConf(out);
        changed |= qemuConfChanged;
        changed |= writeLibvirtdConf(out);
        changed |= ensureDaemon(out, qemuConfChanged);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        out.accept(changed ? "done in " + seconds(elapsed)
                : "nothing to do: this host was already set up (checked in " + seconds(elapsed) + ")");
        return new Result(changed, elapsed);
    }

    private boolean installPackages(Consumer<String> out) throws SetupException {
        List<String> missing = missingPackages();
        if (missing.isEmpty()) {
            out.accept("packages: all " + PACKAGES.size() + " installed");
            return false;
        }
        out.accept("packages: installing " + String.join(" ", missing));
        long start = System.nanoTime();
        List<String> install = new ArrayList<>(List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install",
                "-y", "-q", "--no-install-recommends", "-o", "DPkg::Lock::Timeout=300"));
        install.addAll(missing);
        ProgramResult result = run(install, APT_TIMEOUT);
        if (!result.succeeded()) {
            // Stale package lists are the usual cause: refresh them once and try again.
            out.accept("packages: apt-get install failed (status " + result.exitCode() + "); running apt-get update");
            runOrFail(List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "update", "-q", "-o",
                    "DPkg::Lock::Timeout=300"), APT_TIMEOUT, "apt-get update");
            runOrFail(install, APT_TIMEOUT, "apt-get install");
        }
        List<String> still = missingPackages();
        if (!still.isEmpty()) {
            throw new SetupException("packages: still not installed after apt-get: " + String.join(" ", still));
        }
        out.accept("packages: installed " + missing.size() + " in " + seconds(Duration.ofNanos(System.nanoTime()
                - start)));
        return true;
    }

    private List<String> missingPackages() throws SetupException {
        List<String> query = new ArrayList<>(List.of("dpkg-query", "-W", "-f=${Package} ${Status}\\n"));
        query.addAll(PACKAGES);
        // dpkg-query exits 1 when it has never heard of a package, and still lists the others.
        ProgramResult result = run(query, SHORT);
        if (result.exitCode() > 1) {
            throw new SetupException("packages: dpkg-query failed with status " + result.exitCode() + ": "
                    + result.stderr().strip());
        }
        Set<String> installed = result.stdout().lines().map(String::strip)
                .filter(line -> line.endsWith(" install ok installed"))
                .map(line -> line.substring(0, line.indexOf(' '))).collect(Collectors.toSet());
        return PACKAGES.stream().filter(p -> !installed.contains(p)).toList();
    }

    private boolean createAccount(Consumer<String> out) throws SetupException {
        String name = HostCheck.QEMU_ACCOUNT;
        List<String> made = new ArrayList<>();
        if (!files.groupExists(name)) {
            runOrFail(List.of("groupadd", "--system", name), SHORT, "groupadd");
            made.add("group");
        }
        if (!files.userExists(name)) {
            runOrFail(List.of("useradd", "--system", "--gid", name, "--no-create-home", "--home-dir",
                    "/var/lib/libvirt", "--shell", "/usr/sbin/nologin", "--comment", "Libvirt Qemu", name), SHORT,
                    "useradd");
            made.add("user");
        }
        out.accept(made.isEmpty() ? "account: user and group " + name + " exist"
                : "account: created system " + String.join(" and ", made) + " " + name);
        return !made.isEmpty();
    }

    private boolean writeQemuConf(Consumer<String> out) throws SetupException {
        Path file = files.path("/etc/libvirt/qemu.conf");
        String existing = read(file);
        String wanted = QemuConf.apply(existing);
        if (wanted.equals(existing)) {
            out.accept("qemu.conf: " + file + " already has Goldsmith's settings");
            return false;
        }
        write(file, wanted);
        out.accept("qemu.conf: wrote Goldsmith's settings (" + summary() + ") to " + file + "; a libvirtd started"
                + " with --config still reads qemu.conf only from /etc/libvirt");
        return true;
    }

    private boolean writeLibvirtdConf(Consumer<String> out) throws SetupException {
        Path file = libvirtDir.resolve("libvirtd.conf");
        Path log = libvirtDir.resolve("libvirtd.log");
        if (log.toString().contains("\"")) {
            throw new SetupException("libvirtd.conf: the state directory " + libvirtDir + " contains '\"'");
        }
        String wanted = "# Written by goldsmith host setup for a private libvirtd (started with --config).\n"
                + "# QEMU settings are in /etc/libvirt/qemu.conf: the QEMU driver reads no other.\n"
                + "log_outputs = \"3:file:" + log + "\"\n";
        if (wanted.equals(read(file))) {
            out.accept("libvirtd.conf: " + file + " unchanged");
            return false;
        }
        write(file, wanted);
        out.accept("libvirtd.conf: wrote " + file);
        return true;
    }

    private boolean ensureDaemon(Consumer<String> out, boolean qemuConfChanged)
            throws SetupException, InterruptedException {
        if (ping.problem(daemonUri).isEmpty()) {
            out.accept("libvirtd: answering at " + daemonUri + "; nothing to start"
                    + (qemuConfChanged ? " (restart it so it reads the new qemu.conf)" : ""));
            return false;
        }
        Optional<Long> running = files.process("libvirtd");
        if (running.isPresent()) {
            out.accept("libvirtd: runs as pid " + running.get() + " but " + daemonUri + " does not answer yet;"
                    + " waiting");
            Duration waited = await();
            out.accept("libvirtd: " + daemonUri + " answered after " + seconds(waited));
            return false;
        }
        if (files.systemdRuns()) {
            throw new SetupException("libvirtd: not running, and systemd manages services here: install"
                    + " libvirt-daemon-system and start it with 'systemctl start libvirtd'");
        }
        Path conf = libvirtDir.resolve("libvirtd.conf");
        Path pid = libvirtDir.resolve("libvirtd.pid");
        runOrFail(List.of("libvirtd", "--daemon", "--config", conf.toString(), "--pid-file", pid.toString()), SHORT,
                "libvirtd");
        Duration waited = await();
        out.accept("libvirtd: started a private daemon (" + pidText(pid) + "pid file " + pid + "); " + daemonUri
                + " answered after " + seconds(waited) + "; stop it with SIGTERM to that pid");
        return true;
    }

    private Duration await() throws SetupException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + daemonWait.toNanos();
        Optional<String> problem = ping.problem(daemonUri);
        while (problem.isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new SetupException("libvirtd: " + daemonUri + " did not answer within " + seconds(daemonWait)
                        + ": " + problem.get() + "; see " + libvirtDir.resolve("libvirtd.log"));
            }
            Thread.sleep(POLL.toMillis());
            problem = ping.problem(daemonUri);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static String pidText(Path pid) {
        try {
            return "pid " + Files.readString(pid, StandardCharsets.US_ASCII).strip() + ", ";
        } catch (IOException e) {
            return "";
        }
    }

    private static String summary() {
        return QemuConf.SETTINGS.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().replace("\"", ""))
                .collect(Collectors.joining(", "));
    }

    private ProgramResult run(List<String> command, Duration timeout) throws SetupException {
        try {
            return programs.run(command, Path.of("/"), timeout);
        } catch (ProgramException e) {
            throw new SetupException(e.getMessage(), e);
        }
    }

    private void runOrFail(List<String> command, Duration timeout, String step) throws SetupException {
        ProgramResult result = run(command, timeout);
        if (!result.succeeded()) {
            throw new SetupException(step + ": " + new ProgramException(result).getMessage(),
                    new ProgramException(result));
        }
    }

    private static String read(Path file) throws SetupException {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new SetupException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Replaces {@code file} atomically, keeping its permissions and, the first time, a copy of the original. */
    private static void write(Path file, String text) throws SetupException {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".goldsmith-new");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(file));
                Path original = file.resolveSibling(file.getFileName() + ".before-goldsmith");
                if (!Files.exists(original)) {
                    Files.copy(file, original, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SetupException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }

    private static int processUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }
}
