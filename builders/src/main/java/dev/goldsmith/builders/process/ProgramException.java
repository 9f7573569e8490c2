package dev.goldsmith.builders.process;

import java.util.Arrays;
import java.util.List;

/** An external program that exited with a non-zero status, or could not be started or waited for. */
public final class ProgramException extends Exception {

    private static final long serialVersionUID = 1L;
    private static final int STDERR_LINES = 5;

    private final transient ProgramResult result;

    public ProgramException(ProgramResult result) {
        super(describe(result));
        this.result = result;
    }

    public ProgramException(List<String> command, String reason, Throwable cause) {
        super(command.get(0) + ": " + reason, cause);
        this.result = null;
    }

    /** Returns what the program did, or null when it never ran to an exit status. */
    public ProgramResult result() {
        return result;
    }

    private static String describe(ProgramResult result) {
        String[] lines = result.stderr().strip().split("\n");
        String tail = String.join("\n", Arrays.asList(lines).subList(Math.max(0, lines.length - STDERR_LINES),
                lines.length));
        return result.command().get(0) + " exited with status " + result.exitCode()
                + (tail.isBlank() ? "" : ": " + tail);
    }
}
