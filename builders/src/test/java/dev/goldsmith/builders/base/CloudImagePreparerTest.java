package dev.goldsmith.builders.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goldsmith.builders.process.FakePrograms;
import dev.goldsmith.builders.process.ProgramException;
import dev.goldsmith.builders.process.ProgramResult;
import dev.goldsmith.catalog.blueprint.Distro;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudImagePreparerTest {

    private static final Distro ROCKY = Distro.parse("rocky-9").orElseThrow();

    @TempDir
    Path dir;

    @Test
    void missingLibguestfsToolsAreNamedWithWhyTheyAreNeeded() throws Exception {
        Path vendor = Files.writeString(dir.resolve("Rocky-9-GenericCloud.qcow2"), "image");
        CloudImagePreparer preparer = new CloudImagePreparer(new FakePrograms(Set.of("qemu-img")), ROCKY, vendor,
                "root=LABEL=rocky", Duration.ofMinutes(10));

        ProgramException missing = assertThrows(ProgramException.class,
                () -> new BaseImageCache(dir.resolve("cache")).obtain(preparer.key(), preparer));

        assertTrue(missing.getMessage().contains("virt-customize and virt-get-kernel are not installed"),
                missing.getMessage());
        assertTrue(missing.getMessage().contains("libguestfs-tools"), missing.getMessage());
    }

    @Test
    void preparesTheVendorImageWithTheAgentAndCopiesItsKernelOut() throws Exception {
        Path vendor = Files.writeString(dir.resolve("Rocky-9-GenericCloud.qcow2"), "image");
        FakePrograms programs = new FakePrograms(Set.copyOf(CloudImagePreparer.TOOLS))
                .on("qemu-img", (command, workDir) -> {
                    Files.copy(Path.of(command.get(4)), Path.of(command.get(5)));
                    return FakePrograms.ok(command);
                })
                .on("virt-get-kernel", (command, workDir) -> {
                    Path out = Path.of(command.get(4));
                    Files.writeString(out.resolve("vmlinuz"), "kernel");
                    Files.writeString(out.resolve("initramfs.img"), "initrd");
                    return FakePrograms.ok(command);
                });
        CloudImagePreparer preparer = new CloudImagePreparer(programs, ROCKY, vendor, "root=LABEL=rocky",
                Duration.ofMinutes(10));

        BaseImage base = new BaseImageCache(dir.resolve("cache")).obtain(preparer.key(), preparer);

        assertEquals("initrd", Files.readString(base.initrd()));
        assertEquals("root=LABEL=rocky", base.info().kernelRoot());
        assertTrue(programs.commands().get(1).containsAll(List.of("--chmod",
                "0755:/usr/local/sbin/goldsmith-agent", "--selinux-relabel")), programs.commands().get(1).toString());
        String before = preparer.key();
        Files.writeString(vendor, "newer image");
        assertNotEquals(before, preparer.key(), "a new vendor image makes a new base");
    }

    private static FakePrograms.Behaviour exits(int status, String stderr) {
        return (command, workDir) -> new ProgramResult(command, status, "", stderr, Duration.ZERO);
    }

    private static List<String> programsRun(FakePrograms programs) {
        return programs.commands().stream().map(c -> c.get(0).equals("env") ? "env " + c.get(1) + " " + c.get(2)
                : c.get(0)).toList();
    }

    @Test
    void runsLibguestfsUnderSoftwareEmulationOnceKvmCannotLaunchItsAppliance() throws Exception {
        Path vendor = Files.writeString(dir.resolve("AlmaLinux-9-GenericCloud.qcow2"), "image");
        FakePrograms programs = new FakePrograms(Set.of("qemu-img", "virt-customize", "virt-get-kernel", "env"))
                .on("qemu-img", (command, workDir) -> {
                    Files.copy(Path.of(command.get(4)), Path.of(command.get(5)));
                    return FakePrograms.ok(command);
                })
                .on("virt-customize", exits(1, "qemu-system-x86_64: error: failed to set MSR 0x10a to 0x69\n"
                        + "virt-customize: error: libguestfs error: guestfs_launch failed.\n"
                        + "This usually means the libguestfs appliance failed to start or crashed."))
                .on("env", (command, workDir) -> {
                    if (command.get(2).equals("virt-get-kernel")) {
                        Path out = Path.of(command.get(command.indexOf("-o") + 1));
                        Files.writeString(out.resolve("vmlinuz"), "kernel");
                        Files.writeString(out.resolve("initramfs.img"), "initrd");
                    }
                    return FakePrograms.ok(command);
                });
        CloudImagePreparer preparer = new CloudImagePreparer(programs, Distro.parse("almalinux-9").orElseThrow(),
                vendor, "root=LABEL=root", Duration.ofMinutes(10));

        BaseImage base = new BaseImageCache(dir.resolve("cache")).obtain(preparer.key(), preparer);

        assertEquals("kernel", Files.readString(base.kernel()));
        assertEquals(List.of("qemu-img", "virt-customize",
                "env LIBGUESTFS_BACKEND_SETTINGS=force_tcg virt-customize",
                "env LIBGUESTFS_BACKEND_SETTINGS=force_tcg virt-get-kernel"), programsRun(programs),
                "virt-get-kernel goes straight to software emulation once KVM failed");
    }

    @Test
    void aLibguestfsFailureOtherThanItsApplianceNotLaunchingFailsThePreparation() throws Exception {
        Path vendor = Files.writeString(dir.resolve("AlmaLinux-9-GenericCloud.qcow2"), "image");
        FakePrograms programs = new FakePrograms(Set.of("qemu-img", "virt-customize", "virt-get-kernel", "env"))
                .on("virt-customize", exits(1, "virt-customize: error: no operating systems were found in the"
                        + " guest image"));
        CloudImagePreparer preparer = new CloudImagePreparer(programs, Distro.parse("almalinux-9").orElseThrow(),
                vendor, "root=LABEL=root", Duration.ofMinutes(10));

        ProgramException failed = assertThrows(ProgramException.class,
                () -> new BaseImageCache(dir.resolve("cache")).obtain(preparer.key(), preparer));

        assertTrue(failed.getMessage().contains("no operating systems were found"), failed.getMessage());
        assertEquals(List.of("qemu-img", "virt-customize"), programsRun(programs));
    }
}
