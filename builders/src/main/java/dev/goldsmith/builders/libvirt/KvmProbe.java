package dev.goldsmith.builders.libvirt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a host builds with {@code kvm} or {@code qemu} domains, and says why in one log line.
 *
 * <p>KVM is chosen only when all of these hold: {@code /dev/kvm} exists and opens for reading and writing (checked
 * for hosts on this machine only), the host's libvirt capabilities offer a {@code kvm} domain type for x86_64, and
 * a tiny guest actually reaches userspace under KVM within the deadline: its kernel, booted with
 * {@code console=ttyS0 panic=-1}, prints "Run /init" or "Freeing unused kernel image" on its serial console file.
 * The last test matters where {@code /dev/kvm} exists but is a nested, paravirtualised KVM that stock kernels do not
 * boot under in useful time; there the answer is {@code qemu}.
 *
 * <p>The verdict is kept per host name for the life of the process, except a verdict reached because no probe
 * kernel was given or the host did not answer, which a later call may revise. Given a {@link KvmVerdictFile}, a
 * settled verdict is also stored there with a fingerprint of what it depends on (libvirt's and the hypervisor's
 * versions and, for a host on this machine, the running kernel and {@code /dev/kvm}); a later process reuses it
 * instead of booting the probe guest again while the fingerprint is unchanged and the verdict younger than the
 * maximum age.
 */
public final class KvmProbe {

    /** Console lines that show the probe kernel got as far as starting userspace. */
    public static final List<String> USERSPACE_MARKERS = List.of("Run /init", "Freeing unused kernel image");
    /** The kernel command line of the probe guest. */
    public static final String CMDLINE = "console=ttyS0 panic=-1";

    private static final Logger LOG = LoggerFactory.getLogger(KvmProbe.class);
    private static final int MEMORY_MIB = 256;
    /** Opens the reason of a verdict reached without the host's answer; such a verdict is not kept. */
    private static final String UNREACHABLE = "cannot read libvirt's capabilities: ";
    private static final Path OS_RELEASE = Path.of("/proc/sys/kernel/osrelease");

    /**
     * The decision for one host.
     *
     * @param type   the domain type to build with
     * @param reason why, in one sentence
     */
    public record Verdict(DomainType type, String reason) {
    }

    /** Runs right after the probe guest was started; tests play the guest through it. */
    @FunctionalInterface
    interface GuestHook {
        void started(LibvirtHost host, DomainSpec spec) throws Exception;
    }

    private final Path devKvm;
    private final Path scratchDir;
    private final Duration deadline;
    private final ConsoleWatch watch;
    private final GuestHook hook;
    private final Clock clock;
    private final KvmVerdictFile stored;
    private final Duration maxAge;
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();

    /**
     * Creates a probe.
     *
     * @param devKvm     the KVM device, normally {@code /dev/kvm}
     * @param scratchDir where the probe guest's console file (and generated initramfs) go; must exist
     * @param deadline   how long a KVM guest may take to reach userspace; a real KVM host needs a few seconds,
     *                   software emulation about 20 s, so 15 s tells them apart
     */
    public KvmProbe(Path devKvm, Path scratchDir, Duration deadline) {
        this(devKvm, scratchDir, deadline, null, Duration.ZERO);
    }

    /**
     * Creates a probe that stores its settled verdicts in {@code stored} and reuses them across processes.
     *
     * @param stored the file of verdicts, or null to keep them in memory only
     * @param maxAge how long a stored verdict is reused before the host is probed again
     */
    public KvmProbe(Path devKvm, Path scratchDir, Duration deadline, KvmVerdictFile stored, Duration maxAge) {
        this(devKvm, scratchDir, deadline, Duration.ofMillis(250), (host, spec) -> { }, Clock.systemUTC(), stored,
                maxAge);
    }

