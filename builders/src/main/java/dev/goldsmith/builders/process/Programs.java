package dev.goldsmith.builders.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs external programs (qemu-img, mmdebstrap, mke2fs, xorriso, ...) from an argument list, never through a
 * shell, so nothing in an argument is ever interpreted. Tests use a fake or the real {@link LocalPrograms}.
 */
public interface Programs {

    /**
     * Runs {@code command} (program first, then its arguments) in {@code workDir} and waits for it.
     *
     * @param timeout how long it may run before it is killed; the result then carries exit code 124 as
     *                {@code timeout(1)} reports it
     * @return what the program did, whatever its exit status
     * @throws ProgramException when the program cannot be started
     */
    ProgramResult run(List<String> command, Path workDir, Duration timeout) throws ProgramException;

    /** Returns whether {@code program} is found on the search path (or is an executable path). */
    boolean available(String program);
}
