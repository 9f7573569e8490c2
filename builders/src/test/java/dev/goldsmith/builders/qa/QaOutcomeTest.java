package dev.goldsmith.builders.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import dev.goldsmith.catalog.version.VersionScheme;
import org.junit.jupiter.api.Test;

class QaOutcomeTest {

    private static final QaSuite SUITE = new QaSuite("debian-12-minimal", List.of(
            new QaCheck.TargetReached("boots to the multi-user target", "multi-user.target"),
            new QaCheck.ServiceActive("SSH server is running", "ssh"),
            new QaCheck.PackageInstalled("openssh-server is recent", "openssh-server", "1:9.2p1-2+deb12u3"),
            new QaCheck.PackageInstalled("openssl is installed", "openssl", null),
            new QaCheck.UserExists("the admin user exists", "admin")), QaBudgets.NONE);

    @Test
    void readsResultsAmongKernelNoiseCarriageReturnsAndACutLastLine() {
        String console = String.join("\r\n",
                "[    0.000000] Linux version 6.1.0-28-amd64 (debian-kernel@lists.debian.org)",
                "[    3.112233] systemd[1]: Starting goldsmith-agent.service...",
                QaScript.BEGIN + " {\"suite\":\"debian-12-minimal\",\"checks\":5}",
                QaScript.CHECK + " {\"name\":\"boots to the multi-user target\",\"passed\":true,"
                        + "\"detail\":\"multi-user.target is active\",\"millis\":12}",
                "[   21.5] random: crng init done" + QaScript.CHECK + " {\"name\":\"SSH server is running\","
                        + "\"passed\":false,\"detail\":\"ssh is inactive\"}[   21.6] audit: noise after it",
                QaScript.CHECK + " {\"name\":\"openssh-server is recent\",\"passed\":true,"
                        + "\"detail\":\"installed 1:9.2p1-2+deb12u5\",\"value\":\"1:9.2p1-2+deb12u5\"}",
                QaScript.CHECK + " {\"name\":\"openssl is installed\",\"passed\":true,"
                        + "\"detail\":\"installed 3.0.15-1~deb12u1\",\"value\":\"3.0.15-1~deb12u1\"}",
                QaScript.CHECK + " {\"name\":\"the admin user exists\",\"passed\":tr");

        QaOutcome outcome = QaOutcome.parse(console, SUITE, VersionScheme.DPKG);

        assertTrue(outcome.started());
        assertFalse(outcome.finished());
        assertEquals(1, outcome.unreadableLines());
        assertEquals(List.of(
                new CheckResult("boots to the multi-user target", "target-reached", CheckResult.Origin.GUEST, true,
                        "multi-user.target is active", Duration.ofMillis(12)),
                new CheckResult("SSH server is running", "service-active", CheckResult.Origin.GUEST, false,
                        "ssh is inactive", null),
                new CheckResult("openssh-server is recent", "package-installed", CheckResult.Origin.GUEST, true,
                        "installed 1:9.2p1-2+deb12u5, at least 1:9.2p1-2+deb12u3", null),
                new CheckResult("openssl is installed", "package-installed", CheckResult.Origin.GUEST, true,
                        "installed 3.0.15-1~deb12u1", null),
                new CheckResult("the admin user exists", "user-exists", CheckResult.Origin.GUEST, false,
                        "no result reported: the QA script stopped before reaching it; 1 result line could not "
                                + "be read", null)),
                outcome.results());
        assertFalse(outcome.allPassed());
    }

    @Test
    void comparesInstalledVersionsOnTheHostInTheDistributionsOwnOrder() {
        QaSuite suite = new QaSuite("versions", List.of(
                new QaCheck.PackageInstalled("tilde sorts first in dpkg", "openssl", "3.0.15-1"),
                new QaCheck.PackageInstalled("epoch wins in dpkg", "openssh-server", "9.9p1-1"),
                new QaCheck.PackageInstalled("security update is newer", "libc6", "2.36-9+deb12u7")), QaBudgets.NONE);
        String console = report("tilde sorts first in dpkg", "3.0.15-1~deb12u1")
                + report("epoch wins in dpkg", "1:9.2p1-2+deb12u3")
                + report("security update is newer", "2.36-9+deb12u10") + QaScript.END + " {}\n";

        QaOutcome outcome = QaOutcome.parse(console, suite, VersionScheme.DPKG);

        assertEquals("installed 3.0.15-1~deb12u1, older than 3.0.15-1", outcome.results().get(0).detail());
        assertFalse(outcome.results().get(0).passed());
        assertTrue(outcome.results().get(1).passed(), outcome.results().get(1).detail());
        assertTrue(outcome.results().get(2).passed(), "deb12u10 is newer than deb12u7 by number, not by text");
    }