    KvmProbe(Path devKvm, Path scratchDir, Duration deadline, Duration pollInterval, GuestHook hook, Clock clock,
            KvmVerdictFile stored, Duration maxAge) {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge: " + maxAge + " is negative");
        }
        this.devKvm = devKvm;
        this.scratchDir = Values.absolutePath("scratchDir", scratchDir);
        this.deadline = deadline;
        this.watch = new ConsoleWatch(USERSPACE_MARKERS, pollInterval);
        this.hook = hook;
        this.clock = clock;
        this.stored = stored;
        this.maxAge = maxAge;
    }

    /**
     * Returns the domain type {@code host} should build with, probing it on the first call unless a stored verdict
     * still holds.
     *
     * @param kernel the kernel to boot the probe guest with, or null when none is at hand (then KVM is not proven
     *               and the answer is {@code qemu})
     * @param initrd its initramfs, or null to use a generated minimal one
     * @throws InterruptedException when cancelled during the probe boot; the probe guest is destroyed first
     */
    public Verdict verdict(LibvirtHost host, Path kernel, Path initrd) throws InterruptedException {
        Verdict cached = verdicts.get(host.name());
        if (cached != null) {
            return cached;
        }
        synchronized (host) {
            cached = verdicts.get(host.name());
            if (cached != null) {
                return cached;
            }
            Map<String, String> fingerprint = stored == null ? null : fingerprint(host);
            Map<String, KvmVerdictFile.Entry> entries = fingerprint == null ? null : readStored();
            KvmVerdictFile.Entry entry = entries == null ? null : entries.get(host.name());
            Optional<String> stale = stored == null ? Optional.of("not kept")
                    : fingerprint == null ? Optional.of("not looked at: the host does not answer")
                    : entries == null ? Optional.of("unreadable")
                    : entry == null ? Optional.of("none")
                    : entry.staleBecause(host.uri(), fingerprint, clock.instant(), maxAge);
            if (stale.isEmpty()) {
                Verdict verdict = new Verdict(entry.type(), entry.reason());
                LOG.info("host={} uri={} domain-type={} reason=\"{}\" decided={} source=stored", host.name(),
                        host.uri(), verdict.type().xmlName(), verdict.reason(), entry.decided());
                verdicts.put(host.name(), verdict);
                return verdict;
            }
            Verdict verdict = decide(host, kernel, initrd);
            Instant decided = clock.instant();
            boolean settled = kernel != null && !verdict.reason().startsWith(UNREACHABLE);
            LOG.info("host={} uri={} domain-type={} reason=\"{}\" decided={} source=probe stored=\"{}\"", host.name(),
                    host.uri(), verdict.type().xmlName(), verdict.reason(), decided, stale.get());
            if (settled) {
                verdicts.put(host.name(), verdict);
                if (fingerprint != null) {
                    store(host, new KvmVerdictFile.Entry(host.uri(), verdict.type(), verdict.reason(), decided,
                            fingerprint));
                }
            }
            return verdict;
        }
    }

    /**
     * Returns what a verdict on {@code host} depends on besides the probe itself, or null when the host does not
     * answer (then nothing is reused or stored, and the probe reports the host unreachable).
     */
    private Map<String, String> fingerprint(LibvirtHost host) {
        Map<String, String> fingerprint = new TreeMap<>();
        try {
            fingerprint.put("libvirt", host.libvirtVersion());
            fingerprint.put("hypervisor", host.hypervisorVersion());
        } catch (HostException e) {
            return null;
        }
        if (host.local()) {
            fingerprint.put("kernel", kernelRelease());
            fingerprint.put("dev-kvm", !Files.exists(devKvm) ? "absent"
                    : Files.isReadable(devKvm) && Files.isWritable(devKvm) ? "read-write" : "not read-write");
        }
        return fingerprint;
    }

    private static String kernelRelease() {
        try {
            return Files.readString(OS_RELEASE, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Returns the stored verdicts, or null when the file cannot be read, saying why: then the host is probed. */
    private Map<String, KvmVerdictFile.Entry> readStored() {
        try {
            return stored.read();
        } catch (IOException e) {
            LOG.warn("file={} stored kvm verdicts unreadable, probing again reason=\"{}\"",
                    stored.path(), e.getMessage());
            return null;
        }
    }

    private void store(LibvirtHost host, KvmVerdictFile.Entry entry) {
        try {
            stored.put(host.name(), entry);
        } catch (IOException e) {
            LOG.warn("host={} file={} kvm verdict not stored, the next process probes again reason=\"{}\"",
                    host.name(), stored.path(), e.getMessage());
        }
    }

    private Verdict decide(LibvirtHost host, Path kernel, Path initrd) throws InterruptedException {
        if (host.local()) {
            if (!Files.exists(devKvm)) {
                return qemu(devKvm + " does not exist: no hardware virtualisation here");
            }
            if (!Files.isReadable(devKvm) || !Files.isWritable(devKvm)) {
                return qemu(devKvm + " exists but cannot be opened for reading and writing by this process");
            }
        }
        try {
            if (!KvmCapabilities.offersKvm(host.capabilities(), "x86_64")) {
                return qemu("libvirt's capabilities offer no kvm domain type for x86_64");
            }
        } catch (HostException e) {
            return qemu(UNREACHABLE + e.getMessage());
        }
        if (kernel == null) {
            return qemu("libvirt offers kvm but no probe kernel was given to prove a guest boots under it");
        }
        return boot(host, kernel, initrd);
    }

    /** Boots the probe guest under KVM and turns what its console shows into a verdict. */
    Verdict boot(LibvirtHost host, Path kernel, Path initrd) throws InterruptedException {
        String id = host.name().replaceAll("[^A-Za-z0-9._-]", "_");
        String domain = DomainSpec.NAME_PREFIX + "kvm-probe-" + id;
        Path console = scratchDir.resolve(Leftovers.SCRATCH_PREFIX + "kvm-probe-" + id + ".console");
        Path generated = initrd == null ? scratchDir.resolve(Leftovers.SCRATCH_PREFIX + "kvm-probe-" + id + ".cpio")
                : null;
        boolean started = false;
        try {
            Files.deleteIfExists(console);
            if (generated != null) {
                ProbeInitramfs.write(generated);
            }
            DomainSpec spec = new DomainSpec(domain, DomainType.KVM, MEMORY_MIB, 1,
                    new DomainSpec.DirectBoot(kernel, initrd != null ? initrd : generated, CMDLINE), null, List.of(),
                    console, Networking.NONE, DomainMark.ours("kvm-probe", "kvm-probe", clock.instant()));
            try {
                host.start(spec);
                started = true;
            } catch (HostException e) {
                return qemu("libvirt could not start a kvm guest: " + e.getMessage());
            }
            hook.started(host, spec);
            ConsoleWatch.Result result = watch.watch(host, domain, console, deadline);
            String seconds = String.format("%.1f s", result.elapsed().toMillis() / 1000.0);
            switch (result.outcome()) {
                case SEEN:
                    return new Verdict(DomainType.KVM, "a probe guest reached userspace under kvm in " + seconds);
                case STOPPED:
                    return qemu("the probe guest under kvm stopped after " + seconds + " before reaching userspace"
                            + lastLine(result));
                default:
                    return qemu("a probe guest under kvm did not reach userspace within " + seconds
                            + " although libvirt offers kvm" + lastLine(result));
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (HostException e) {
            return qemu("the probe guest could not be watched: " + e.getMessage());
        } catch (Exception e) {
            return qemu("the probe failed: " + e);
        } finally {
            cleanUp(host, domain, started, console, generated);
        }
    }

    private static String lastLine(ConsoleWatch.Result result) {
        return result.lastLine().isEmpty() ? " (its console stayed empty)"
                : " (last console line: " + result.lastLine() + ")";
    }

    private static void cleanUp(LibvirtHost host, String domain, boolean started, Path console, Path generated) {
        if (started) {
            try {
                host.destroy(domain);
            } catch (HostException e) {
                LOG.warn("host={} uri={} domain={} probe guest not destroyed reason=\"{}\"", host.name(), host.uri(),
                        domain, e.getMessage());
            }
        }
        for (Path file : new Path[] {console, generated}) {
            if (file == null) {
                continue;
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("host={} file={} probe file not deleted reason=\"{}\"", host.name(), file, e.getMessage());
            }
        }
    }

    private static Verdict qemu(String reason) {
        return new Verdict(DomainType.QEMU, reason);
    }
}
