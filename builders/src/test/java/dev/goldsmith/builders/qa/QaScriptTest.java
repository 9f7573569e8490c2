package dev.goldsmith.builders.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.goldsmith.builders.process.LocalPrograms;
import dev.goldsmith.builders.process.ProgramResult;
import dev.goldsmith.catalog.version.VersionScheme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders suites and runs the scripts with this machine's real sh (dash on Debian), as the guest would. */
class QaScriptTest {

    private static final List<String> HOSTILE = List.of(
            "it's", "'", "''", "\"double\"", "$(touch MARKER)", "`touch MARKER`", "${HOME}", "$HOME", "a\nb",
            "line\n; touch MARKER", "back\\slash\\", "\\'", "'\\''", "tab\there", "-n", "--", "%s %d", "*", "~",
            "naïve ünïcödé €", "#comment", "a;b&c|d>e<f", "!", "\r", " leading and trailing ");

    private final LocalPrograms programs = new LocalPrograms();

    @TempDir
    Path dir;

    @Test
    void quotingKeepsEveryHostileValueLiteral() throws Exception {
        for (String value : HOSTILE) {
            String hostile = value.replace("MARKER", dir.resolve("marker").toString());
            ProgramResult result = sh("printf '%s' " + QaScript.quote(hostile) + "\n");

            assertEquals(hostile, result.stdout(), "value " + value);
        }
        assertFalse(Files.exists(dir.resolve("marker")), "nothing in a quoted value ran");
        assertThrows(IllegalArgumentException.class, () -> QaScript.quote("nul\0"));
    }

    @Test
    void renderedScriptIsValidShellForDashAndBash() throws Exception {
        String script = QaScript.render(hostileSuite(), VersionScheme.DPKG);
        Path file = Files.writeString(dir.resolve("qa.sh"), script);

        for (String shell : List.of("sh", "dash", "bash")) {
            assumeTrue(programs.available(shell), shell + " is installed");
            ProgramResult check = programs.run(List.of(shell, "-n", file.toString()), dir, Duration.ofSeconds(30));
            assertEquals(0, check.exitCode(), shell + " -n: " + check.stderr());
        }
        assertTrue(script.startsWith("#!/bin/sh\n"));
        assertFalse(script.contains("\0"));
    }

