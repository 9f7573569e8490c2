package dev.goldsmith.routes.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VersionsCommandTest {

    /** What one run of the command did. */
    private record Run(int exitCode, List<String> out, List<String> err) {
    }

    private static Run run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        VersionsCommand command = new VersionsCommand()
                .readingFrom(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));

        int exitCode = commandLine.execute(args);

        return new Run(exitCode, out.toString().lines().toList(), err.toString().lines().toList());
    }

    @Test
    void printsOneVerdictPerPairInDpkgOrder() {
        Run run = run("1.0 1.1\n1:0.1 9.9\n1.0-1 1.0-1\n1.0~rc1 1.0\n", "compare", "--scheme", "dpkg");

        assertAll(
                () -> assertEquals(List.of("-1", "1", "0", "-1"), run.out()),
                () -> assertEquals(List.of(), run.err()),
                () -> assertEquals(0, run.exitCode()));
    }

    @Test
    void printsVerdictsInRpmOrderWhereAMissingReleaseIsOlder() {
        Run run = run("1.0-1 1.0\n1.0 1.0-0\n1.0^git1 1.0\n", "compare", "--scheme", "rpm");

        assertAll(
                () -> assertEquals(List.of("1", "-1", "1"), run.out()),
                () -> assertEquals(0, run.exitCode()));
    }

    @Test
    void acceptsTheSchemeNameInAnyCase() {
        Run run = run("1.0 1.0\n", "compare", "--scheme", "DPKG");

        assertEquals(List.of("0"), run.out());
    }

    @Test
    void skipsBlankLinesAndSurroundingWhitespace() {
        Run run = run("\n   \n\t1.0\t 2.0  \n\n", "compare", "--scheme", "dpkg");

        assertAll(
                () -> assertEquals(List.of("-1"), run.out()),
                () -> assertEquals(List.of(), run.err()),
                () -> assertEquals(0, run.exitCode()));
    }

    @Test
    void reportsAnInvalidVersionWithItsLineNumberAndCarriesOn() {
        Run run = run("1.0 2.0\n\n1.0- 1.0\n2.0 1.0\n", "compare", "--scheme", "dpkg");

        assertAll(
                () -> assertEquals(List.of("-1", "1"), run.out()),
                () -> assertEquals(List.of("line 3: invalid dpkg version '1.0-': revision number is empty"), run.err()),
                () -> assertEquals(1, run.exitCode()));
    }

    @Test
    void reportsLinesWithoutExactlyTwoVersions() {
        Run run = run("1.0\n1.0 2.0 3.0\n1.0 2.0\n", "compare", "--scheme", "rpm");

        assertAll(
                () -> assertEquals(List.of("-1"), run.out()),
                () -> assertEquals(List.of(
                        "line 1: expected 2 versions, found 1: '1.0'",
                        "line 2: expected 2 versions, found 3: '1.0 2.0 3.0'"), run.err()),
                () -> assertEquals(1, run.exitCode()));
    }

    @Test
    void succeedsOnEmptyInput() {
        Run run = run("", "compare", "--scheme", "rpm");

        assertAll(
                () -> assertEquals(List.of(), run.out()),
                () -> assertEquals(0, run.exitCode()));
    }

    @Test
    void rejectsAnUnknownSchemeAsAUsageError() {
        Run run = run("1.0 2.0\n", "compare", "--scheme", "apk");

        assertAll(
                () -> assertEquals(CommandLine.ExitCode.USAGE, run.exitCode()),
                () -> assertTrue(String.join("\n", run.err()).contains("unknown version scheme 'apk'"),
                        () -> "stderr: " + run.err()),
                () -> assertEquals(List.of(), run.out()));
    }

    @Test
    void requiresTheScheme() {
        Run run = run("1.0 2.0\n", "compare");

        assertAll(
                () -> assertEquals(CommandLine.ExitCode.USAGE, run.exitCode()),
                () -> assertTrue(String.join("\n", run.err()).contains("--scheme"), () -> "stderr: " + run.err()));
    }

    @Test
    void asksForASubcommandWhenGivenNone() {
        Run run = run("");

        assertAll(
                () -> assertEquals(CommandLine.ExitCode.USAGE, run.exitCode()),
                () -> assertTrue(String.join("\n", run.err()).contains("Missing required subcommand"),
                        () -> "stderr: " + run.err()));
    }

    @Test
    void describesCompareInItsHelp() {
        Run run = run("", "compare", "--help");

        assertAll(
                () -> assertEquals(0, run.exitCode()),
                () -> assertTrue(String.join("\n", run.out()).contains("--scheme=dpkg|rpm"),
                        () -> "out: " + run.out()));
    }
}
