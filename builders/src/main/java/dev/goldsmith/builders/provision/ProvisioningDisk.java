package dev.goldsmith.builders.provision;

import dev.goldsmith.builders.agent.Agent;
import dev.goldsmith.builders.process.ProgramException;
import dev.goldsmith.builders.process.Programs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link ProvisioningPlan} into a directory ({@code steps/NN-name.sh}, {@code files/NNNN}) and makes a
 * read-only ISO 9660 image of it with the volume label the agent mounts ({@link Agent#VOLUME_LABEL}), with Rock
 * Ridge so file modes survive. Made with {@code xorriso -as mkisofs} or {@code genisoimage}, whichever is
 * installed.
 */
public final class ProvisioningDisk {

    private static final Duration ISO_TIMEOUT = Duration.ofMinutes(5);

    private final Programs programs;

    public ProvisioningDisk(Programs programs) {
        this.programs = programs;
    }

    /** Writes the plan's steps and files into {@code dir}, which must be empty or missing. */
    public static void write(ProvisioningPlan plan, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (var existing = Files.list(dir)) {
            if (existing.findAny().isPresent()) {
                throw new IOException(dir + ": provisioning disk directory is not empty");
            }
        }
        Path steps = Files.createDirectory(dir.resolve("steps"));
        List<ProvisioningStep> list = plan.steps();
        for (int i = 0; i < list.size(); i++) {
            ProvisioningStep step = list.get(i);
            Path script = steps.resolve(String.format(Locale.ROOT, "%02d-%s.sh", (i + 1) * 10, step.name()));
            Files.writeString(script, step.script(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (DiskFile file : plan.files()) {
            Path target = dir.resolve(file.path()).normalize();
            if (!target.startsWith(dir)) {
                throw new IOException("disk file " + file.path() + " would land outside " + dir);
            }
            Files.createDirectories(target.getParent());
            Files.write(target, file.content());
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Returns the command that makes {@code iso} from {@code dir}: an argument list, never a shell string. */
    static List<String> isoCommand(String tool, Path dir, Path iso) {
        List<String> options = List.of("-quiet", "-R", "-V", Agent.VOLUME_LABEL, "-input-charset", "utf-8",
                "-o", iso.toString(), dir.toString());
        if (tool.equals("xorriso")) {
            return concat(List.of("xorriso", "-as", "mkisofs"), options);
        }
        return concat(List.of(tool), options);
    }

    /**
     * Makes {@code iso} from {@code dir}.
     *
     * @throws ProgramException when neither tool is installed or the tool failed
     */
    public Path makeIso(Path dir, Path iso) throws ProgramException {
        String tool = programs.available("xorriso") ? "xorriso"
                : programs.available("genisoimage") ? "genisoimage" : null;
        if (tool == null) {
            throw new ProgramException(List.of("xorriso"), "neither xorriso nor genisoimage is installed; the"
                    + " provisioning disk needs one (apt-get install xorriso)", null);
        }
        programs.run(isoCommand(tool, dir, iso), dir.getParent(), ISO_TIMEOUT).orThrow();
        return iso;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