    @Test
    void runsEveryCheckOnThisMachineWhetherOrNotTheOthersPass() throws Exception {
        Path file = Files.writeString(dir.resolve("settings.conf"), "# comment\nPasswordAuthentication no\n");
        try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int closedPort = freePort();
            QaSuite suite = new QaSuite("machine", List.of(
                    new QaCheck.UserExists("root exists", "root"),
                    new QaCheck.UserExists("ghost exists", "goldsmith-no-such-user"),
                    new QaCheck.GroupExists("root group exists", "root"),
                    new QaCheck.FileContains("os-release names Debian", "/etc/os-release", "ID=debian"),
                    new QaCheck.FileContains("settings say no", file.toString(), "PasswordAuthentication no"),
                    new QaCheck.FileContains("settings say yes", file.toString(), "PasswordAuthentication yes"),
                    new QaCheck.FileContains("missing file", "/nonexistent/goldsmith", "x"),
                    new QaCheck.Command("true succeeds", List.of("true"), Duration.ofSeconds(10)),
                    new QaCheck.Command("false fails", List.of("false"), Duration.ofSeconds(10)),
                    new QaCheck.Command("missing program", List.of("goldsmith-no-such-program"),
                            Duration.ofSeconds(10)),
                    new QaCheck.Command("sleep is cut short", List.of("sleep", "30"), Duration.ofSeconds(1)),
                    new QaCheck.PortListening("tcp port open", QaCheck.Protocol.TCP, tcp.getLocalPort()),
                    new QaCheck.PortListening("udp port bound", QaCheck.Protocol.UDP, udp.getLocalPort()),
                    new QaCheck.PortListening("closed port", QaCheck.Protocol.TCP, closedPort),
                    new QaCheck.PackageInstalled("dpkg installed", "dpkg", null),
                    new QaCheck.PackageInstalled("no such package", "goldsmith-no-such-package", null),
                    new QaCheck.ServiceActive("ssh is running", "ssh")), QaBudgets.NONE);

            ProgramResult run = sh(QaScript.render(suite, VersionScheme.DPKG));
            Map<String, CheckResult> results = byName(QaOutcome.parse(run.stdout(), suite, VersionScheme.DPKG));

            assertEquals(1, run.exitCode(), "the script's status says some check failed");
            assertTrue(run.stdout().contains(QaScript.END + " {\"checks\":17,\"failed\":"), run.stdout());
            assertEquals(17, run.stdout().lines().filter(l -> l.startsWith(QaScript.CHECK + " ")).count(),
                    run.stdout());
            assertPassed(results, "root exists", "root exists: uid 0, shell /bin/");
            assertFailed(results, "ghost exists", "no user goldsmith-no-such-user");
            assertPassed(results, "root group exists", "root exists: gid 0");
            assertPassed(results, "os-release names Debian", "/etc/os-release line ");
            assertPassed(results, "settings say no", file + " line 2: PasswordAuthentication no");
            assertFailed(results, "settings say yes", "not found in " + file + " (2 lines)");
            assertFailed(results, "missing file", "/nonexistent/goldsmith does not exist");
            assertPassed(results, "true succeeds", "exit 0");
            assertFailed(results, "false fails", "exit 1");
            assertFailed(results, "missing program", "cannot run goldsmith-no-such-program (exit 127)");
            assertFailed(results, "sleep is cut short", "timed out after 1s");
            assertPassed(results, "tcp port open", "tcp port " + tcp.getLocalPort() + " is open");
            assertPassed(results, "udp port bound", "udp port " + udp.getLocalPort() + " is open");
            assertFailed(results, "closed port", "nothing listens on tcp port " + closedPort);
            String dpkgVersion = programs.run(List.of("dpkg-query", "-W", "-f=${Version}", "dpkg"), dir,
                    Duration.ofSeconds(30)).stdout();
            assertPassed(results, "dpkg installed", "installed " + dpkgVersion);
            assertFailed(results, "no such package", "goldsmith-no-such-package is not installed");
            assertTrue(results.values().stream().allMatch(r -> r.time() != null), "GNU date gives every time");
        }
    }

    @Test
    void serviceActiveFailsWithAClearDetailWhereSystemdDoesNotRun() throws Exception {
        assumeTrue(!Files.isDirectory(Path.of("/run/systemd/system")), "this machine runs without systemd");
        QaSuite suite = new QaSuite("services", List.of(new QaCheck.ServiceActive("ssh is running", "ssh"),
                new QaCheck.TargetReached("multi-user", "multi-user.target")), QaBudgets.NONE);

        ProgramResult run = sh(QaScript.render(suite, VersionScheme.DPKG));
        QaOutcome outcome = QaOutcome.parse(run.stdout(), suite, VersionScheme.DPKG);

        for (CheckResult result : outcome.results()) {
            assertFalse(result.passed(), result.toString());
            String unit = result.name().equals("multi-user") ? "multi-user.target" : "ssh";
            assertTrue(result.detail().startsWith("systemd cannot tell the state of " + unit + ": ")
                    || result.detail().equals("systemctl not found: the guest does not run systemd"),
                    result.detail());
        }
    }

    @Test
    void systemdChecksReadWhatSystemctlAnswers() throws Exception {
        Path waiting = fakeProgram("waiting", "systemctl", """
                case "$1 $3" in
                  "is-active ssh") echo active ;;
                  "is-active multi-user.target") echo activating; exit 3 ;;
                  "list-jobs ") printf '%s\\n' '12 multi-user.target start waiting' \\
                      '14 systemd-update-utmp-runlevel.service start waiting' ;;
                  *) echo inactive; exit 3 ;;
                esac
                """);
        Path running = fakeProgram("running", "systemctl", """
                case "$1" in
                  is-active) echo activating; exit 3 ;;
                  list-jobs) printf '%s\\n' '12 multi-user.target start waiting' \\
                      '13 cloud-init.service start running' ;;
                esac
                """);
        QaSuite suite = new QaSuite("systemd", List.of(new QaCheck.ServiceActive("ssh", "ssh"),
                new QaCheck.ServiceActive("chrony", "chrony"),
                new QaCheck.TargetReached("multi-user", "multi-user.target")), QaBudgets.NONE);

        Map<String, CheckResult> first = byName(QaOutcome.parse(
                sh(withPath(QaScript.render(suite, VersionScheme.DPKG), waiting)).stdout(), suite,
                VersionScheme.DPKG));
        Map<String, CheckResult> second = byName(QaOutcome.parse(
                sh(withPath(QaScript.render(suite, VersionScheme.DPKG), running)).stdout(), suite,
                VersionScheme.DPKG));

        assertPassed(first, "ssh", "ssh is active");
        assertFailed(first, "chrony", "chrony is inactive");
        assertPassed(first, "multi-user", "multi-user.target is activating; only jobs that wait for this QA run "
                + "remain");
        assertFailed(second, "multi-user", "multi-user.target is activating; still running: cloud-init.service");
    }

    /** Regression: in a real guest systemd shows multi-user.target as inactive while its job waits for the agent. */
    @Test
    void targetInactiveWithItsStartJobQueuedCountsAsReachedOnlyThen() throws Exception {
        Path queued = fakeProgram("queued", "systemctl", """
                case "$1" in
                  is-active) echo inactive; exit 3 ;;
                  list-jobs) printf '%s\\n' '12 multi-user.target start waiting' \\
                      '13 goldsmith-agent.service start running' ;;
                esac
                """);
        Path idle = fakeProgram("idle", "systemctl", """
                case "$1" in
                  is-active) echo inactive; exit 3 ;;
                  list-jobs) ;;
                esac
                """);
        QaSuite suite = new QaSuite("target", List.of(new QaCheck.TargetReached("multi-user", "multi-user.target")),
                QaBudgets.NONE);
        String script = QaScript.render(suite, VersionScheme.DPKG).replace("qa_failed=0\n",
                "qa_failed=0\nqa_self=goldsmith-agent.service\n");

        Map<String, CheckResult> waiting = byName(QaOutcome.parse(sh(withPath(script, queued)).stdout(), suite,
                VersionScheme.DPKG));
        Map<String, CheckResult> never = byName(QaOutcome.parse(sh(withPath(script, idle)).stdout(), suite,
                VersionScheme.DPKG));

        assertPassed(waiting, "multi-user", "multi-user.target is inactive; only jobs that wait for this QA run"
                + " remain");
        assertFailed(never, "multi-user", "multi-user.target is inactive and not being started");
    }

    @Test
    void sshdSettingsCompareWithoutRegardToCaseAndShowEveryValue() throws Exception {
        Path bin = fakeProgram("sshd-bin", "sshd", """
                [ "$1" = -T ] || exit 2
                printf '%s\\n' 'port 22' 'passwordauthentication no' 'permitrootlogin without-password' \\
                    'listenaddress 0.0.0.0:22' 'listenaddress [::]:22'
                """);
        QaSuite suite = new QaSuite("sshd", List.of(
                new QaCheck.SshdSetting("no passwords", "PasswordAuthentication", "No"),
                new QaCheck.SshdSetting("passwords", "PasswordAuthentication", "yes"),
                new QaCheck.SshdSetting("root by key only", "PermitRootLogin", "prohibit-password"),
                new QaCheck.SshdSetting("listens on v6", "ListenAddress", "[::]:22"),
                new QaCheck.SshdSetting("banner", "Banner", "/etc/issue.net")), QaBudgets.NONE);

        Map<String, CheckResult> results = byName(QaOutcome.parse(
                sh(withPath(QaScript.render(suite, VersionScheme.DPKG), bin)).stdout(), suite, VersionScheme.DPKG));

        assertPassed(results, "no passwords", "PasswordAuthentication no");
        assertFailed(results, "passwords", "PasswordAuthentication no");
        assertPassed(results, "root by key only", "PermitRootLogin without-password");
        assertPassed(results, "listens on v6", "ListenAddress 0.0.0.0:22, [::]:22");
        assertFailed(results, "banner", "Banner is not in the output of sshd -T");
    }

    @Test
    void sshdSettingFailsWithSshdsOwnComplaint() throws Exception {
        Path bin = fakeProgram("sshd-broken", "sshd", "echo 'sshd: no hostkeys available -- exiting.' >&2; exit 1\n");
        QaSuite suite = new QaSuite("sshd", List.of(new QaCheck.SshdSetting("no passwords", "PasswordAuthentication",
                "no")), QaBudgets.NONE);

        Map<String, CheckResult> results = byName(QaOutcome.parse(
                sh(withPath(QaScript.render(suite, VersionScheme.DPKG), bin)).stdout(), suite, VersionScheme.DPKG));

        assertFailed(results, "no passwords", "sshd -T failed with exit 1: sshd: no hostkeys available -- exiting.");
    }

    @Test
    void rpmGuestsAskRpmForTheInstalledVersion() throws Exception {
        assumeTrue(programs.available("rpm"), "rpm is installed");
        QaSuite suite = new QaSuite("rpm", List.of(new QaCheck.PackageInstalled("bash", "bash", "5.0")),
                QaBudgets.NONE);

        String script = QaScript.render(suite, VersionScheme.RPM);
        ProgramResult run = sh(script);
        CheckResult bash = QaOutcome.parse(run.stdout(), suite, VersionScheme.RPM).results().get(0);

        assertTrue(script.contains("qa_package_rpm 'bash' 'bash'"), script);
        assertFalse(bash.passed(), "this Debian machine's rpm database is empty");
        assertEquals("package bash is not installed", bash.detail());
    }

    @Test
    void hostileSuiteRunsLiterallyAndReportsItsNamesExactly() throws Exception {
        QaSuite suite = hostileSuite();

        ProgramResult run = sh(QaScript.render(suite, VersionScheme.DPKG));
        QaOutcome outcome = QaOutcome.parse(run.stdout(), suite, VersionScheme.DPKG);

        assertFalse(Files.exists(dir.resolve("marker")), "no value from the suite ran:\n" + run.stdout());
        assertTrue(outcome.finished());
        assertEquals(List.of(), outcome.unknownChecks());
        assertEquals(0, outcome.unreadableLines());
        for (CheckResult result : outcome.results()) {
            assertFalse(result.detail().startsWith("no result reported"), result.toString());
        }
        CheckResult echo = outcome.results().get(0);
        assertTrue(echo.passed(), echo.toString());
        // The output up to the first non-ASCII value, with its line ends turned to spaces as the guest does.
        String expected = String.join("|", HOSTILE.subList(0, 12)).replace("MARKER", dir.resolve("marker").toString())
                .replace('\n', ' ');
        assertTrue(echo.detail().startsWith("exit 0: " + expected + "|"), echo.detail());
        CheckResult file = outcome.results().get(1);
        assertTrue(file.passed(), file.toString());
    }

    private QaSuite hostileSuite() throws Exception {
        String marker = dir.resolve("marker").toString();
        List<QaCheck> checks = new ArrayList<>();
        List<String> argv = new ArrayList<>(List.of("printf", "%s|"));
        HOSTILE.forEach(h -> argv.add(h.replace("MARKER", marker)));
        // printf repeats its format for each argument; the last '|' is dropped by the comparison's join.
        checks.add(new QaCheck.Command("$(touch " + marker + ") `touch " + marker + "` it's \"quoted\"\nline two",
                argv, Duration.ofSeconds(10)));
        // The script runs in dir, so a relative touch would leave the marker there too.
        Path odd = dir.resolve("it's $(touch marker) `touch marker` \"q\"");
        Files.writeString(odd, "before\n'; touch " + marker + "; echo '$(touch " + marker + ")\nafter\n");
        checks.add(new QaCheck.FileContains("odd file\\", odd.toString(), "'; touch " + marker + "; echo '$(touch "
                + marker + ")"));
        int i = 0;
        for (String hostile : HOSTILE) {
            String value = hostile.replace("MARKER", marker);
            checks.add(new QaCheck.UserExists("user " + i + " " + value, value));
            checks.add(new QaCheck.SshdSetting("sshd " + i + " " + value, "Key" + i, value));
            checks.add(new QaCheck.FileContains("file " + i++ + " " + value, "/etc/" + value.replace('/', '_'),
                    value));
        }
        return new QaSuite("hostile '$(x)'", checks, QaBudgets.NONE);
    }

    private ProgramResult sh(String script) throws Exception {
        Path file = Files.writeString(Files.createTempFile(dir, "qa", ".sh"), script);
        return programs.run(List.of("sh", file.toString()), dir, Duration.ofSeconds(120));
    }

    /** Puts {@code bin} first on the script's own search path, so a fake program answers in place of the real. */
    private static String withPath(String script, Path bin) {
        String line = "PATH=/usr/local/sbin:";
        assertEquals(1, script.split(line, -1).length - 1, "the script sets its search path once");
        return script.replace(line, "PATH=" + bin + ":/usr/local/sbin:");
    }

    private Path fakeProgram(String folder, String name, String body) throws Exception {
        Path bin = Files.createDirectories(dir.resolve(folder));
        Path program = Files.writeString(bin.resolve(name), "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Map<String, CheckResult> byName(QaOutcome outcome) {
        return outcome.results().stream().collect(Collectors.toMap(CheckResult::name, Function.identity()));
    }

    private static void assertPassed(Map<String, CheckResult> results, String name, String detailStart) {
        CheckResult result = results.get(name);
        assertTrue(result.passed(), result.toString());
        assertTrue(result.detail().startsWith(detailStart), result.toString());
    }

    private static void assertFailed(Map<String, CheckResult> results, String name, String detailStart) {
        CheckResult result = results.get(name);
        assertFalse(result.passed(), result.toString());
        assertTrue(result.detail().startsWith(detailStart), result.toString());
    }
}
