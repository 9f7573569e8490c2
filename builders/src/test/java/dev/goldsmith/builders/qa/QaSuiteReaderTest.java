package dev.goldsmith.builders.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QaSuiteReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsTheShippedDebianSuiteAsABareList() throws Exception {
        Path file = Fixtures.repositoryRoot().resolve("config/qa/debian-12-minimal.yaml");

        QaSuite suite = QaSuiteReader.read(file);

        assertEquals("debian-12-minimal", suite.name());
        assertEquals(QaBudgets.NONE, suite.budgets());
        assertEquals(List.of(
                new QaCheck.TargetReached("boots to the multi-user target", "multi-user.target"),
                new QaCheck.ServiceActive("SSH server is running", "ssh"),
                new QaCheck.ServiceActive("time is kept in sync", "chrony"),
                new QaCheck.PackageInstalled("openssh-server is installed", "openssh-server", null),
                new QaCheck.FileContains("password logins over SSH are off", "/etc/ssh/sshd_config",
                        "PasswordAuthentication no"),
                new QaCheck.UserExists("the admin user exists", "admin")), suite.checks());
    }

    @Test
    void readsEveryKindInItsLongFormWithBudgets() throws Exception {
        String yaml = """
                budgets:
                  artifact-size: 2GiB
                  boot-time: 90s
                checks:
                  - name: recent ssh
                    package-installed: {name: openssh-server, at-least: "1:9.2p1-2+deb12u3"}
                  - name: dns port
                    port-listening: {port: 53, protocol: udp}
                  - name: ssh port
                    port-listening: 22
                  - name: wheel
                    group-exists: sudo
                  - name: resolver
                    command: {argv: [getent, hosts, localhost], timeout: 2m}
                  - name: short command
                    command: ["true"]
                  - name: no passwords
                    sshd-setting: {key: PasswordAuthentication, value: no}
                  - name: three tries
                    sshd-setting: {key: MaxAuthTries, value: 3}
                """;

        QaSuite suite = QaSuiteReader.parse(yaml, "long.yaml", "long");

        assertEquals(new QaBudgets(2L << 30, Duration.ofSeconds(90)), suite.budgets());
        assertEquals(List.of(
                new QaCheck.PackageInstalled("recent ssh", "openssh-server", "1:9.2p1-2+deb12u3"),
                new QaCheck.PortListening("dns port", QaCheck.Protocol.UDP, 53),
                new QaCheck.PortListening("ssh port", QaCheck.Protocol.TCP, 22),
                new QaCheck.GroupExists("wheel", "sudo"),
                new QaCheck.Command("resolver", List.of("getent", "hosts", "localhost"), Duration.ofMinutes(2)),
                new QaCheck.Command("short command", List.of("true"), QaCheck.Command.DEFAULT_TIMEOUT),
                new QaCheck.SshdSetting("no passwords", "PasswordAuthentication", "no"),
                new QaCheck.SshdSetting("three tries", "MaxAuthTries", "3")), suite.checks());
    }

    @Test
    void budgetsAcceptBytesDecimalUnitsAndIsoDurations() throws Exception {
        QaSuite suite = QaSuiteReader.parse("""
                budgets: {artifact-size: 800MB, boot-time: PT1M30S}
                checks: [{name: root, user-exists: root}]
                """, "b.yaml", "b");
        QaSuite bytes = QaSuiteReader.parse("""
                budgets: {artifact-size: 1048576}
                checks: [{name: root, user-exists: root}]
                """, "b.yaml", "b");

        assertEquals(new QaBudgets(800_000_000L, Duration.ofSeconds(90)), suite.budgets());
        assertEquals(new QaBudgets(1_048_576L, null), bytes.budgets());
    }

    @Test
    void reportsEveryProblemOfTheFileAtOnceWithIndexNameAndReason() {
        String yaml = """
                - name: fine
                  user-exists: root
                - name: unknown kind
                  process-running: sshd
                - name: no kind
                - user-exists: nobody
                - name: fine
                  group-exists: root
                - name: relative path
                  file-contains: {path: etc/passwd, text: root}
                - name: dotted path
                  file-contains: {path: /etc/../etc/passwd, text: root}
                - name: missing text
                  file-contains: {path: /etc/passwd}
                - name: port as text
                  port-listening: ssh
                - name: port too big
                  port-listening: 70000
                - name: shell string
                  command: "systemctl is-active ssh"
                - name: two kinds
                  user-exists: root
                  group-exists: root
                - name: number version
                  package-installed: {name: bash, at-least: 5.2}
                - name: option as package
                  package-installed: --force
                - name: not a target
                  target-reached: ssh.service
                - name: bad timeout
                  command: {argv: ["true"], timeout: 30}
                - 42
                """;

        QaSuiteException e = assertThrows(QaSuiteException.class, () -> QaSuiteReader.parse(yaml, "bad.yaml", "bad"));

        List<String> problems = e.problems().stream().map(QaSuiteProblem::toString).toList();
        assertEquals(List.of(
                "bad.yaml: checks[1] 'unknown kind': unknown key 'process-running'; a check has a name and one of "
                        + "target-reached, package-installed, service-active, file-contains, port-listening, "
                        + "user-exists, group-exists, command, sshd-setting",
                "bad.yaml: checks[2] 'no kind': says no kind of check; expected one of target-reached, "
                        + "package-installed, service-active, file-contains, port-listening, user-exists, "
                        + "group-exists, command, sshd-setting",
                "bad.yaml: checks[3]: has no name",
                "bad.yaml: checks[4] 'fine': duplicate name: checks[0] has it too",
                "bad.yaml: checks[5] 'relative path': file-contains.path: 'etc/passwd' is not an absolute path",
                "bad.yaml: checks[6] 'dotted path': file-contains.path: '/etc/../etc/passwd' is not normalised "
                        + "(no '.', '..', '//' or trailing '/')",
                "bad.yaml: checks[7] 'missing text': file-contains: has no text",
                "bad.yaml: checks[8] 'port as text': port-listening: expected a port number from 1 to 65535, found "
                        + "'ssh'",
                "bad.yaml: checks[9] 'port too big': port-listening: expected a port number from 1 to 65535, found "
                        + "the number 70000",
                "bad.yaml: checks[10] 'shell string': command: expected a list of the program and its arguments, "
                        + "found 'systemctl is-active ssh'; write [program, argument, ...]: nothing is run through "
                        + "a shell",
                "bad.yaml: checks[11] 'two kinds': has 2 kinds of check (user-exists, group-exists); a check has "
                        + "exactly one",
                "bad.yaml: checks[12] 'number version': package-installed.at-least: expected text, found the number "
                        + "5.2; put it in quotes, or YAML reads it as a number",
                "bad.yaml: checks[13] 'option as package': package-installed: '--force' is not a package name: "
                        + "letters, digits and '_ . + -', not starting with '-'",
                "bad.yaml: checks[14] 'not a target': target-reached: 'ssh.service' is not a systemd target; "
                        + "expected a name like multi-user.target",
                "bad.yaml: checks[15] 'bad timeout': command.timeout: expected a positive duration such as 90s, 2m "
                        + "or PT2M, found the number 30; a number needs a unit",
                "bad.yaml: checks[16]: expected a mapping with a name and one kind of check, found the number 42"),
                problems);
        assertTrue(e.getMessage().startsWith("16 problems in QA suite\n  bad.yaml: checks[1]"), e.getMessage());
    }

    @Test
    void reportsUnknownTopLevelKeysAndBadBudgets() {
        String yaml = """
                budget: {}
                budgets: {artifact-size: 2 gigs, boot-time: soon, memory: 1GiB}
                checks: []
                """;

        QaSuiteException e = assertThrows(QaSuiteException.class, () -> QaSuiteReader.parse(yaml, "top.yaml", "t"));

        assertEquals(List.of(
                "top.yaml: unknown key 'budget'; expected checks, budgets",
                "top.yaml: budgets: unknown key 'memory'; expected artifact-size, boot-time",
                "top.yaml: budgets.artifact-size: expected a positive size such as 2GiB, 800MB or a number of "
                        + "bytes, found '2 gigs'",
                "top.yaml: budgets.boot-time: expected a positive duration such as 90s, 2m or PT2M, found 'soon'",
                "top.yaml: checks: has no checks; a suite needs at least one"),
                e.problems().stream().map(QaSuiteProblem::toString).toList());
    }

    @Test
    void refusesInvalidYamlEmptyFilesAndRepeatedKeysWithTheirPlace() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "# nothing yet\n");
        QaSuiteException emptyFailure = assertThrows(QaSuiteException.class, () -> QaSuiteReader.read(empty));
        assertEquals(empty + ": is empty; expected a list of checks, or a mapping with checks and budgets",
                emptyFailure.problems().get(0).toString());

        QaSuiteException broken = assertThrows(QaSuiteException.class,
                () -> QaSuiteReader.parse("- name: [unclosed\n", "broken.yaml", "b"));
        assertTrue(broken.problems().get(0).toString().startsWith("broken.yaml: is not valid YAML: "),
                broken.getMessage());
        assertTrue(broken.problems().get(0).reason().contains("(line "), broken.getMessage());

        QaSuiteException twice = assertThrows(QaSuiteException.class,
                () -> QaSuiteReader.parse("- name: a\n  name: b\n  user-exists: root\n", "twice.yaml", "t"));
        assertTrue(twice.problems().get(0).reason().contains("Duplicate field 'name'"), twice.getMessage());
    }

    @Test
    void keepsHostileValuesVerbatimWhereTheyAreAllowed() throws Exception {
        String yaml = """
                - name: "it's $(reboot) `id` \\"quoted\\"\\nsecond line"
                  command: [printf, "%s", "$(touch /tmp/x); `id`", "a'b"]
                - name: odd path
                  file-contains: {path: "/tmp/it's $(x)", text: "'; rm -rf / #"}
                """;

        QaSuite suite = QaSuiteReader.parse(yaml, "hostile.yaml", "h");

        assertEquals("it's $(reboot) `id` \"quoted\"\nsecond line", suite.checks().get(0).name());
        assertEquals(List.of("printf", "%s", "$(touch /tmp/x); `id`", "a'b"),
                ((QaCheck.Command) suite.checks().get(0)).argv());
        assertEquals(new QaCheck.FileContains("odd path", "/tmp/it's $(x)", "'; rm -rf / #"), suite.checks().get(1));
    }

    @Test
    void refusesAFileContainsTextOfSeveralLines() {
        QaSuiteException e = assertThrows(QaSuiteException.class, () -> QaSuiteReader.parse("""
                - name: two lines
                  file-contains: {path: /etc/passwd, text: "root\\nadmin"}
                """, "lines.yaml", "l"));

        assertEquals("lines.yaml: checks[0] 'two lines': file-contains.text: spans several lines; the text is "
                + "looked for within one line", e.problems().get(0).toString());
    }
}
