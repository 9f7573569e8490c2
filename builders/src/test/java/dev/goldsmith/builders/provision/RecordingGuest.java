package dev.goldsmith.builders.provision;

import dev.goldsmith.builders.process.LocalPrograms;
import dev.goldsmith.builders.process.ProgramResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs generated step scripts with the real {@code sh}, but with a search path that holds only recording stand-ins
 * for the guest's programs (useradd, apt-get, install, ...): each records its name and arguments, byte-exact, and
 * changes nothing. So a test sees exactly which arguments a script passed, and nothing touches this machine.
 */
final class RecordingGuest {

    static final List<String> PROGRAMS = List.of("apt-get", "dnf", "getent", "groupadd", "useradd", "usermod", "id",
            "cut", "install", "ln", "systemctl", "rm", "truncate", "find", "tee", "locale-gen", "update-grub",
            "grubby", "firewall-offline-cmd", "journalctl", "sleep");

    private static final String RECORDER = """
            #!/bin/sh
            { printf '%s' "${0##*/}"; for a in "$@"; do printf ' %d:%s' "${#a}" "$a"; done; printf '\\n'; } \
            >> "$FAKE_LOG"
            case "${0##*/}" in
                getent) [ -n "${FAKE_EXISTS:-}" ] || exit 2 ;;
            esac
            exit 0
            """;

    private final Path bin;
    private final Path log;
    private final LocalPrograms programs = new LocalPrograms();

    RecordingGuest(Path dir) throws IOException {
        bin = Files.createDirectories(dir.resolve("fake-bin"));
        log = dir.resolve("calls.log");
        for (String program : PROGRAMS) {
            Path fake = bin.resolve(program);
            Files.writeString(fake, RECORDER);
            Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** Runs {@code script} as the agent would, with {@code disk} as GOLDSMITH_DISK. */
    ProgramResult run(Path script, Path disk, boolean accountsExist) throws Exception {
        List<String> command = new ArrayList<>(List.of("env", "-i", "PATH=" + bin, "FAKE_LOG=" + log,
                "GOLDSMITH_DISK=" + disk));
        if (accountsExist) {
            command.add("FAKE_EXISTS=1");
        }
        command.addAll(List.of("/bin/sh", script.toString()));
        return programs.run(command, disk, Duration.ofSeconds(60));
    }

    /** Returns every recorded call, each as the program's name followed by its arguments. */
    List<List<String>> calls() throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        // Lengths are in bytes (dash counts bytes), so read bytes one to one as characters.
        String text = new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1);
        List<List<String>> calls = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            List<String> call = new ArrayList<>();
            int end = i;
            while (text.charAt(end) != ' ' && text.charAt(end) != '\n') {
                end++;
            }
            call.add(text.substring(i, end));
            i = end;
            while (text.charAt(i) == ' ') {
                int colon = text.indexOf(':', i);
                int length = Integer.parseInt(text.substring(i + 1, colon));
                byte[] arg = text.substring(colon + 1, colon + 1 + length).getBytes(StandardCharsets.ISO_8859_1);
                call.add(new String(arg, StandardCharsets.UTF_8));
                i = colon + 1 + length;
            }
            i++;
            calls.add(call);
        }
        return calls;
    }
}
