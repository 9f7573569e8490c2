package dev.goldsmith.builders.libvirt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;

/**
 * The decision logic against libvirt's test driver, with the probe guest's console written by the test: the test
 * driver runs no guest, so the test plays the kernel.
 */
class KvmProbeTest {

    @TempDir
    Path dir;

    private Connect daemon;
    private LibvirtHost host;
    private Path kernel;

    @BeforeEach
    void setUp() throws Exception {
        daemon = new Connect("test:///default");
        host = new LibvirtHost("local", "test:///default", 1);
        kernel = Files.writeString(dir.resolve("vmlinuz"), "not really a kernel");
    }

    @AfterEach
    void tearDown() throws Exception {
        host.close();
        daemon.close();
    }

    private KvmProbe probe(Path devKvm, Duration deadline, KvmProbe.GuestHook guest) {
        return new KvmProbe(devKvm, dir, deadline, Duration.ofMillis(5), guest, Clock.systemUTC());
    }

    private static void console(DomainSpec spec, String text) throws Exception {
        Files.writeString(spec.consoleLog(), text, StandardCharsets.UTF_8);
    }

    @Test
    void withoutDevKvmTheAnswerIsQemu() throws Exception {
        KvmProbe.Verdict verdict = probe(dir.resolve("kvm"), Duration.ofSeconds(1), (h, s) -> { })
                .verdict(host, kernel, null);

        assertEquals(DomainType.QEMU, verdict.type());
        assertTrue(verdict.reason().contains("kvm does not exist"), verdict.reason());
    }

    @Test
    void verdictIsKeptForTheProcessLifetime() throws Exception {
        KvmProbe probe = probe(dir.resolve("kvm"), Duration.ofSeconds(1), (h, s) -> { });
        KvmProbe.Verdict first = probe.verdict(host, kernel, null);
        Files.writeString(dir.resolve("kvm"), "");

        KvmProbe.Verdict second = probe.verdict(host, kernel, null);

        assertEquals(first, second);
    }

    @Test
    void hostWhoseCapabilitiesOfferNoKvmGetsQemu() throws Exception {
        Path devKvm = Files.writeString(dir.resolve("kvm"), "");

        KvmProbe.Verdict verdict = probe(devKvm, Duration.ofSeconds(1), (h, s) -> { }).verdict(host, kernel, null);

        assertEquals(DomainType.QEMU, verdict.type());
        assertTrue(verdict.reason().contains("offer no kvm domain type"), verdict.reason());
    }

    @Test
    void capabilitiesWithAKvmDomainOfferKvm() {
        String caps = "<capabilities><host/><guest><os_type>hvm</os_type><arch name='x86_64'>"
                + "<wordsize>64</wordsize><emulator>/usr/bin/qemu-system-x86_64</emulator>"
                + "<domain type='qemu'/><domain type='kvm'/></arch></guest>"
                + "<guest><os_type>hvm</os_type><arch name='i686'><domain type='qemu'/></arch></guest></capabilities>";

        assertTrue(KvmCapabilities.offersKvm(caps, "x86_64"));
        assertFalse(KvmCapabilities.offersKvm(caps, "i686"));
        assertFalse(KvmCapabilities.offersKvm(caps.replace("<domain type='kvm'/>", ""), "x86_64"));
    }

    @Test
    void guestReachingUserspaceUnderKvmMeansKvm() throws Exception {
        KvmProbe probe = probe(dir.resolve("kvm"), Duration.ofMinutes(10), (h, spec) -> {
            assertEquals(DomainType.KVM, spec.type());
            assertEquals(KvmProbe.CMDLINE, spec.boot().cmdline());
            console(spec, "[    0.000000] Linux version 6.1.0\n[    1.234567] Run /init as init process\n");
        });

        KvmProbe.Verdict verdict = probe.boot(host, kernel, null);

        assertEquals(DomainType.KVM, verdict.type());
        assertTrue(verdict.reason().startsWith("a probe guest reached userspace under kvm in "), verdict.reason());
    }

    @Test
    void guestThatStopsBeforeUserspaceMeansQemu() throws Exception {
        KvmProbe probe = probe(dir.resolve("kvm"), Duration.ofMinutes(10), (h, spec) -> {
            console(spec, "[    0.9] Kernel panic - not syncing: VFS: Unable to mount root fs\n");
            daemon.domainLookupByName(spec.name()).destroy();
        });

        KvmProbe.Verdict verdict = probe.boot(host, kernel, null);

        assertEquals(DomainType.QEMU, verdict.type());
        assertTrue(verdict.reason().contains("stopped after"), verdict.reason());
        assertTrue(verdict.reason().contains("Kernel panic - not syncing"), verdict.reason());
    }

    @Test
    void silentGuestPastTheDeadlineMeansQemuAndLeavesNothingBehind() throws Exception {
        String[] domain = new String[1];
        KvmProbe probe = probe(dir.resolve("kvm"), Duration.ofMillis(50), (h, spec) -> domain[0] = spec.name());

        KvmProbe.Verdict verdict = probe.boot(host, kernel, null);

        assertEquals(DomainType.QEMU, verdict.type());
        assertTrue(verdict.reason().contains("did not reach userspace within"), verdict.reason());
        assertTrue(verdict.reason().contains("console stayed empty"), verdict.reason());
        assertEquals(DomainState.GONE, host.state(domain[0]));
        try (var left = Files.list(dir)) {
            assertEquals(Arrays.asList(kernel), left.toList(), "console file and generated initramfs deleted");
        }
    }

    @Test
    void markerSplitAcrossTwoReadsIsStillSeen() {
        ConsoleWatch.Scan scan = new ConsoleWatch.Scan(KvmProbe.USERSPACE_MARKERS);

        assertFalse(scan.feed("[    1.2] Freeing unused ker"));
        assertTrue(scan.feed("nel image (initmem) memory: 2000K\n"));
        assertEquals("[    1.2] Freeing unused kernel image (initmem) memory: 2000K", scan.lastLine());
    }

    @Test
    void consoleWithoutMarkersHasNoneAfterManyPieces() {
        ConsoleWatch.Scan scan = new ConsoleWatch.Scan(KvmProbe.USERSPACE_MARKERS);

        for (int i = 0; i < 1000; i++) {
            assertFalse(scan.feed("[    " + i + "] random: crng init\n"));
        }
        assertEquals("[    999] random: crng init", scan.lastLine());
    }

    @Test
    void generatedInitramfsIsANewcArchiveHoldingInit() throws Exception {
        Path target = dir.resolve("probe.cpio");

        ProbeInitramfs.write(target);

        byte[] bytes = Files.readAllBytes(target);
        String text = new String(bytes, StandardCharsets.US_ASCII);
        assertArrayEquals("070701".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(bytes, 6));
        assertEquals("000081ED", text.substring(14, 22), "mode: regular file, rwxr-xr-x");
        assertEquals("init\0", text.substring(110, 115));
        assertTrue(text.contains("TRAILER!!!\0"));
        assertEquals(0, bytes.length % 4);
    }
}
