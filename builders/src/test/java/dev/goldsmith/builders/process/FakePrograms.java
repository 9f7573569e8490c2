package dev.goldsmith.builders.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stand-in for {@link Programs} in tests: it says which programs are installed, records every command, and
 * answers each program with what a test gave it (by default exit 0 and no output). An answer may also act, such
 * as writing the file the real program would write.
 */
public final class FakePrograms implements Programs {

    /** What a fake program does when it is run. */
    @FunctionalInterface
    public interface Behaviour {
        ProgramResult run(List<String> command, Path workDir) throws IOException;
    }

    private final Set<String> installed;
    private final Map<String, Behaviour> behaviours = new HashMap<>();
    private final List<List<String>> commands = new ArrayList<>();

    public FakePrograms(Set<String> installed) {
        this.installed = Set.copyOf(installed);
    }

    /** Makes {@code program} behave as {@code behaviour}. */
    public FakePrograms on(String program, Behaviour behaviour) {
        behaviours.put(program, behaviour);
        return this;
    }

    /** Returns a successful result of {@code command} with no output. */
    public static ProgramResult ok(List<String> command) {
        return new ProgramResult(command, 0, "", "", Duration.ZERO);
    }

    @Override
    public ProgramResult run(List<String> command, Path workDir, Duration timeout) throws ProgramException {
        commands.add(List.copyOf(command));
        String program = command.get(0);
        if (!installed.contains(program)) {
            throw new ProgramException(command, "cannot start: no such program", null);
        }
        try {
            Behaviour behaviour = behaviours.get(program);
            return behaviour == null ? ok(command) : behaviour.run(command, workDir);
        } catch (IOException e) {
            throw new ProgramException(command, "fake failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean available(String program) {
        return installed.contains(program);
    }

    /** Returns every command run so far, in order. */
    public List<List<String>> commands() {
        return List.copyOf(commands);
    }
}
