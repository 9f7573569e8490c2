package dev.goldsmith.builders.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCheckTest {

    private static final Set<String> ALL = Set.of("qemu-system-x86_64", "qemu-img", "mmdebstrap", "mke2fs",
            "xorriso", "libvirtd", "virsh");

    @TempDir
    Path root;

    private void file(String absolute, String text) throws IOException {
        Path path = root.resolve(absolute.substring(1));
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    private void readyRoot() throws IOException {
        file("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nlibvirt-qemu:x:64055:108::/var/lib/libvirt:/bin/false\n");
        file("/etc/group", "root:x:0:\nlibvirt-qemu:x:108:\n");
        file("/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so", "");
        file("/dev/kvm", "");
        file("/proc/cpuinfo", "processor\t: 0\nflags\t\t: fpu vme de pse hypervisor lahf_lm\n");
    }

    private static Map<String, CheckItem> byName(HostReport report) {
        return report.items().stream().collect(Collectors.toMap(CheckItem::name, Function.identity()));
    }

    @Test
    void hostWithEverythingIsReady() throws IOException {
        readyRoot();

        HostReport report = new HostCheck(new FakePrograms(ALL), root, "virt", LibvirtPing.connecting())
                .check(List.of("test:///default"));

        assertTrue(report.ready(), report.missing().toString());
        assertEquals(List.of(), report.missing());
        CheckItem kvm = byName(report).get("/dev/kvm");
        assertTrue(kvm.detail().contains("itself a VM"), kvm.detail());
        assertEquals("answers", byName(report).get("libvirt at test:///default").detail());
    }

    @Test
    void eachMissingItemNamesWhatFixesIt() {
        HostReport report = new HostCheck(new FakePrograms(Set.of("genisoimage", "mke2fs")), root, "virt",
                LibvirtPing.connecting()).check(List.of("test:///nonexistent/goldsmith.xml"));

        assertFalse(report.ready());
        Map<String, CheckItem> items = byName(report);
        assertEquals("apt-get install qemu-utils", items.get("program qemu-img").fix());
        assertEquals("apt-get install qemu-system-x86", items.get("program qemu-system-x86_64").fix());
        assertEquals("apt-get install libvirt-daemon", items.get("program libvirtd").fix());
        assertEquals("apt-get install libvirt-clients", items.get("program virsh").fix());
        assertEquals("apt-get install libvirt-daemon-driver-qemu", items.get("libvirt QEMU driver").fix());
        assertTrue(items.get("program xorriso or genisoimage").ok(), "either ISO writer will do");
        assertTrue(items.get("program mke2fs").ok());
        assertFalse(items.get("user libvirt-qemu").ok());
        assertFalse(items.get("group libvirt-qemu").ok());
        assertTrue(items.get("user libvirt-qemu").fix().startsWith("goldsmith host setup"));
        CheckItem connection = items.get("libvirt at test:///nonexistent/goldsmith.xml");
        assertFalse(connection.ok());
        assertTrue(connection.detail().startsWith("no answer: "), connection.detail());
        CheckItem kvm = items.get("/dev/kvm");
        assertFalse(kvm.ok());
        assertFalse(kvm.required(), "without KVM builds are slower, not impossible");
        assertTrue(kvm.line().startsWith("MISSING (optional)"), kvm.line());
        assertTrue(items.get("program qemu-img").line().startsWith("MISSING "));
        assertTrue(items.get("program qemu-img").line().endsWith("(fix: apt-get install qemu-utils)"));
    }

    @Test
    void missingClientLibraryIsReportedWithoutTryingToConnect() throws IOException {
        readyRoot();
        LibvirtPing mustNotRun = uri -> {
            throw new AssertionError("connected without a client library");
        };

        HostReport report = new HostCheck(new FakePrograms(ALL), root, "goldsmith-no-such-library", mustNotRun)
                .check(List.of("qemu:///system"));

        Map<String, CheckItem> items = byName(report);
        assertEquals("apt-get install libvirt0", items.get("libvirt client library").fix());
        assertFalse(items.get("libvirt client library").ok());
        assertEquals("no answer: no libvirt client library", items.get("libvirt at qemu:///system").detail());
        assertFalse(report.ready());
    }

    @Test
    void remoteHostThatDoesNotAnswerPointsAtTheRemoteSide() throws IOException {
        readyRoot();

        HostReport report = new HostCheck(new FakePrograms(ALL), root, "virt", uri -> java.util.Optional.of("refused"))
                .check(List.of("qemu+ssh://builder@host.example.org/system"));

        CheckItem remote = byName(report).get("libvirt at qemu+ssh://builder@host.example.org/system");
        assertTrue(remote.fix().contains("remote host"), remote.fix());
    }
}
