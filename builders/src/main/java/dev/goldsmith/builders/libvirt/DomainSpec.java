package dev.goldsmith.builders.libvirt;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A throwaway guest: everything {@link DomainXml} needs to describe it to libvirt. The guest boots its kernel
 * directly, writes its serial console to a file, has at most one writable disk (a qcow2 overlay) and only
 * read-only disks besides, and is destroyed rather than restarted when it powers off, reboots or crashes.
 *
 * @param name          the domain name; always starts with {@value #NAME_PREFIX}
 * @param type          hardware virtualisation or software emulation
 * @param memoryMib     guest memory in MiB
 * @param vcpus         virtual CPUs
 * @param boot          the kernel, initrd and kernel command line
 * @param overlay       the qcow2 overlay attached read-write as {@code vda}, or null for a guest without one
 * @param readOnlyDisks further disks, attached read-only after the overlay ({@code vdb}, {@code vdc}, ...)
 * @param consoleLog    the file the serial console is written to (the guest's only way to write on the host)
 * @param networking    user-mode networking or none
 * @param mark          the metadata that marks the domain as Goldsmith's
 */
public record DomainSpec(
        String name,
        DomainType type,
        int memoryMib,
        int vcpus,
        DirectBoot boot,
        Path overlay,
        List<ReadOnlyDisk> readOnlyDisks,
        Path consoleLog,
        Networking networking,
        DomainMark mark) {

    /** Every domain Goldsmith creates has a name starting with this. */
    public static final String NAME_PREFIX = "goldsmith-";
    /** Virtio disks are named vda..vdz; one of them may be the overlay. */
    public static final int MAX_DISKS = 26;

    private static final Pattern NAME = Pattern.compile("goldsmith-[A-Za-z0-9][A-Za-z0-9._-]{0,89}");

    public DomainSpec {
        Values.matching("name", name, NAME, "must be '" + NAME_PREFIX
                + "' followed by up to 90 letters, digits, '.', '_' or '-'");
        if (type == null || boot == null || networking == null || mark == null) {
            throw new IllegalArgumentException("type, boot, networking and mark are required (domain " + name + ")");
        }
        Values.within("memoryMib", memoryMib, 32, 1 << 20);
        Values.within("vcpus", vcpus, 1, 256);
        if (overlay != null) {
            Values.absolutePath("overlay", overlay);
        }
        readOnlyDisks = List.copyOf(readOnlyDisks);
        if (readOnlyDisks.size() + (overlay == null ? 0 : 1) > MAX_DISKS) {
            throw new IllegalArgumentException("readOnlyDisks: at most " + MAX_DISKS + " disks in all");
        }
        Values.absolutePath("consoleLog", consoleLog);
    }

    /**
     * Returns the domain name for one guest of a build: {@code goldsmith-<image>-<buildId>[-<role>]}, with anything
     * outside {@code [A-Za-z0-9._-]} in the image name replaced by {@code _}.
     */
    public static String nameFor(String image, String buildId, String role) {
        String cleaned = image.replaceAll("[^A-Za-z0-9._-]", "_");
        String name = NAME_PREFIX + cleaned + "-" + buildId + (role == null || role.isEmpty() ? "" : "-" + role);
        return name.length() > 100 ? NAME_PREFIX + buildId + (role == null || role.isEmpty() ? "" : "-" + role)
                : name;
    }

    /**
     * A kernel booted directly by QEMU, without a bootloader.
     *
     * @param kernel  the kernel image
     * @param initrd  the initial ramdisk, or null for none
     * @param cmdline the kernel command line; at most 2048 characters, no control characters
     */
    public record DirectBoot(Path kernel, Path initrd, String cmdline) {

        public DirectBoot {
            Values.absolutePath("kernel", kernel);
            if (initrd != null) {
                Values.absolutePath("initrd", initrd);
            }
            Values.text("cmdline", cmdline, 2048);
        }
    }

    /**
     * A disk the guest may read but never write, such as a provisioning ISO or a raw image of packages.
     *
     * @param path   the image file
     * @param format how QEMU reads it (an ISO is {@link DiskFormat#RAW})
     * @param serial the serial number the guest sees ({@code /dev/disk/by-id/virtio-<serial>}), or null for none;
     *               up to 20 letters, digits, {@code _} or {@code -}
     */
    public record ReadOnlyDisk(Path path, DiskFormat format, String serial) {

        private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9_-]{1,20}");

        public ReadOnlyDisk {
            Values.absolutePath("disk", path);
            if (format == null) {
                throw new IllegalArgumentException("disk " + path + ": format missing");
            }
            if (serial != null) {
                Values.matching("serial", serial, SERIAL, "must be 1-20 letters, digits, '_' or '-'");
            }
        }
    }
}
