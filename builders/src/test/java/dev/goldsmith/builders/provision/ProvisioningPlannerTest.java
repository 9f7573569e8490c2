package dev.goldsmith.builders.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goldsmith.builders.process.LocalPrograms;
import dev.goldsmith.builders.process.ProgramResult;
import dev.goldsmith.catalog.blueprint.Blueprint;
import dev.goldsmith.catalog.blueprint.Customizations;
import dev.goldsmith.catalog.blueprint.Customizations.DirectoryNode;
import dev.goldsmith.catalog.blueprint.Customizations.FileNode;
import dev.goldsmith.catalog.blueprint.Customizations.Firewall;
import dev.goldsmith.catalog.blueprint.Customizations.Group;
import dev.goldsmith.catalog.blueprint.Customizations.Repository;
import dev.goldsmith.catalog.blueprint.Customizations.Services;
import dev.goldsmith.catalog.blueprint.Customizations.Timezone;
import dev.goldsmith.catalog.blueprint.Customizations.User;
import dev.goldsmith.catalog.blueprint.GoldsmithSettings;
import dev.goldsmith.catalog.blueprint.PackageSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisioningPlannerTest {

    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
            + " admin@example.org";

    private final LocalPrograms programs = new LocalPrograms();

    @TempDir
    Path dir;

    static Blueprint blueprint(String distro, List<PackageSpec> packages, List<PackageSpec> groups,
            Customizations customizations) {
        return new Blueprint("web", "a web server", "1.0.0", distro, packages, groups, customizations,
                GoldsmithSettings.NONE);
    }

    static Customizations customizations(String hostname, String kernel, Timezone tz, List<User> users,
            List<Group> groups, Services services, Firewall firewall, List<FileNode> files,
            List<DirectoryNode> dirs, List<Repository> repos) {
        return new Customizations(hostname, kernel, tz, null, users, groups, services, firewall, files, dirs,
                repos);
    }

    private Path writeDisk(ProvisioningPlan plan) throws Exception {
        Path disk = dir.resolve("disk");
        ProvisioningDisk.write(plan, disk);
        return disk;
    }

    private static Path script(Path disk, String name) throws Exception {
        try (Stream<Path> steps = Files.list(disk.resolve("steps"))) {
            return steps.filter(p -> p.getFileName().toString().endsWith("-" + name + ".sh")).findFirst()
                    .orElseThrow();
        }
    }

    private void assertValidShell(Path disk) throws Exception {
        try (Stream<Path> steps = Files.list(disk.resolve("steps"))) {
            for (Path script : steps.toList()) {
                ProgramResult syntax = programs.run(List.of("sh", "-n", script.toString()), dir,
                        Duration.ofSeconds(30));
                assertTrue(syntax.succeeded(), script + ": " + syntax.stderr());
                if (programs.available("shellcheck")) {
                    ProgramResult check = programs.run(List.of("shellcheck", "-s", "sh", "-S", "warning",
                            script.toString()), dir, Duration.ofSeconds(60));
                    assertTrue(check.succeeded(), script + ":\n" + check.stdout());
                }
            }
        }
    }

    @Test
    void debianBlueprintBecomesOrderedStepsWithAptPinsAndShippedFiles() throws Exception {
        Customizations c = customizations("web01", "console=ttyS0,115200n8", new Timezone("Europe/Berlin",
                List.of("ntp.example.org")), List.of(new User("admin", null, null, KEY, null, "/bin/bash",
                List.of("sudo"), 1001, null)), List.of(new Group("ops", 2000)), new Services(List.of("ssh.service"),
                List.of("apt-daily.timer")), new Firewall(List.of("8080:tcp"), new Services(List.of("ssh"), null)),
                List.of(new FileNode("/etc/motd", "0644", null, null, "Welcome to $(hostname)\n")),
                List.of(new DirectoryNode("/srv/app", "0750", "admin", "ops", true)), List.of());
        Blueprint bp = blueprint("debian-12", List.of(new PackageSpec("nginx", "*"),
                new PackageSpec("curl", "7.88.1-10+deb12u12")), List.of(), c);

        ProvisioningPlan plan = ProvisioningPlanner.plan(bp);
        Path disk = writeDisk(plan);

        assertEquals(List.of("packages", "groups", "users", "files", "system", "services", "firewall", "cleanup"),
                plan.steps().stream().map(ProvisioningStep::name).toList());
        assertTrue(plan.step("packages").script().contains(" install --no-install-recommends 'nginx'"
                + " 'curl=7.88.1-10+deb12u12' 'nftables'\n"), plan.step("packages").script());
        assertTrue(plan.step("packages").script().contains(" upgrade\n"));
        assertTrue(plan.step("cleanup").script().contains("truncate -s 0 /etc/machine-id\n"));
        assertTrue(plan.step("cleanup").script().contains("rm -f /var/lib/dbus/machine-id /etc/ssh/ssh_host_*\n"));
        assertFalse(plan.step("files").script().contains("Welcome"), "file contents never sit in a script");
        assertTrue(plan.files().stream().anyMatch(f -> new String(f.content(), StandardCharsets.UTF_8)
                .equals("Welcome to $(hostname)\n")));
        String nft = plan.files().stream().map(f -> new String(f.content(), StandardCharsets.UTF_8))
                .filter(t -> t.startsWith("#!/usr/sbin/nft")).findFirst().orElseThrow();
        assertTrue(nft.contains("tcp dport 8080 accept\n") && nft.contains("tcp dport 22 accept\n"), nft);
        assertTrue(Files.isExecutable(script(disk, "packages")));
        assertValidShell(disk);
    }

    @Test
    void rpmBlueprintUsesDnfGroupsAndFirewalldWhenPresent() throws Exception {
        Customizations c = customizations(null, null, null, List.of(), List.of(), null,
                new Firewall(List.of("60000-61000:udp"), new Services(List.of("https"), List.of("cockpit"))),
                List.of(), List.of(), List.of(new Repository("epel", "EPEL 9", List.of("https://example.org/epel/9"),
                        null, null, List.of("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBF\n"
                                + "-----END PGP PUBLIC KEY BLOCK-----"), true, null, true, 10, null)));
        Blueprint bp = blueprint("almalinux-9", List.of(new PackageSpec("openssl", "1:3.0.7-27.el9")),
                List.of(new PackageSpec("Development Tools", "*")), c);

        ProvisioningPlan plan = ProvisioningPlanner.plan(bp);
        Path disk = writeDisk(plan);

        assertEquals(List.of("repositories", "packages", "firewall", "cleanup"),
                plan.steps().stream().map(ProvisioningStep::name).toList());
        String packages = plan.step("packages").script();
        assertTrue(packages.contains("dnf -y upgrade\ndnf -y install 'openssl-1:3.0.7-27.el9'\n"
                + "dnf -y group install 'Development Tools'\n"), packages);
        assertTrue(plan.step("firewall").script().contains("firewall-offline-cmd '--add-port=60000-61000/udp'\n"));
        assertTrue(plan.step("firewall").script().contains("firewall-offline-cmd '--remove-service=cockpit'\n"));
        String repo = plan.files().stream().map(f -> new String(f.content(), StandardCharsets.UTF_8))
                .filter(t -> t.startsWith("[epel]")).findFirst().orElseThrow();
        assertTrue(repo.contains("baseurl=https://example.org/epel/9\n") && repo.contains("priority=10\n")
                && repo.contains("gpgkey=file:///etc/pki/rpm-gpg/goldsmith-epel-1.asc\n"), repo);
        assertTrue(plan.step("cleanup").script().contains("dnf clean all\n"));
        assertValidShell(disk);
    }

    @Test
    void valuesThatCannotBeMadeSafeWhereTheyGoAreRefused() {
        Customizations newlineHost = customizations("web\n01", null, null, List.of(), List.of(), null, null,
                List.of(), List.of(), List.of());
        Customizations grubScript = customizations(null, "quiet\"; reboot; \"", null, List.of(), List.of(), null,
                null, List.of(), List.of(), List.of());
        Customizations badPort = customizations(null, null, null, List.of(), List.of(), null,
                new Firewall(List.of("22; flush ruleset"), null), List.of(), List.of(), List.of());
        Customizations escapingRepo = customizations(null, null, null, List.of(), List.of(), null, null, List.of(),
                List.of(), List.of(new Repository("../../etc/cron.d/x", null, List.of("https://example.org"), null,
                        null, null, null, null, null, null, null)));

        IllegalArgumentException option = assertThrows(IllegalArgumentException.class, () -> ProvisioningPlanner
                .plan(blueprint("debian-12", List.of(new PackageSpec("-oAPT::Get::AllowUnauthenticated=1", "*")),
                        List.of(), Customizations.NONE)));
        assertTrue(option.getMessage().contains("would be read as an option"), option.getMessage());
        Customizations keyWithSecondLine = customizations(null, null, null, List.of(new User("admin", null, null,
                KEY + "\ncommand=\"/bin/sh\" " + KEY, null, null, null, null, null)), List.of(), null, null,
                List.of(), List.of(), List.of());
        for (Customizations c : List.of(newlineHost, grubScript, badPort, escapingRepo, keyWithSecondLine)) {
            assertThrows(IllegalArgumentException.class,
                    () -> ProvisioningPlanner.plan(blueprint("debian-12", List.of(), List.of(), c)), c.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> ProvisioningPlanner.plan(blueprint("debian-12",
                List.of(new PackageSpec("vim\0", "*")), List.of(), Customizations.NONE)));
    }
}
