package dev.goldsmith.builders.host;

import com.sun.jna.NativeLibrary;
import dev.goldsmith.builders.process.LocalPrograms;
import dev.goldsmith.builders.process.Programs;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists what this machine lacks for building images: the programs, the libvirt client library and QEMU driver, the
 * {@code libvirt-qemu} user and group a libvirtd without Debian's system package needs, a libvirt connection that
 * answers at each configured URI, and {@code /dev/kvm}. Each item names the Debian package or action that fixes it.
 */
public final class HostCheck {

    /** The user and group the QEMU driver looks up at start, whatever qemu.conf says. */
    public static final String QEMU_ACCOUNT = "libvirt-qemu";

    private final Programs programs;
    private final HostFiles files;
    private final String libraryName;
    private final LibvirtPing ping;

    /**
     * Creates a check.
     *
     * @param programs    finds programs on the search path
     * @param root        the root of the file system to look at ({@code /} outside tests)
     * @param libraryName the native libvirt client library, {@code virt}
     * @param ping        tells whether a connection URI answers
     */
    public HostCheck(Programs programs, Path root, String libraryName, LibvirtPing ping) {
        this.programs = programs;
        this.files = new HostFiles(root);
        this.libraryName = libraryName;
        this.ping = ping;
    }

    /** Returns a check of this machine. */
    public static HostCheck ofThisMachine() {
        return new HostCheck(new LocalPrograms(), Path.of("/"), "virt", LibvirtPing.connecting());
    }

    /** Checks everything, with a connection check for each of {@code uris}. */
    public HostReport check(List<String> uris) {
        List<CheckItem> items = new ArrayList<>();
        items.add(program("qemu-system-x86_64", "qemu-system-x86"));
        items.add(program("qemu-img", "qemu-utils"));
        items.add(program("mmdebstrap", "mmdebstrap"));
        items.add(program("mke2fs", "e2fsprogs"));
        items.add(anyProgram(List.of("xorriso", "genisoimage"), "xorriso"));
        items.add(program("libvirtd", "libvirt-daemon"));
        items.add(qemuDriver());
        items.add(program("virsh", "libvirt-clients"));
        boolean library = libraryLoads();
        items.add(new CheckItem("libvirt client library", library, true,
                library ? "lib" + libraryName + " loads" : "lib" + libraryName + ".so.0 not found",
                "apt-get install libvirt0"));
        items.add(account("user", files.userExists(QEMU_ACCOUNT)));
        items.add(account("group", files.groupExists(QEMU_ACCOUNT)));
        for (String uri : uris) {
            items.add(connection(uri, library));
        }
        items.add(kvm());
        return new HostReport(items);
    }

    private CheckItem program(String name, String debianPackage) {
        boolean found = programs.available(name);
        return new CheckItem("program " + name, found, true, found ? "found" : "not on the search path",
                "apt-get install " + debianPackage);
    }

    private CheckItem anyProgram(List<String> names, String debianPackage) {
        Optional<String> found = names.stream().filter(programs::available).findFirst();
        return new CheckItem("program " + String.join(" or ", names), found.isPresent(), true,
                found.map(name -> name + " found").orElse("neither is on the search path"),
                "apt-get install " + debianPackage);
    }

    private CheckItem qemuDriver() {
        Optional<Path> driver = files.qemuDriver();
        return new CheckItem("libvirt QEMU driver", driver.isPresent(), true,
                driver.map(Path::toString).orElse("libvirt_driver_qemu.so not installed"),
                "apt-get install libvirt-daemon-driver-qemu");
    }

    private boolean libraryLoads() {
        try {
            NativeLibrary.getInstance(libraryName);
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    private static CheckItem account(String kind, boolean exists) {
        return new CheckItem(kind + " " + QEMU_ACCOUNT, exists, true,
                exists ? "exists" : "absent: libvirtd's QEMU driver will not start without it",
                "goldsmith host setup (creates a system " + kind + ")");
    }

    private CheckItem connection(String uri, boolean library) {
        Optional<String> problem = library ? ping.problem(uri) : Optional.of("no libvirt client library");
        boolean local = !uri.contains("://") || uri.contains(":///");
        return new CheckItem("libvirt at " + uri, problem.isEmpty(), true, problem.map(p -> "no answer: " + p)
                .orElse("answers"), local ? "goldsmith host setup (starts libvirtd when none runs)"
                        : "check that libvirtd runs on the remote host and that SSH to it works");
    }

    private CheckItem kvm() {
        Path device = files.path("/dev/kvm");
        if (!Files.exists(device)) {
            return new CheckItem("/dev/kvm", false, false, "absent: guests run under software emulation (slower)",
                    "enable VT-x/AMD-V in the firmware and load kvm_intel or kvm_amd");
        }
        try (FileChannel channel = FileChannel.open(device, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            String nested = files.insideVm() ? "; this machine is itself a VM, so KVM is nested and may be too slow:"
                    + " the KVM probe decides at run time" : "; the KVM probe confirms it at run time";
            return new CheckItem("/dev/kvm", true, false, "present and opens read-write" + nested, "");
        } catch (java.io.IOException | SecurityException e) {
            return new CheckItem("/dev/kvm", false, false, "present but cannot be opened: " + e.getMessage(),
                    "run Goldsmith as root or as a member of the kvm group");
        }
    }
}
