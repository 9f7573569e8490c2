package dev.goldsmith.builders.provision;

import static dev.goldsmith.builders.provision.ProvisioningPlannerTest.blueprint;
import static dev.goldsmith.builders.provision.ProvisioningPlannerTest.customizations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goldsmith.builders.process.LocalPrograms;
import dev.goldsmith.builders.process.ProgramResult;
import dev.goldsmith.catalog.blueprint.Blueprint;
import dev.goldsmith.catalog.blueprint.Customizations.DirectoryNode;
import dev.goldsmith.catalog.blueprint.Customizations.FileNode;
import dev.goldsmith.catalog.blueprint.Customizations.Group;
import dev.goldsmith.catalog.blueprint.Customizations.Repository;
import dev.goldsmith.catalog.blueprint.Customizations.Services;
import dev.goldsmith.catalog.blueprint.Customizations.User;
import dev.goldsmith.catalog.blueprint.PackageSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blueprint built in code, past the reader's checks, with shell metacharacters in every value that reaches a
 * script. The generated scripts must be valid shell, and when run against recording stand-ins of the guest's
 * programs every value must arrive as one argument, byte for byte, and nothing in it may run.
 */
class HostileBlueprintTest {

    @TempDir
    Path dir;

    private Path pwned;
    private String evil;

    @BeforeEach
    void hostileText() {
        pwned = dir.resolve("pwned");
        String touch = "/usr/bin/touch " + pwned;
        evil = "x'y\"z $(" + touch + ") `" + touch + "` ; " + touch + " && " + touch + " | \\ \n\t* ? ~ # ! $HOME";
    }

    private String evil(String tag) {
        return tag + evil;
    }

    /** A hostile directory right under the root, whose parent the script checks for. */
    private String topLevel() {
        return "/d" + evil.replace('/', '_');
    }

    private Blueprint hostile(String distro) {
        User user = new User(evil("user"), evil("gecos"), evil("$6$hash"), "ssh-ed25519 AAAA " + evil.replace("\n", ""),
                evil("/home/"), evil("/bin/"), List.of(evil("g1"), evil("g2")), 1001, 1002);
        return blueprint(distro, List.of(new PackageSpec(evil("pkg"), "*"), new PackageSpec("vim", evil("1.0"))),
                List.of(new PackageSpec(evil("group"), "*")),
                customizations(null, null, null, List.of(user), List.of(new Group(evil("grp"), 4242)),
                        new Services(List.of(evil("on")), List.of(evil("off"))), null,
                        List.of(new FileNode(evil("/etc/f"), evil("mode"), evil("owner"), evil("group"),
                                evil("data"))),
                        List.of(new DirectoryNode(topLevel(), "0755", evil("downer"), null, false),
                                new DirectoryNode(evil("/srv/deep/"), null, null, null, true)),
                        List.of(new Repository("extra", "name $(" + "/usr/bin/touch " + pwned + ") 'q'",
                                List.of("https://example.org/`id`"), null, null, null, null, null, null, null,
                                null))));
    }

    private List<List<String>> runAll(String distro, boolean accountsExist) throws Exception {
        ProvisioningPlan plan = ProvisioningPlanner.plan(hostile(distro));
        Path disk = dir.resolve("disk-" + distro + accountsExist);
        ProvisioningDisk.write(plan, disk);
        RecordingGuest guest = new RecordingGuest(dir.resolve("guest-" + distro + accountsExist));
        LocalPrograms programs = new LocalPrograms();
        try (Stream<Path> steps = Files.list(disk.resolve("steps"))) {
            for (Path script : steps.sorted().toList()) {
                ProgramResult syntax = programs.run(List.of("sh", "-n", script.toString()), dir,
                        Duration.ofSeconds(30));
                assertTrue(syntax.succeeded(), script + ": " + syntax.stderr());
                ProgramResult run = guest.run(script, disk, accountsExist);
                assertEquals(0, run.exitCode(), script + ": " + run.stderr());
            }
        }
        assertFalse(Files.exists(pwned), "a blueprint value ran as a command");
        return guest.calls();
    }

