package dev.goldsmith.catalog.blueprint;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BlueprintReaderTest {

    static final Path SHIPPED = Path.of("../config/blueprints/debian-12-minimal.toml");

    static final String ED25519_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIYI3QWOJOrUycI1fqu2iCeB5ldqTh6evZ193hsqa4Pn"
            + " admin@example";

    private static final String MINIMAL = "name = \"probe\"\ndistro = \"debian-12\"\n";

    @Test
    void readsTheShippedDebianBlueprintWithoutProblems() throws Exception {
        Blueprint blueprint = BlueprintReader.read(SHIPPED);

        Customizations customizations = blueprint.customizations();
        assertAll(
                () -> assertEquals("debian-12-minimal", blueprint.name()),
                () -> assertEquals("0.0.1", blueprint.version()),
                () -> assertEquals("debian-12", blueprint.distro()),
                () -> assertEquals(List.of(new PackageSpec("openssh-server", "*"), new PackageSpec("chrony", "*"),
                        new PackageSpec("sudo", "*")), blueprint.packages()),
                () -> assertEquals("debian-12-minimal", customizations.hostname()),
                () -> assertEquals("UTC", customizations.timezone().timezone()),
                () -> assertEquals(List.of("sudo"), customizations.users().get(0).groups()),
                () -> assertEquals(List.of("ssh", "chrony"), customizations.services().enabled()),
                () -> assertEquals("/etc/ssh/sshd_config", customizations.files().get(0).path()),
                () -> assertTrue(customizations.files().get(0).data().startsWith("PasswordAuthentication no\n")),
                () -> assertEquals("debian-12-minimal", blueprint.goldsmith().qaSuite()),
                () -> assertEquals(List.of("stable"), blueprint.goldsmith().channels()));
    }

    @Test
    void readsEveryCustomizationOsbuildAndGoldsmithDefine() throws Exception {
        Blueprint blueprint = BlueprintReader.parse(Samples.FULL_RPM, "full.toml");

        Customizations c = blueprint.customizations();
        assertAll(
                () -> assertEquals(List.of(new PackageSpec("core", "*")), blueprint.groups()),
                () -> assertEquals("console=ttyS0,115200n8 mitigations=auto,nosmt", c.kernelAppend()),
                () -> assertEquals(List.of("0.pool.ntp.org", "192.0.2.1", "2001:db8::1"),
                        c.timezone().ntpServers()),
                () -> assertEquals("de-nodeadkeys", c.locale().keyboard()),
                () -> assertEquals(1001, c.users().get(0).uid()),
                () -> assertEquals("ops", c.groups().get(0).name()),
                () -> assertEquals(List.of("22:tcp", "60000-61000:udp"), c.firewall().ports()),
                () -> assertEquals(List.of("telnet"), c.firewall().services().disabled()),
                () -> assertEquals("0", c.files().get(1).user()),
                () -> assertEquals(Boolean.TRUE, c.directories().get(0).ensureParents()),
                () -> assertEquals(List.of("https://repo.example.com/el9/"), c.repositories().get(0).baseUrls()),
                () -> assertEquals("/srv/bases/rhel-9.qcow2", blueprint.goldsmith().base()),
                () -> assertEquals("pool-a", blueprint.goldsmith().builderPool()),
                () -> assertEquals(List.of("team-web", "ops@example.com"), blueprint.goldsmith().subscribers()));
    }

    @Test
    void defaultsAMissingVersionToZeroAndAMissingPackageVersionToAny() throws Exception {
        Blueprint blueprint = BlueprintReader.parse(MINIMAL + "[[packages]]\nname = \"curl\"\n", "t");

        assertEquals("0.0.0", blueprint.version());
        assertEquals(List.of(new PackageSpec("curl", "*")), blueprint.packages());
    }

    static Stream<Arguments> hostileValues() {
        return Stream.of(
                Arguments.of("a path that climbs out with ..", file("/etc/../root/.ssh/authorized_keys"),
                        "customizations.files[0].path"),
                Arguments.of("a relative path", file("../../x"), "customizations.files[0].path"),
                Arguments.of("a path with a newline", file("/etc/motd\\n/etc/shadow"),
                        "customizations.files[0].path"),
                Arguments.of("a path with a doubled slash", file("/etc//passwd"), "customizations.files[0].path"),
                Arguments.of("a path under /proc", file("/proc/sys/kernel/core_pattern"),
                        "customizations.files[0].path"),
                Arguments.of("a package name with a shell command",
                        "[[packages]]\nname = \"foo; rm -rf /\"\n", "packages[0].name"),
                Arguments.of("a package name that is an apt option", "[[packages]]\nname = \"-oAPT::x\"\n",
                        "packages[0].name"),
                Arguments.of("a version glob with a space", "[[packages]]\nname = \"curl\"\nversion = \"1 -y\"\n",
                        "packages[0].version"),
                Arguments.of("a user name with command substitution",
                        "[[customizations.user]]\nname = \"root$(id)\"\n", "customizations.user[0].name"),
                Arguments.of("a second uid 0", "[[customizations.user]]\nname = \"toor\"\nuid = 0\n",
                        "customizations.user[0].uid"),
                Arguments.of("a uid that wraps around 32 bits",
                        "[[customizations.user]]\nname = \"ops\"\nuid = 4294967296\n", "customizations.user[0].uid"),
                Arguments.of("a kernel argument that ends the GRUB line",
                        "[customizations.kernel]\nappend = \"quiet; reboot\"\n", "customizations.kernel.append"),
                Arguments.of("a host name with an empty label", "[customizations]\nhostname = \"a..b\"\n",
                        "customizations.hostname"),
                Arguments.of("a relative shell", "[[customizations.user]]\nname = \"ops\"\nshell = \"bin/sh\"\n",
                        "customizations.user[0].shell"),
                Arguments.of("an SSH key that is garbage",
                        "[[customizations.user]]\nname = \"ops\"\nkey = \"ssh-ed25519 AAAA!!notbase64\"\n",
                        "customizations.user[0].key"),
                Arguments.of("an SSH key with a forced command",
                        "[[customizations.user]]\nname = \"ops\"\nkey = 'command=\"sh\" " + ED25519_KEY + "'\n",
                        "customizations.user[0].key"),
                Arguments.of("a plain-text password",
                        "[[customizations.user]]\nname = \"ops\"\npassword = \"hunter2\"\n",
                        "customizations.user[0].password"),
                Arguments.of("an unsupported customization", "[customizations.installer]\nunattended = true\n",
                        "customizations.installer"),
                Arguments.of("a repository on the builder's disk",
                        "[[customizations.repositories]]\nid = \"local\"\nbaseurls = [\"file:///srv/repo\"]\n",
                        "customizations.repositories[0].baseurls[0]"),
                Arguments.of("a mode that is not octal", "[[customizations.files]]\npath = \"/etc/x\"\n"
                        + "mode = \"777x\"\n", "customizations.files[0].mode"),
                Arguments.of("a set-user-ID file", "[[customizations.files]]\npath = \"/usr/local/bin/x\"\n"
                        + "mode = \"04755\"\n", "customizations.files[0].mode"),
                Arguments.of("a time zone outside the tz database",
                        "[customizations.timezone]\ntimezone = \"../../etc/passwd\"\n",
                        "customizations.timezone.timezone"),
                Arguments.of("a service name that is an option",
                        "[customizations.services]\nenabled = [\"--now\"]\n", "customizations.services.enabled[0]"),
                Arguments.of("a port range without protocol", "[customizations.firewall]\nports = [\"1-2\"]\n",
                        "customizations.firewall.ports[0]"),
                Arguments.of("a repository key that is a URL", "[[customizations.repositories]]\nid = \"r\"\n"
                        + "baseurls = [\"https://example.com/r\"]\ngpgkeys = [\"https://example.com/key\"]\n",
                        "customizations.repositories[0].gpgkeys[0]"),
                Arguments.of("a user description that adds a passwd line",
                        "[[customizations.user]]\nname = \"ops\"\ndescription = \"x\\nevil::0:0::/:/bin/sh\"\n",
                        "customizations.user[0].description"),
                Arguments.of("a user description that adds a passwd field",
                        "[[customizations.user]]\nname = \"ops\"\ndescription = \"x:0\"\n",
                        "customizations.user[0].description"),
                Arguments.of("a file the user customizations own", file("/etc/shadow"),
                        "customizations.files[0].path"),
                Arguments.of("a second repository with the same id", "[[customizations.repositories]]\n"
                        + "id = \"r\"\nbaseurls = [\"https://a.example/\"]\n[[customizations.repositories]]\n"
                        + "id = \"r\"\nbaseurls = [\"https://b.example/\"]\n",
                        "customizations.repositories[1].id"),
                Arguments.of("a NUL in a description", "description = \"a\\u0000b\"\n", "description"),
                Arguments.of("a channel name with a slash", "[goldsmith]\nchannels = [\"../stable\"]\n",
                        "goldsmith.channels[0]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileValues")
    void refusesAHostileValueWithOneProblemNamingItsField(String what, String fragment, String fieldPath) {
        BlueprintException refused = assertThrows(BlueprintException.class,
                () -> BlueprintReader.parse(MINIMAL + fragment, "hostile.toml"));

        assertEquals(List.of(fieldPath), fieldPaths(refused), what + ": " + refused.getMessage());
        assertEquals("hostile.toml", refused.problems().get(0).source());
    }

    @Test
    void reportsEveryMistakeInAFileNotOnlyTheFirst() {
        String toml = """
                description = 42
                distro = "debian-12"
                colour = "blue"
                key = "ssh-ed25519 AAAA"

                [[packages]]
                name = "Curl"

                [customizations]
                hostname = "-bad"

                [[customizations.user]]
                name = "ops"
                uid = "1000"
                """;

        BlueprintException refused = assertThrows(BlueprintException.class,
                () -> BlueprintReader.parse(toml, "many.toml"));

        assertEquals(List.of("colour", "key", "name", "description", "packages[0].name", "customizations.hostname",
                "customizations.user[0].uid"), fieldPaths(refused));
        assertTrue(refused.getMessage().startsWith("7 problems in blueprint"), refused.getMessage());
        assertTrue(refused.getMessage().contains("many.toml: colour: unknown key 'colour'"), refused.getMessage());
    }

    @Test
    void requiresNameAndDistro() {
        BlueprintException refused = assertThrows(BlueprintException.class,
                () -> BlueprintReader.parse("description = \"x\"\n", "t"));

        assertEquals(List.of("name", "distro"), fieldPaths(refused));
    }

    @Test
    void refusesAnUnknownDistributionNamingTheKnownFamilies() {
        BlueprintException refused = assertThrows(BlueprintException.class,
                () -> BlueprintReader.parse("name = \"x\"\ndistro = \"gentoo-1\"\n", "t"));

        assertEquals(List.of("distro"), fieldPaths(refused));
        assertTrue(refused.getMessage().contains("debian, ubuntu, rhel"), refused.getMessage());
    }

    @Test
    void refusesRpmGroupsOnDebian() {
        BlueprintException refused = assertThrows(BlueprintException.class,
                () -> BlueprintReader.parse(MINIMAL + "[[groups]]\nname = \"core\"\n", "t"));

        assertEquals(List.of("groups"), fieldPaths(refused));
    }

    @Test
    void leavesAPlainTextPasswordOutOfTheMessage() {
        BlueprintException refused = assertThrows(BlueprintException.class, () -> BlueprintReader.parse(
                MINIMAL + "[[customizations.user]]\nname = \"ops\"\npassword = \"hunter2\"\n", "t"));

        assertFalse(refused.getMessage().contains("hunter2"), refused.getMessage());
    }

    @Test
    void reportsTomlSyntaxErrorsAsOneProblem() {
        BlueprintException refused = assertThrows(BlueprintException.class,
                () -> BlueprintReader.parse("name = \"unterminated\n", "broken.toml"));

        assertEquals(1, refused.problems().size());
        assertTrue(refused.problems().get(0).reason().startsWith("is not valid TOML"), refused.getMessage());
    }

    @Test
    void refusesAFileThatIsNotUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.toml");
        Files.write(file, new byte[] {'n', 'a', 'm', 'e', '=', '"', (byte) 0xe9, '"'});

        BlueprintException refused = assertThrows(BlueprintException.class, () -> BlueprintReader.read(file));

        assertEquals("is not valid UTF-8", refused.problems().get(0).reason());
    }

    private static String file(String path) {
        return "[[customizations.files]]\npath = \"" + path + "\"\ndata = \"x\"\n";
    }

    static List<String> fieldPaths(BlueprintException refused) {
        return refused.problems().stream().map(BlueprintProblem::fieldPath).toList();
    }
}
