package dev.goldsmith.builders.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goldsmith.catalog.image.InstalledPackage;
import java.util.List;

import org.junit.jupiter.api.Test;

class ConsoleReportTest {

    private static final String BOOT = """
            [    0.000000] Linux version 6.1.0-35-amd64 (debian-kernel@lists.debian.org) #1 SMP PREEMPT_DYNAMIC
            [    0.000000] Command line: root=LABEL=goldsmith-root console=ttyS0 goldsmith.provision
            [    1.912431] Freeing unused kernel image (initmem) memory: 2920K
            Begin: Loading essential drivers ... done.\r
            [    4.201113] EXT4-fs (vda): mounted filesystem with ordered data mode. Quota mode: none.
            [  OK  ] Started systemd-journald.service - Journal Service.
            [  OK  ] Reached target network-online.target - Network is Online.
            """;

    private static final String PACKAGES = """
            GOLDSMITH-PACKAGES-BEGIN {"format":"dpkg"}
            GOLDSMITH-PKG base-files\t12.4+deb12u10\tamd64\tbase-files\t12.4+deb12u10
            GOLDSMITH-PKG libc6\t2.36-9+deb12u10\tamd64\tglibc\t2.36-9+deb12u10
            [   41.551020] systemd-journald[212]: Time jumped backwards, rotating.
            GOLDSMITH-PKG libssl3\t3.0.15-1~deb12u1\tamd64\topenssl\t3.0.15-1~deb12u1
            GOLDSMITH-PKG tzdata\t2025b-0+deb12u1\tall\t\t
            GOLDSMITH-PACKAGES-END {"count":4}
            """;

    @Test
    void readsStepsPackagesAndTheEndAmidKernelNoiseAndAPartialLastLine() {
        String console = BOOT + """
                GOLDSMITH-AGENT {"version":1}
                GOLDSMITH-RESULT {"step":"repositories","status":0,"seconds":0}
                [   12.019393] virtio_net virtio0 enp1s0: renamed from eth0
                \u001b[0;32mGOLDSMITH-RESULT {"step":"packages","status":0,"seconds":47}
                GOLDSMITH-RESULT {"step":"cleanup","status":0,"seconds":2}
                """ + PACKAGES + """
                GOLDSMITH-DONE {"status":0,"steps":3,"seconds":52}
                [   58.332100] reboot: Power do""";

        ConsoleReport report = ConsoleReport.parse(console);

        assertTrue(report.succeeded(), report.describe());
        assertEquals(List.of("repositories", "packages", "cleanup"),
                report.steps().stream().map(StepReport::step).toList());
        assertEquals(47, report.steps().get(1).seconds());
        assertEquals(new InstalledPackage("libc6", "2.36-9+deb12u10", "amd64", "glibc"),
                report.installedPackages().get(1));
        assertEquals(new ReportedPackage("tzdata", "2025b-0+deb12u1", "all", "tzdata", "2025b-0+deb12u1"),
                report.packages().get(3));
        assertEquals(52, report.done().seconds());
        assertEquals(0, report.unreadableLines());
        assertEquals("all 3 steps succeeded; 4 packages installed", report.describe());
    }

    @Test
    void guestThatNeverReportedIsNotDone() {
        ConsoleReport report = ConsoleReport.parse(BOOT + "[   25.000001] random: crng init done\n[  120.4");

        assertFalse(report.agentStarted());
        assertFalse(report.isDone());
        assertFalse(report.succeeded());
        assertTrue(report.steps().isEmpty());
        assertEquals("the guest never reported: no line from the Goldsmith agent on its console", report.describe());
    }

    @Test
    void failedStepCarriesItsExitStatusAndTheTailOfItsOutput() {
        String console = BOOT + """
                GOLDSMITH-AGENT {"version":1}
                GOLDSMITH-RESULT {"step":"repositories","status":0,"seconds":0}
                GOLDSMITH-RESULT {"step":"packages","status":100,"seconds":31,"output":"Reading package lists...\\n\
                E: Unable to locate package \\"no-such-package\\""}
                """ + PACKAGES + """
                GOLDSMITH-DONE {"status":100,"steps":2,"failed":"packages","seconds":33}
                """;

        ConsoleReport report = ConsoleReport.parse(console);

        assertTrue(report.isDone());
        assertFalse(report.succeeded());
        StepReport failed = report.failedStep().orElseThrow();
        assertEquals("packages", failed.step());
        assertEquals(100, failed.status());
        assertEquals("Reading package lists...\nE: Unable to locate package \"no-such-package\"", failed.output());
        assertEquals("step packages failed with exit status 100: E: Unable to locate package \"no-such-package\"",
                report.describe());
    }