    @Test
    void rpmGuestsAreComparedWithRpmOrderAndAnyInstalledVersionCounts() {
        QaSuite suite = new QaSuite("rpm", List.of(
                new QaCheck.PackageInstalled("kernel fixed", "kernel", "5.14.0-611.24.1.el9_7"),
                new QaCheck.PackageInstalled("runc fixed", "runc", "4:1.3.0-4.el9_7"),
                new QaCheck.PackageInstalled("release candidate", "podman", "2:4.9.4-1.el9")), QaBudgets.NONE);
        String console = report("kernel fixed", "5.14.0-570.46.1.el9_6 5.14.0-611.24.1.el9_7")
                + report("runc fixed", "1.3.0-4.el9_7")
                + report("release candidate", "2:4.9.4~rc1-1.el9");

        QaOutcome outcome = QaOutcome.parse(console, suite, VersionScheme.RPM);

        assertTrue(outcome.results().get(0).passed(), "one of the installed kernels is new enough");
        assertFalse(outcome.results().get(1).passed(), "without its epoch 4 the installed runc is older");
        assertFalse(outcome.results().get(2).passed(), "~rc1 sorts before the release");
    }

    @Test
    void aVersionTheSchemeCannotReadFailsTheCheckWithTheReason() {
        QaSuite suite = new QaSuite("bad", List.of(new QaCheck.PackageInstalled("p", "p", "1.0-1")), QaBudgets.NONE);

        CheckResult result = QaOutcome.parse(report("p", "abc:1.0-1"), suite, VersionScheme.DPKG).results()
                .get(0);

        assertFalse(result.passed());
        assertTrue(result.detail().startsWith("installed abc:1.0-1, which cannot be compared with 1.0-1 as a "
                + "dpkg version: "), result.detail());
    }

    @Test
    void aCheckThatReportsTwiceFailsIfEitherReportFailedAndStrangersAreListed() {
        String console = QaScript.BEGIN + " {}\n"
                + QaScript.CHECK + " {\"name\":\"the admin user exists\",\"passed\":false,\"detail\":\"no user\"}\n"
                + QaScript.CHECK + " {\"name\":\"the admin user exists\",\"passed\":true,\"detail\":\"admin exists\"}\n"
                + QaScript.CHECK + " {\"name\":\"not in the suite\",\"passed\":true,\"detail\":\"\"}\n"
                + QaScript.CHECK + " {\"name\":\"SSH server is running\",\"passed\":\"yes\"}\n"
                + QaScript.END + " {}\n";

        QaOutcome outcome = QaOutcome.parse(console, SUITE, VersionScheme.DPKG);

        CheckResult admin = outcome.results().get(4);
        assertFalse(admin.passed());
        assertEquals("no user", admin.detail());
        assertEquals(List.of("not in the suite"), outcome.unknownChecks());
        assertEquals(1, outcome.unreadableLines(), "passed must be a boolean");
        assertEquals("no result reported; 1 result line could not be read", outcome.results().get(1).detail());
    }

    @Test
    void aConsoleWithoutTheScriptFailsEveryCheckSayingItNeverStarted() {
        QaOutcome outcome = QaOutcome.parse("[    1.0] Kernel panic - not syncing: VFS: Unable to mount root fs\n",
                SUITE, VersionScheme.DPKG);

        assertFalse(outcome.started());
        assertEquals(5, outcome.results().size());
        for (CheckResult result : outcome.results()) {
            assertFalse(result.passed());
            assertEquals("no result reported: the QA script never started", result.detail());
            assertNull(result.time());
        }
    }

    @Test
    void aPackageReportedInstalledWithoutAVersionFails() {
        QaSuite suite = new QaSuite("p", List.of(new QaCheck.PackageInstalled("p", "p", null)), QaBudgets.NONE);

        CheckResult result = QaOutcome.parse(QaScript.CHECK + " {\"name\":\"p\",\"passed\":true,\"detail\":\"x\"}",
                suite, VersionScheme.DPKG).results().get(0);

        assertFalse(result.passed());
        assertEquals("reported installed, but with no version", result.detail());
    }

    private static String report(String name, String value) {
        return QaScript.CHECK + " {\"name\":\"" + name + "\",\"passed\":true,\"detail\":\"installed " + value
                + "\",\"value\":\"" + value + "\"}\n";
    }
}
