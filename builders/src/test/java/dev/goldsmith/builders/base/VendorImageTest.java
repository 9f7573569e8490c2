package dev.goldsmith.builders.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goldsmith.catalog.blueprint.Distro;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VendorImageTest {

    private static final Path IMAGE = Path.of("/var/lib/goldsmith/vendor/AlmaLinux-9-GenericCloud.qcow2");

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            root=LABEL=root                                        | true  | a label
            root=UUID=6e8d2b6e-4d4b-4c1e-9a1b-0d5d2c3e4f50         | true  | a file system UUID
            root=/dev/mapper/rhel-root rd.lvm.lv=rhel/root         | true  | LVM needs a second argument
            '  root=LABEL=root   ro '                              | true  | extra spaces are dropped
            LABEL=root                                             | false | no root= argument
            root=                                                  | false | root= with nothing after it
            root=LABEL=root; reboot                                | false | a shell separator
            root=LABEL=root</cmdline>                              | false | XML that would end the element
            ''                                                     | false | nothing at all
            """)
    void acceptsKernelArgumentsThatNameARootFileSystemAndNothingElse(String kernelRoot, boolean accepted,
            String reason) {
        assertEquals(accepted, VendorImage.kernelRootProblem(kernelRoot).isEmpty(), reason);
    }

    @Test
    void keepsTheKernelArgumentsWithSingleSpaces() {
        VendorImage vendor = new VendorImage(Distro.parse("rhel-9").orElseThrow(), IMAGE,
                " root=/dev/mapper/rhel-root   rd.lvm.lv=rhel/root ");

        assertEquals("root=/dev/mapper/rhel-root rd.lvm.lv=rhel/root", vendor.kernelRoot());
    }

    @Test
    void refusesADebianReleaseARelativePathAndAColonSayingWhy() {
        Optional<String> debian = VendorImage.distroProblem(Distro.parse("debian-12").orElseThrow());
        Optional<String> relative = VendorImage.imageProblem(Path.of("vendor/alma.qcow2"));
        Optional<String> colon = VendorImage.imageProblem(Path.of("/srv/vendor/alma:9.qcow2"));

        assertTrue(debian.orElseThrow().contains("debian-12 is bootstrapped with mmdebstrap"), debian.get());
        assertTrue(debian.get().contains("(rhel, almalinux, rocky, fedora, centos)"), debian.get());
        assertEquals("must be an absolute path, got 'vendor/alma.qcow2'", relative.orElseThrow());
        assertTrue(colon.orElseThrow().startsWith("must not contain ':'"), colon.get());
        assertThrows(IllegalArgumentException.class, () -> new VendorImage(Distro.parse("ubuntu-24.04")
                .orElseThrow(), IMAGE, "root=LABEL=root"));
    }
}