    @Test
    void failedStepWhoseResultLineWasGarbledIsTakenFromTheLastLine() {
        String console = """
                GOLDSMITH-AGENT {"version":1}
                GOLDSMITH-RESULT {"step":"users","status":[   9.1] audit: type=1400
                GOLDSMITH-DONE {"status":9,"steps":1,"failed":"users","seconds":3}
                """;

        ConsoleReport report = ConsoleReport.parse(console);

        assertEquals(1, report.unreadableLines());
        assertEquals(9, report.failedStep().orElseThrow().status());
        assertEquals("users", report.failedStep().orElseThrow().step());
    }

    @Test
    void agentCutShortReportsTheLastStepItFinished() {
        String console = BOOT + """
                GOLDSMITH-AGENT {"version":1}
                GOLDSMITH-RESULT {"step":"repositories","status":0,"seconds":0}
                GOLDSMITH-RESULT {"step":"packa""";

        ConsoleReport report = ConsoleReport.parse(console);

        assertTrue(report.agentStarted());
        assertFalse(report.isDone());
        assertEquals(0, report.unreadableLines(), "the partial line is still being written, not garbled");
        assertEquals("the agent stopped reporting after step repositories", report.describe());
    }

    @Test
    void packageLineCutByAKernelMessageMakesTheListIncomplete() {
        String console = """
                GOLDSMITH-AGENT {"version":1}
                GOLDSMITH-RESULT {"step":"packages","status":0,"seconds":40}
                GOLDSMITH-PACKAGES-BEGIN {"format":"dpkg"}
                GOLDSMITH-PKG base-files\t12.4+deb12u10\tamd64\tbase-files\t12.4+deb12u10
                GOLDSMITH-PKG lib[   41.5] ata1: SATA link down
                c6\t2.36-9+deb12u10\tamd64\tglibc\t2.36-9+deb12u10
                GOLDSMITH-PACKAGES-END {"count":2}
                GOLDSMITH-DONE {"status":0,"steps":1,"seconds":44}
                """;

        ConsoleReport report = ConsoleReport.parse(console);

        assertTrue(report.isDone());
        assertFalse(report.packagesComplete());
        assertFalse(report.succeeded());
        assertEquals("the installed package list on the console is incomplete or garbled", report.describe());
    }

    @Test
    void rpmPackagesTakeTheirSourceFromTheSourceRpm() {
        String console = """
                GOLDSMITH-AGENT {"version":1}
                GOLDSMITH-PACKAGES-BEGIN {"format":"rpm"}
                GOLDSMITH-PKG openssl-libs\t1:3.0.7-27.el9\tx86_64\topenssl-3.0.7-27.el9.src.rpm\t
                GOLDSMITH-PKG kernel-core\t5.14.0-427.13.1.el9_4\tx86_64\tkernel-5.14.0-427.13.1.el9_4.src.rpm\t
                GOLDSMITH-PACKAGES-END {"count":2}
                GOLDSMITH-DONE {"status":0,"steps":0,"seconds":1}
                """;

        ConsoleReport report = ConsoleReport.parse(console);

        assertTrue(report.succeeded(), report.describe());
        assertEquals(new ReportedPackage("openssl-libs", "1:3.0.7-27.el9", "x86_64", "openssl", "3.0.7-27.el9"),
                report.packages().get(0));
        assertEquals("kernel", report.packages().get(1).source());
    }

    @Test
    void agentWithoutItsDiskSaysWhy() {
        String console = """
                GOLDSMITH-AGENT {"version":1}
                GOLDSMITH-DONE {"status":3,"error":"no disk labelled GOLDSMITH_PROVISION appeared within 120 seconds"}
                """;

        ConsoleReport report = ConsoleReport.parse(console);

        assertFalse(report.succeeded());
        assertNull(report.done().failedStep());
        assertEquals("the agent could not run: no disk labelled GOLDSMITH_PROVISION appeared within 120 seconds",
                report.describe());
    }
}
