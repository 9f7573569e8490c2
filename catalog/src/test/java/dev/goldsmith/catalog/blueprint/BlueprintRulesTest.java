package dev.goldsmith.catalog.blueprint;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.goldsmith.catalog.version.VersionScheme;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BlueprintRulesTest {

    private static final UnaryOperator<String> DEBIAN_PACKAGE =
            value -> BlueprintRules.packageNameProblem(value, VersionScheme.DPKG);
    private static final UnaryOperator<String> RPM_PACKAGE =
            value -> BlueprintRules.packageNameProblem(value, VersionScheme.RPM);
    private static final UnaryOperator<String> FILE_MODE = value -> BlueprintRules.modeProblem(value, false);
    private static final UnaryOperator<String> DIRECTORY_MODE = value -> BlueprintRules.modeProblem(value, true);
    private static final UnaryOperator<String> USER_ID =
            value -> BlueprintRules.idProblem(Integer.parseInt(value), "ops");
    private static final UnaryOperator<String> ROOT_ID =
            value -> BlueprintRules.idProblem(Integer.parseInt(value), "root");
    private static final UnaryOperator<String> DEBIAN_PIN =
            value -> BlueprintRules.exactVersionProblem(value, VersionScheme.DPKG);

    /** Returns an SSH public key line whose blob starts with {@code blobType} and claims to be {@code lineType}. */
    private static String sshKey(String lineType, String blobType) {
        byte[] type = blobType.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer blob = ByteBuffer.allocate(4 + type.length + 36).putInt(type.length).put(type).putInt(32);
        return lineType + " " + Base64.getEncoder().encodeToString(blob.array()) + " someone@example";
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of(DEBIAN_PACKAGE, "libc6", "digits in a Debian name"),
                Arguments.of(DEBIAN_PACKAGE, "g++-12", "plus signs in a Debian name"),
                Arguments.of(RPM_PACKAGE, "NetworkManager", "upper case in an RPM name"),
                Arguments.of(RPM_PACKAGE, "perl-Data_Dumper", "underscores in an RPM name"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::versionGlobProblem, "1:2.36-9+deb12u*",
                        "epoch, revision and a star"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::versionGlobProblem, "1.0^20240101git1a2b",
                        "an rpm snapshot caret"),
                Arguments.of(DEBIAN_PIN, "1:9.2p1-2+deb12u3", "an exact Debian version"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::accountNameProblem, "_apt", "leading underscore"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::accountNameProblem, "host1$",
                        "a machine account's trailing dollar"),
                Arguments.of(USER_ID, "65534", "nobody's id"),
                Arguments.of(ROOT_ID, "0", "root keeps id 0"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::filePathProblem, "/usr/local/bin/tool",
                        "osbuild allows /usr/local/bin"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::filePathProblem, "/etc/passwd.d/x",
                        "a sibling that only shares a prefix with a denied file"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::directoryPathProblem, "/var/lib/app",
                        "a directory under /var"),
                Arguments.of(FILE_MODE, "0600", "a private file"),
                Arguments.of(DIRECTORY_MODE, "01777", "a sticky directory"),
                Arguments.of(DIRECTORY_MODE, "02775", "a set-group-ID shared directory"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::hostnameProblem, "web-01.example.com",
                        "a fully qualified name"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::ntpServerProblem, "fe80::1", "an IPv6 address"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::timezoneProblem, "America/Argentina/Salta",
                        "a three-part zone"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::kernelAppendProblem,
                        "console=tty0 console=ttyS0,115200n8 rd.lvm.lv=vg/root", "typical arguments"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::serviceProblem, "getty@ttyS0.service",
                        "a template instance"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::portProblem, "53", "a bare port"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::portProblem, "1-65535:sctp", "the full range"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::passwordProblem,
                        "$y$j9T$F5Jx5fExrKuPp53xLKQ..1$X3DX6M94c7o.9agCG9G317fhZg9SqC.5i5rd.RhAtQ7", "yescrypt"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::passwordProblem,
                        "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW", "bcrypt"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::sshKeyProblem,
                        sshKey("ssh-rsa", "ssh-rsa"), "an RSA key"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::sshKeyProblem,
                        sshKey("sk-ssh-ed25519@openssh.com", "sk-ssh-ed25519@openssh.com"), "a FIDO key"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::repositoryUrlProblem,
                        "http://deb.debian.org/debian", "plain http, trusted through signatures"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::languageProblem, "sr_RS.UTF-8@latin",
                        "a locale with a modifier"));
    }

    @ParameterizedTest(name = "{2}: {1}")
    @MethodSource("accepted")
    void acceptsValuesOfTheKnownShape(UnaryOperator<String> rule, String value, String reason) {
        assertNull(rule.apply(value), reason);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(DEBIAN_PACKAGE, "Libc6", "upper case is not a Debian name"),
                Arguments.of(DEBIAN_PACKAGE, "a", "Debian names have at least two characters"),
                Arguments.of(RPM_PACKAGE, "-nodeps", "a leading hyphen would be an option"),
                Arguments.of(RPM_PACKAGE, "foo bar", "a space makes two arguments"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::versionGlobProblem, "-1", "an option"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::versionGlobProblem, "1.[0-9]",
                        "brackets widen the glob"),
                Arguments.of(DEBIAN_PIN, "1.*", "a pin is exact"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::accountNameProblem, "Admin", "upper case"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::accountNameProblem, "a".repeat(33),
                        "longer than 32"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::accountNameProblem, "ops$x",
                        "a dollar in the middle"),
                Arguments.of(USER_ID, "65535", "the 16-bit no-id value"),
                Arguments.of(USER_ID, "-1", "negative"),
                Arguments.of(USER_ID, "0", "a second root"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::filePathProblem, "/etc/./motd", "a dot segment"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::filePathProblem, "/etc/motd/",
                        "a trailing slash"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::filePathProblem, "/etc/shadow",
                        "the shadow file is written by user customizations"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::filePathProblem, "/usr/bin/sudo",
                        "package-owned files"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::filePathProblem, "/dev/sda", "a device"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::filePathProblem, "/etc/a\tb", "a tab"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::filePathProblem, "/", "the root itself"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::filePathProblem, "/etc/a\u0085b",
                        "a C1 next-line character"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::directoryPathProblem, "/usr/local/share/x",
                        "osbuild denies directories under /usr"),
                Arguments.of(FILE_MODE, "644", "no leading zero"),
                Arguments.of(FILE_MODE, "0648", "not octal"),
                Arguments.of(FILE_MODE, "04755", "a set-user-ID file"),
                Arguments.of(FILE_MODE, "02755", "a set-group-ID file"),
                Arguments.of(DIRECTORY_MODE, "04755", "a set-user-ID directory"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::hostnameProblem, "-web", "a leading hyphen"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::hostnameProblem, "web_01", "an underscore"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::hostnameProblem, "a".repeat(64),
                        "a label longer than 63"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::ntpServerProblem, "1.2.3.4; reboot",
                        "a command after an address"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::ntpServerProblem, "2001:db8:::1",
                        "a malformed IPv6 address"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::timezoneProblem, "+02:00",
                        "an offset has no zoneinfo file"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::kernelAppendProblem, "init=$(curl x)",
                        "command substitution"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::kernelAppendProblem, "quiet\"; }",
                        "a quote that ends the GRUB line"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::serviceProblem, "sshd;reboot", "a semicolon"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::firewallServiceProblem, "-http", "an option"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::portProblem, "0:tcp", "port zero"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::portProblem, "70000:tcp", "beyond 65535"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::portProblem, "90-80:tcp", "a reversed range"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::portProblem, "22:icmp", "an unknown protocol"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::passwordProblem, "correct horse",
                        "plain text"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::passwordProblem, "$6$", "an empty hash"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::sshKeyProblem,
                        sshKey("ssh-rsa", "ssh-ed25519"), "a blob of another type"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::sshKeyProblem,
                        sshKey("ssh-dss", "ssh-dss"), "DSA keys are not accepted"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::sshKeyProblem, "ssh-ed25519",
                        "a type without a key"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::sshKeyProblem, "ssh-ed25519 AAAA",
                        "a blob too short to hold its type"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::repositoryUrlProblem, "ftp://example.com/r",
                        "ftp"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::repositoryUrlProblem,
                        "https://user:secret@example.com/r", "credentials in the URL"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::repositoryUrlProblem, "https:///r", "no host"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::gpgKeyProblem,
                        "-----BEGIN PGP PRIVATE KEY BLOCK-----\nx\n-----END PGP PRIVATE KEY BLOCK-----",
                        "a private key"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::nameProblem, "a/b", "a slash in an image name"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::nameProblem, "a..b", "a Git ref '..'"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::baseProblem, "/srv/../etc/x",
                        "a base path that climbs"),
                Arguments.of((UnaryOperator<String>) BlueprintRules::semanticVersionProblem, "01.0.0",
                        "a leading zero"));
    }

    @ParameterizedTest(name = "{2}: {1}")
    @MethodSource("refused")
    void refusesValuesOfAnyOtherShape(UnaryOperator<String> rule, String value, String reason) {
        assertNotNull(rule.apply(value), reason);
    }
}
