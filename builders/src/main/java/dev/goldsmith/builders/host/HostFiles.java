package dev.goldsmith.builders.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Facts read from a machine's files under a root directory ({@code /} in production, a temporary tree in tests):
 * local users and groups, running processes, whether systemd runs, installed libvirt drivers.
 */
final class HostFiles {

    private final Path root;

    HostFiles(Path root) {
        this.root = root;
    }

    /** Returns {@code absolute} (such as {@code /etc/passwd}) under the root. */
    Path path(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    /** Returns whether {@code /etc/passwd} names the user. */
    boolean userExists(String name) {
        return firstFields("/etc/passwd").contains(name);
    }

    /** Returns whether {@code /etc/group} names the group. */
    boolean groupExists(String name) {
        return firstFields("/etc/group").contains(name);
    }

    /** Returns whether systemd is the running init, as {@code sd_booted(3)} decides it. */
    boolean systemdRuns() {
        return Files.isDirectory(path("/run/systemd/system"));
    }

    /** Returns the id of a running process whose command name is {@code comm}, if any. */
    Optional<Long> process(String comm) {
        Path proc = path("/proc");
        if (!Files.isDirectory(proc)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path entry : entries) {
                try {
                    if (Files.readString(entry.resolve("comm"), StandardCharsets.UTF_8).strip().equals(comm)) {
                        return Optional.of(Long.parseLong(entry.getFileName().toString()));
                    }
                } catch (IOException | NumberFormatException e) {
                    // The process ended while we looked, or the entry is not a process: skip it.
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Returns the installed libvirt QEMU driver module, if any. */
    Optional<Path> qemuDriver() {
        Path lib = path("/usr/lib");
        if (!Files.isDirectory(lib)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(lib)) {
            for (Path dir : dirs) {
                Path driver = dir.resolve("libvirt/connection-driver/libvirt_driver_qemu.so");
                if (Files.exists(driver)) {
                    return Optional.of(driver);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Returns whether {@code /proc/cpuinfo} shows this machine is itself a virtual machine. */
    boolean insideVm() {
        try {
            return Files.readAllLines(path("/proc/cpuinfo"), StandardCharsets.UTF_8).stream()
                    .anyMatch(line -> line.startsWith("flags") && List.of(line.split("\\s+")).contains("hypervisor"));
        } catch (IOException e) {
            return false;
        }
    }

    private List<String> firstFields(String absolute) {
        try {
            return Files.readAllLines(path(absolute), StandardCharsets.UTF_8).stream()
                    .map(line -> line.split(":", 2)[0]).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
