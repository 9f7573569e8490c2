package dev.goldsmith.routes.config;

import static dev.goldsmith.routes.config.ConfigFixture.described;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.goldsmith.builders.base.VendorImage;
import dev.goldsmith.builders.build.BuildSettings;
import dev.goldsmith.catalog.blueprint.Distro;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildConfigTest {

    @TempDir
    Path dir;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
    }

    @Test
    void theShippedFileAndAFileWithoutTheBuildSectionBothGetTheDefaults() throws ConfigException {
        assertEquals(BuildConfig.defaults(), ConfigLoader.load(Path.of("../config/goldsmith.yaml"), Map.of())
                .build());
        assertEquals(BuildConfig.defaults(), fixture.load("state-dir: state\n").build());
        assertEquals(new BuildConfig(Path.of("/var/cache/goldsmith/bases"), 2), BuildConfig.defaults());
    }

    @Test
    void readsTheBaseCacheAndHowManyBasesToKeepIntoTheBuildSettings() throws ConfigException {
        GoldsmithConfig config = fixture.load("""
                state-dir: state
                build: {base-cache: /srv/goldsmith/../goldsmith-bases, keep-bases: 3}
                """);

        assertEquals(new BuildConfig(Path.of("/srv/goldsmith-bases"), 3), config.build());
        BuildSettings settings = config.build().settings(config.stateDir());
        assertEquals(Path.of("/srv/goldsmith-bases"), settings.baseCache());
        assertEquals(3, settings.keepBases());
        assertEquals(dir.resolve("state/scratch"), settings.scratchDir());
    }

    @Test
    void environmentVariablesOverrideTheBaseCacheAndKeepBases() throws ConfigException {
        GoldsmithConfig config = fixture.load("state-dir: state\n", Map.of(
                "GOLDSMITH_BUILD_BASE_CACHE", "/mnt/bases", "GOLDSMITH_BUILD_KEEP_BASES", "1"));

        assertEquals(new BuildConfig(Path.of("/mnt/bases"), 1), config.build());
    }

    @Test
    void reportsARelativeBaseCacheAndKeepingNoBasesWithTheirFields() throws Exception {
        Files.writeString(dir.resolve("a-file"), "");

        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                build: {base-cache: cache/bases, keep-bases: 0}
                """);
        List<ConfigProblem> notADirectory = fixture.problems("""
                state-dir: state
                build: {base-cache: %s, keep-bases: two, keep-base: 2}
                """.formatted(dir.resolve("a-file")));

        assertEquals(List.of(
                "build.base-cache: must be an absolute path, got 'cache/bases'",
                "build.keep-bases: must be at least 1, got 0"), described(problems));
        assertEquals(dir.resolve("goldsmith.yaml"), problems.get(0).file());
        assertEquals(List.of(
                "build.keep-base: unknown key; did you mean 'keep-bases'?",
                "build.base-cache: not a directory: " + dir.resolve("a-file"),
                "build.keep-bases: wrong type: expected a whole number, got text 'two'"), described(notADirectory));
    }

    @Test
    void readsEachVendorImageIntoTheBuildSettingsAndKeepsThemWhenTheBaseCacheIsOverridden() throws Exception {
        Path alma = fixture.write("vendor/AlmaLinux-9-GenericCloud-latest.x86_64.qcow2", "QFI");
        Path rhel = fixture.write("vendor/rhel-9.4-x86_64-kvm.qcow2", "QFI");

        GoldsmithConfig config = fixture.load("""
                state-dir: state
                build:
                  vendor-images:
                    - distro: almalinux-9
                      image: %s
                      kernel-root: root=LABEL=root
                    - {distro: rhel-9, image: %s, kernel-root: "root=/dev/mapper/rhel-root rd.lvm.lv=rhel/root"}
                """.formatted(alma, rhel));

        List<VendorImage> expected = List.of(
                new VendorImage(Distro.parse("almalinux-9").orElseThrow(), alma, "root=LABEL=root"),
                new VendorImage(Distro.parse("rhel-9").orElseThrow(), rhel,
                        "root=/dev/mapper/rhel-root rd.lvm.lv=rhel/root"));
        assertEquals(expected, config.build().vendorImages());
        assertEquals(expected, config.build().settings(config.stateDir()).vendorImages());
        assertEquals(expected, config.build().withBaseCache(Path.of("/mnt/bases")).settings(config.stateDir())
                .vendorImages());
    }

    @Test
    void reportsEachWrongVendorImageByItsFieldWithoutStopping() throws Exception {
        Path alma = fixture.write("vendor/alma.qcow2", "QFI");
        Files.createDirectories(dir.resolve("vendor/a-directory"));

        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                build:
                  vendor-images:
                    - {distro: debian-12, image: %1$s, kernel-root: root=LABEL=root}
                    - {distro: centos-9, image: vendor/alma.qcow2, kernel-root: LABEL=root}
                    - {distro: almalinux-9, image: %1$s, kernel-root: root=LABEL=root}
                    - {distro: almalinux-9, image: %1$s, kernel-root: root=LABEL=root}
                    - {distro: suse-15, image: %2$s/missing.qcow2}
                    - {distro: rocky-9, image: %2$s/a-directory, kernel-root: "root=LABEL=rocky; reboot"}
                    - {distro: fedora-40, image: %2$s/fedora:40.qcow2, kernel-root: root=LABEL=fedora, kernel-roots: x}
                """.formatted(alma, dir.resolve("vendor")));

        assertEquals(List.of(
                "build.vendor-images[6].kernel-roots: unknown key; did you mean 'kernel-root'?",
                "build.vendor-images[0].distro: debian-12 is bootstrapped with mmdebstrap from the host's APT sources;"
                        + " vendor images are for RPM distributions (rhel, almalinux, rocky, fedora, centos)",
                "build.vendor-images[1].image: must be an absolute path, got 'vendor/alma.qcow2'",
                "build.vendor-images[1].kernel-root: 'LABEL=root' has no root= argument, such as root=LABEL=root or"
                        + " root=UUID=...; the kernel would not find the image's root file system",
                "build.vendor-images[3].distro: duplicate distro 'almalinux-9'; build.vendor-images[2].distro has it"
                        + " already",
                "build.vendor-images[4].distro: 'suse-15' is not a distribution release Goldsmith knows; vendor"
                        + " images are for the RPM families (rhel, almalinux, rocky, fedora, centos), such as"
                        + " almalinux-9",
                "build.vendor-images[4].image: file not found: " + dir.resolve("vendor/missing.qcow2"),
                "build.vendor-images[4].kernel-root: missing required value",
                "build.vendor-images[5].image: not a regular file: " + dir.resolve("vendor/a-directory"),
                "build.vendor-images[5].kernel-root: 'root=LABEL=rocky; reboot' is not kernel arguments: words of"
                        + " letters, digits and . _ , : = / + @ - separated by spaces",
                "build.vendor-images[6].image: file not found: " + dir.resolve("vendor/fedora:40.qcow2"),
                "build.vendor-images[6].image: must not contain ':', which virt-customize reads as a separator: "
                        + dir.resolve("vendor/fedora:40.qcow2")), described(problems));
    }
}
