package dev.goldsmith.builders.process;

import java.time.Duration;
import java.util.List;

/**
 * What an external program did: the command it ran as, its exit code, what it printed and how long it took.
 *
 * @param command  the program and its arguments, exactly as started
 * @param exitCode the exit status; 0 for success
 * @param stdout   what it wrote to standard output, as UTF-8 text (possibly cut at the runner's limit)
 * @param stderr   what it wrote to standard error, as UTF-8 text (possibly cut at the runner's limit)
 * @param elapsed  the wall-clock time from start to exit
 */
public record ProgramResult(List<String> command, int exitCode, String stdout, String stderr, Duration elapsed) {

    public ProgramResult {
        command = List.copyOf(command);
    }

    /** Returns whether the program exited with status 0. */
    public boolean succeeded() {
        return exitCode == 0;
    }

    /**
     * Returns this result when the program succeeded; otherwise fails with a message naming the program, its exit
     * status and the last lines of its standard error.
     */
    public ProgramResult orThrow() throws ProgramException {
        if (!succeeded()) {
            throw new ProgramException(this);
        }
        return this;
    }
}
