package dev.goldsmith.builders.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.goldsmith.builders.host.LibvirtPing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots a real kernel under software emulation through the host's libvirtd and watches its console the way the KVM
 * probe does. Skipped, with the reason, where no kernel or no libvirtd is at hand. The kernel comes from the system
 * property or environment variable {@code goldsmith.probe.kernel} / {@code GOLDSMITH_PROBE_KERNEL}, else from
 * {@code /boot/vmlinuz}.
 */
class QemuBootTest {

    @TempDir
    Path dir;

    private static Optional<Path> kernel() {
        String given = Optional.ofNullable(System.getProperty("goldsmith.probe.kernel"))
                .orElse(System.getenv("GOLDSMITH_PROBE_KERNEL"));
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given).toAbsolutePath().normalize()).filter(Files::isReadable);
        }
        return Stream.of(Path.of("/boot/vmlinuz"), Path.of("/vmlinuz")).filter(Files::isReadable).findFirst();
    }

    @Test
    void kernelReachesUserspaceUnderSoftwareEmulation() throws Exception {
        Optional<Path> kernel = kernel();
        assumeTrue(kernel.isPresent(), "no kernel to boot: set goldsmith.probe.kernel or GOLDSMITH_PROBE_KERNEL");
        Optional<String> daemon = LibvirtPing.connecting().problem("qemu:///system");
        assumeTrue(daemon.isEmpty(), () -> "qemu:///system does not answer: " + daemon.orElse(""));
        Path initrd = dir.resolve("goldsmith-boot-test.cpio");
        ProbeInitramfs.write(initrd);
        DomainSpec spec = new DomainSpec("goldsmith-qemu-boot-test", DomainType.QEMU, 256, 1,
                new DomainSpec.DirectBoot(kernel.get(), initrd, KvmProbe.CMDLINE), null, List.of(),
                dir.resolve("goldsmith-boot-test.console"), Networking.NONE,
                DomainMark.ours("boot-test", "boot-test", Instant.now()));

        try (LibvirtHost host = new LibvirtHost("local", "qemu:///system", 1)) {
            host.start(spec);
            try {
                ConsoleWatch.Result result = new ConsoleWatch(KvmProbe.USERSPACE_MARKERS, Duration.ofMillis(250))
                        .watch(host, spec.name(), spec.consoleLog(), Duration.ofMinutes(3));

                assertEquals(ConsoleWatch.Outcome.SEEN, result.outcome(), result.lastLine());
            } finally {
                host.destroy(spec.name());
            }
        }
    }
}
