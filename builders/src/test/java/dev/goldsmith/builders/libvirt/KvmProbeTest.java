package dev.goldsmith.builders.libvirt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
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

    private static final String KVM_CAPABILITIES = "<capabilities><host/><guest><os_type>hvm</os_type>"
            + "<arch name='x86_64'><domain type='qemu'/><domain type='kvm'/></arch></guest></capabilities>";
    private static final Duration MAX_AGE = Duration.ofDays(7);
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

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
        return new KvmProbe(devKvm, dir, deadline, Duration.ofMillis(5), guest, Clock.systemUTC(), null,
                Duration.ZERO);
    }

    /** A probe storing its verdicts in {@code stored}, at {@code now}, whose guest reaches userspace when booted. */
    private KvmProbe storingProbe(Path devKvm, KvmVerdictFile stored, Instant now, AtomicInteger boots) {
        return new KvmProbe(devKvm, dir, Duration.ofMinutes(10), Duration.ofMillis(5), (h, spec) -> {
            boots.incrementAndGet();
            console(spec, "[    1.234567] Run /init as init process\n");
        }, Clock.fixed(now, ZoneOffset.UTC), stored, MAX_AGE);
    }

    /**
     * Returns a host on the test driver whose capabilities offer a kvm domain type for x86_64, as a KVM host's
     * libvirt does; the test driver offers only its own type, and no real KVM host is at hand in a unit test.
     */
    private static LibvirtHost kvmHost() {
        return new LibvirtHost("kvm-host", "test:///default", 1, uri -> new Connect(uri) {
            @Override
            public String getCapabilities() {
                return KVM_CAPABILITIES;
            }
        }, Duration.ofMillis(50));
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
    void verdictStoredByOneProbeIsReusedByTheNextWithoutBootingAGuest() throws Exception {
        Path devKvm = Files.writeString(dir.resolve("kvm"), "");
        KvmVerdictFile stored = new KvmVerdictFile(dir.resolve("state/hosts/kvm-verdicts.json"));
        AtomicInteger firstBoots = new AtomicInteger();
        AtomicInteger laterBoots = new AtomicInteger();
        try (LibvirtHost kvm = kvmHost(); LibvirtHost sameKvm = kvmHost()) {
            KvmProbe.Verdict first = storingProbe(devKvm, stored, T0, firstBoots).verdict(kvm, kernel, null);

            KvmProbe.Verdict later = storingProbe(devKvm, stored, T0.plus(Duration.ofDays(6)), laterBoots)
                    .verdict(sameKvm, kernel, null);

            assertEquals(DomainType.KVM, first.type(), first.reason());
            assertEquals(1, firstBoots.get());
            assertEquals(first, later);
            assertEquals(0, laterBoots.get(), "the stored verdict stands; no probe guest is booted");
        }
        KvmVerdictFile.Entry entry = stored.read().get("kvm-host");
        assertEquals("test:///default", entry.uri());
        assertEquals(T0, entry.decided());
        assertEquals(Set.of("libvirt", "hypervisor", "kernel", "dev-kvm"), entry.fingerprint().keySet());
        assertEquals("read-write", entry.fingerprint().get("dev-kvm"));
    }

    @Test
    void changedFingerprintMakesTheNextProbeBootAgain() throws Exception {
        Path devKvm = Files.writeString(dir.resolve("kvm"), "");
        KvmVerdictFile stored = new KvmVerdictFile(dir.resolve("kvm-verdicts.json"));
        AtomicInteger boots = new AtomicInteger();
        try (LibvirtHost kvm = kvmHost()) {
            storingProbe(devKvm, stored, T0, boots).verdict(kvm, kernel, null);
        }
        KvmVerdictFile.Entry before = stored.read().get("kvm-host");
        Map<String, String> olderKernel = new HashMap<>(before.fingerprint());
        olderKernel.put("kernel", "5.10.0-old");
        stored.put("kvm-host", new KvmVerdictFile.Entry(before.uri(), before.type(), before.reason(), T0,
                olderKernel));

        try (LibvirtHost kvm = kvmHost()) {
            storingProbe(devKvm, stored, T0.plusSeconds(60), boots).verdict(kvm, kernel, null);
        }

        assertEquals(2, boots.get(), "the kernel changed, so the guest is booted again");
        KvmVerdictFile.Entry after = stored.read().get("kvm-host");
        assertEquals(before.fingerprint(), after.fingerprint());
        assertEquals(T0.plusSeconds(60), after.decided());
    }

    @Test
    void expiredVerdictMakesTheNextProbeBootAgain() throws Exception {
        Path devKvm = Files.writeString(dir.resolve("kvm"), "");
        KvmVerdictFile stored = new KvmVerdictFile(dir.resolve("kvm-verdicts.json"));
        AtomicInteger boots = new AtomicInteger();
        Instant eightDaysOn = T0.plus(Duration.ofDays(8));
        try (LibvirtHost kvm = kvmHost(); LibvirtHost sameKvm = kvmHost()) {
            storingProbe(devKvm, stored, T0, boots).verdict(kvm, kernel, null);

            storingProbe(devKvm, stored, eightDaysOn, boots).verdict(sameKvm, kernel, null);
        }

        assertEquals(2, boots.get());
        assertEquals(eightDaysOn, stored.read().get("kvm-host").decided());
    }

    @Test
    void corruptFileIsReportedAndReplaced() throws Exception {
        KvmVerdictFile stored = new KvmVerdictFile(dir.resolve("kvm-verdicts.json"));
        Files.writeString(stored.path(), "{\"format\": 1, \"hosts\": {\"local\": {\"uri\": ");

        IOException reported = assertThrows(IOException.class, stored::read);
        KvmProbe.Verdict verdict = storingProbe(dir.resolve("kvm"), stored, T0, new AtomicInteger())
                .verdict(host, kernel, null);

        assertTrue(reported.getMessage().startsWith(stored.path() + ": not a valid kvm verdict file"),
                reported.getMessage());
        assertEquals(DomainType.QEMU, verdict.type());
        assertEquals(verdict.reason(), stored.read().get("local").reason());
    }

    @Test
    void verdictWithoutAProbeKernelIsNotStored() throws Exception {
        Path devKvm = Files.writeString(dir.resolve("kvm"), "");
        KvmVerdictFile stored = new KvmVerdictFile(dir.resolve("kvm-verdicts.json"));
        try (LibvirtHost kvm = kvmHost()) {
            KvmProbe.Verdict verdict = storingProbe(devKvm, stored, T0, new AtomicInteger()).verdict(kvm, null, null);

            assertTrue(verdict.reason().contains("no probe kernel was given"), verdict.reason());
        }
        assertFalse(Files.exists(stored.path()));
    }

    @Test
    void verdictOnAHostThatDoesNotAnswerIsNotStored() throws Exception {
        Path devKvm = Files.writeString(dir.resolve("kvm"), "");
        KvmVerdictFile stored = new KvmVerdictFile(dir.resolve("kvm-verdicts.json"));
        BreakableHost broken = new BreakableHost("away");
        broken.down(true);

        KvmProbe.Verdict verdict = storingProbe(devKvm, stored, T0, new AtomicInteger())
                .verdict(broken.host(), kernel, null);

        assertTrue(verdict.reason().startsWith("cannot read libvirt's capabilities"), verdict.reason());
        assertFalse(Files.exists(stored.path()));
        broken.host().close();
    }

    @Test
    void storedVerdictStandsOnlyForTheSameUriFingerprintAndAge() {
        Map<String, String> fingerprint = Map.of("libvirt", "9.0.0", "hypervisor", "7.2.0");
        KvmVerdictFile.Entry entry = new KvmVerdictFile.Entry("qemu+ssh://b1/system", DomainType.KVM, "booted", T0,
                fingerprint);

        assertNull(entry.staleBecause("qemu+ssh://b1/system", fingerprint, T0.plus(MAX_AGE), MAX_AGE).orElse(null));
        assertEquals("uri changed: qemu+ssh://b1/system -> qemu+ssh://b2/system",
                entry.staleBecause("qemu+ssh://b2/system", fingerprint, T0, MAX_AGE).orElseThrow());
        assertEquals("fingerprint changed: hypervisor 7.2.0 -> 8.0.0",
                entry.staleBecause("qemu+ssh://b1/system", Map.of("libvirt", "9.0.0", "hypervisor", "8.0.0"), T0,
                        MAX_AGE).orElseThrow());
        assertTrue(entry.staleBecause("qemu+ssh://b1/system", fingerprint, T0.plus(MAX_AGE).plusSeconds(1), MAX_AGE)
                .isPresent());
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