    private static void assertCalled(List<List<String>> calls, String... expected) {
        List<String> want = List.of(expected);
        assertTrue(calls.contains(want), "no call " + want + " among\n" + String.join("\n",
                calls.stream().map(Object::toString).toList()));
    }

    @Test
    void debianScriptsPassEveryValueLiterallyAndRunNone() throws Exception {
        List<List<String>> calls = runAll("debian-12", false);
        String disk = dir.resolve("disk-debian-12false").toString();

        List<String> install = calls.stream().filter(c -> c.get(0).equals("apt-get") && c.contains("install"))
                .findFirst().orElseThrow();
        assertTrue(install.contains(evil("pkg")) && install.contains("vim=" + evil("1.0"))
                && install.contains(evil("group") + "^"), install.toString());
        assertCalled(calls, "groupadd", "-g", "4242", "--", evil("grp"));
        assertCalled(calls, "useradd", "-m", "-c", evil("gecos"), "-d", evil("/home/"), "-s", evil("/bin/"),
                "-u", "1001", "-g", "1002", "-G", evil("g1") + "," + evil("g2"), "-p", evil("$6$hash"), "--",
                evil("user"));
        assertCalled(calls, "systemctl", "enable", "--", evil("on"));
        assertCalled(calls, "systemctl", "disable", "--", evil("off"));
        assertCalled(calls, "install", "-d", "-m", "0755", "-o", evil("downer"), "-g", "root", "--", topLevel());
        List<String> file = calls.stream().filter(c -> c.contains(evil("/etc/f"))).findFirst().orElseThrow();
        assertEquals(List.of("install", "-D", "-m", evil("mode"), "-o", evil("owner"), "-g", evil("group"), "--"),
                file.subList(0, 9));
        assertEquals(evil("data"), Files.readString(Path.of(file.get(9))), "the file's data is shipped as is");
        assertTrue(file.get(9).startsWith(disk + "/files/"));
        String shipped = readAll(Path.of(disk), "files");
        assertTrue(shipped.contains("ssh-ed25519 AAAA " + evil.replace("\n", "") + "\n"), "the key is shipped");
        assertFalse(readAll(Path.of(disk), "steps").contains("AAAA"), "the key is not inlined in a script");
    }

    @Test
    void existingAccountsAreChangedWithTheSameLiteralValues() throws Exception {
        List<List<String>> calls = runAll("debian-12", true);

        assertCalled(calls, "usermod", "-c", evil("gecos"), "-d", evil("/home/"), "-s", evil("/bin/"),
                "-u", "1001", "-g", "1002", "-a", "-G", evil("g1") + "," + evil("g2"), "-p", evil("$6$hash"), "--",
                evil("user"));
        assertTrue(calls.stream().noneMatch(c -> c.get(0).equals("groupadd")), "an existing group is kept");
    }

    @Test
    void rpmScriptsPassEveryValueLiterallyAndRunNone() throws Exception {
        List<List<String>> calls = runAll("rocky-9", false);

        List<String> install = calls.stream().filter(c -> c.get(0).equals("dnf") && c.contains("install")
                && !c.contains("group")).findFirst().orElseThrow();
        assertEquals(List.of("dnf", "-y", "install", evil("pkg"), "vim-" + evil("1.0")), install);
        assertCalled(calls, "dnf", "-y", "group", "install", evil("group"));
        assertCalled(calls, "useradd", "-m", "-c", evil("gecos"), "-d", evil("/home/"), "-s", evil("/bin/"),
                "-u", "1001", "-g", "1002", "-G", evil("g1") + "," + evil("g2"), "-p", evil("$6$hash"), "--",
                evil("user"));
    }

    private static String readAll(Path disk, String under) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(disk.resolve(under))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }
}
