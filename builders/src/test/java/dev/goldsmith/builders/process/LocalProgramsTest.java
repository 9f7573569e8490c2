package dev.goldsmith.builders.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProgramsTest {

    private final LocalPrograms programs = new LocalPrograms();

    @TempDir
    Path dir;

    @Test
    void argumentsReachTheProgramUninterpreted() throws Exception {
        ProgramResult result = programs.run(List.of("printf", "%s|", "$(id)", "a b;c"), dir, Duration.ofSeconds(10));

        assertTrue(result.succeeded());
        assertEquals("$(id)|a b;c|", result.stdout());
    }

    @Test
    void failureCarriesExitCodeAndStandardError() throws Exception {
        ProgramResult result = programs.run(List.of("ls", dir.resolve("missing").toString()), dir,
                Duration.ofSeconds(10));

        assertEquals(2, result.exitCode());
        ProgramException failure = assertThrows(ProgramException.class, result::orThrow);
        assertTrue(failure.getMessage().startsWith("ls exited with status 2: "), failure.getMessage());
        assertTrue(failure.getMessage().contains("missing"), failure.getMessage());
    }

    @Test
    void programPastItsTimeoutIsKilledAndReportedAs124() throws Exception {
        ProgramResult result = programs.run(List.of("sleep", "30"), dir, Duration.ofMillis(200));

        assertEquals(LocalPrograms.TIMED_OUT, result.exitCode());
        assertTrue(result.elapsed().compareTo(Duration.ofSeconds(30)) < 0);
    }

    @Test
    void programThatDoesNotExistCannotStart() {
        ProgramException failure = assertThrows(ProgramException.class,
                () -> programs.run(List.of("no-such-program-here"), dir, Duration.ofSeconds(5)));

        assertTrue(failure.getMessage().startsWith("no-such-program-here: cannot start"), failure.getMessage());
        assertFalse(programs.available("no-such-program-here"));
        assertTrue(programs.available("ls"));
    }
}
