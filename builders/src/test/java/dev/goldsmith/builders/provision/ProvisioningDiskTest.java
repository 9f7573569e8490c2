package dev.goldsmith.builders.provision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.goldsmith.builders.agent.Agent;
import dev.goldsmith.builders.process.FakePrograms;
import dev.goldsmith.builders.process.LocalPrograms;
import dev.goldsmith.builders.process.ProgramException;
import dev.goldsmith.builders.process.ProgramResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisioningDiskTest {

    @TempDir
    Path dir;

    private static ProvisioningPlan plan() {
        return new ProvisioningPlan(List.of(new ProvisioningStep("packages", "#!/bin/sh\necho packages\n"),
                new ProvisioningStep("cleanup", "#!/bin/sh\necho cleanup\n")),
                List.of(new DiskFile("files/0001", "key material\n".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void writesNumberedExecutableStepsAndReadOnlyFiles() throws Exception {
        Path disk = dir.resolve("disk");

        ProvisioningDisk.write(plan(), disk);

        assertEquals("#!/bin/sh\necho packages\n", Files.readString(disk.resolve("steps/10-packages.sh")));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(disk.resolve("steps/20-cleanup.sh"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(disk.resolve("files/0001"))));
        assertThrows(java.io.IOException.class, () -> ProvisioningDisk.write(plan(), disk),
                "a disk directory that already holds files is refused");
    }

    @Test
    void realIsoHasTheAgentsLabelAndKeepsModesAndContents() throws Exception {
        LocalPrograms programs = new LocalPrograms();
        assumeTrue(programs.available("xorriso"), "needs xorriso (apt-get install xorriso)");
        Path disk = dir.resolve("disk");
        ProvisioningDisk.write(plan(), disk);

        Path iso = new ProvisioningDisk(programs).makeIso(disk, dir.resolve("provision.iso"));

        ProgramResult pvd = programs.run(List.of("xorriso", "-indev", iso.toString(), "-pvd_info"), dir,
                Duration.ofSeconds(60));
        assertTrue(pvd.stdout().contains("Volume Id    : " + Agent.VOLUME_LABEL), pvd.stdout());
        Path out = dir.resolve("extracted");
        programs.run(List.of("xorriso", "-osirrox", "on", "-indev", iso.toString(), "-extract", "/",
                out.toString()), dir, Duration.ofSeconds(60)).orThrow();
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(out.resolve("steps/10-packages.sh"))));
        assertArrayEquals(Files.readAllBytes(disk.resolve("files/0001")), Files.readAllBytes(out.resolve(
                "files/0001")));
    }

    @Test
    void fallsBackToGenisoimageAndSaysWhatIsMissingWhenNeitherIsInstalled() throws Exception {
        FakePrograms genisoimage = new FakePrograms(Set.of("genisoimage"));
        Path disk = dir.resolve("disk");

        new ProvisioningDisk(genisoimage).makeIso(disk, dir.resolve("p.iso"));
        ProgramException missing = assertThrows(ProgramException.class,
                () -> new ProvisioningDisk(new FakePrograms(Set.of())).makeIso(disk, dir.resolve("p.iso")));

        assertEquals(List.of("genisoimage", "-quiet", "-R", "-V", "GOLDSMITH_PROVISION", "-input-charset", "utf-8",
                "-o", dir.resolve("p.iso").toString(), disk.toString()), genisoimage.commands().get(0));
        assertTrue(missing.getMessage().contains("neither xorriso nor genisoimage is installed"),
                missing.getMessage());
        assertEquals(List.of("xorriso", "-as", "mkisofs", "-quiet"),
                ProvisioningDisk.isoCommand("xorriso", disk, dir.resolve("p.iso")).subList(0, 4));
    }
}
