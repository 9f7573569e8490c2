package dev.goldsmith.builders.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.goldsmith.builders.process.LocalPrograms;
import dev.goldsmith.builders.process.ProgramResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real agent script on this machine against a directory standing in for the mounted disk. */
class AgentTest {

    private final LocalPrograms programs = new LocalPrograms();

    @TempDir
    Path dir;

    private ProgramResult runAgent(Path disk) throws Exception {
        Agent.writeTo(dir);
        Files.createDirectories(dir.resolve("work"));
        return programs.run(List.of("env", "GOLDSMITH_CONSOLE=" + dir.resolve("console"),
                "GOLDSMITH_DISK=" + disk, "GOLDSMITH_WORK=" + dir.resolve("work"), "sh",
                dir.resolve("goldsmith-agent").toString()), dir, Duration.ofMinutes(2));
    }

    private static void step(Path disk, String file, String script) throws Exception {
        Files.createDirectories(disk.resolve("steps"));
        Files.writeString(disk.resolve("steps").resolve(file), script);
    }

    @Test
    void scriptIsValidPosixShellAndPassesShellcheck() throws Exception {
        Agent.writeTo(dir);
        Path script = dir.resolve("goldsmith-agent");

        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(script)));
        assertTrue(programs.run(List.of("sh", "-n", script.toString()), dir, Duration.ofSeconds(30)).succeeded());
        if (programs.available("shellcheck")) {
            ProgramResult check = programs.run(List.of("shellcheck", "-s", "sh", script.toString()), dir,
                    Duration.ofSeconds(60));
            assertTrue(check.succeeded(), check.stdout());
        }
        assertTrue(new String(Agent.unit()).contains("ExecStart=" + Agent.SCRIPT_PATH));
        assertTrue(new String(Agent.unit()).contains("ConditionKernelCommandLine=" + Agent.KERNEL_ARGUMENT));
    }

    @Test
    void runsStepsInOrderStopsAtTheFirstFailureAndReportsWhatTheParserReads() throws Exception {
        Path disk = dir.resolve("disk");
        step(disk, "10-first.sh", "echo first > \"$GOLDSMITH_DISK/../first-ran\"\n");
        step(disk, "20-second.sh", "echo 'a \\ back \"quoted\"\tand tabbed'\necho 'E: it broke' >&2\nexit 7\n");
        step(disk, "30-third.sh", "echo third > \"$GOLDSMITH_DISK/../third-ran\"\n");

        ProgramResult agent = runAgent(disk);
        ConsoleReport report = ConsoleReport.read(dir.resolve("console"));

        assertEquals(7, agent.exitCode(), agent.stderr());
        assertTrue(Files.exists(dir.resolve("first-ran")));
        assertFalse(Files.exists(dir.resolve("third-ran")), "no step runs after a failure");
        assertEquals(List.of("first", "second"), report.steps().stream().map(StepReport::step).toList());
        StepReport failed = report.failedStep().orElseThrow();
        assertEquals(7, failed.status());
        assertEquals("a \\ back \"quoted\"\tand tabbed\nE: it broke", failed.output());
        assertEquals("second", report.done().failedStep());
        assertEquals(0, report.unreadableLines());
    }

    @Test
    void successfulRunListsThisMachinesInstalledPackages() throws Exception {
        assumeTrue(programs.available("dpkg-query"), "needs a Debian package database");
        Path disk = dir.resolve("disk");
        step(disk, "10-only.sh", "true\n");

        ProgramResult agent = runAgent(disk);
        ConsoleReport report = ConsoleReport.read(dir.resolve("console"));

        assertEquals(0, agent.exitCode(), agent.stderr());
        assertTrue(report.succeeded(), report.describe());
        ReportedPackage dpkg = report.packages().stream().filter(p -> p.name().equals("dpkg")).findFirst()
                .orElseThrow();
        String version = programs.run(List.of("dpkg-query", "-W", "-f", "${Version}", "dpkg"), dir,
                Duration.ofSeconds(30)).stdout();
        assertEquals(version, dpkg.version());
        assertEquals("dpkg", dpkg.source());
    }

    @Test
    void hashIsStableHexSha256() {
        assertEquals(Agent.sha256(), Agent.sha256());
        assertTrue(Agent.sha256().matches("[0-9a-f]{64}"));
    }
}
