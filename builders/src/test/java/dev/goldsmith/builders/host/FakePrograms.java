package dev.goldsmith.builders.host;

import dev.goldsmith.builders.process.ProgramResult;
import dev.goldsmith.builders.process.Programs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Programs that answer from scripted behaviours and record every command they were asked to run. */
final class FakePrograms implements Programs {

    final List<List<String>> ran = new ArrayList<>();
    private final Set<String> available;
    private final Map<String, Function<List<String>, ProgramResult>> behaviours = new HashMap<>();

    FakePrograms(Set<String> available) {
        this.available = available;
    }

    /** Makes {@code program} (the first word after any {@code env VAR=...} prefix) behave as {@code behaviour}. */
    FakePrograms on(String program, Function<List<String>, ProgramResult> behaviour) {
        behaviours.put(program, behaviour);
        return this;
    }

    static ProgramResult exit(List<String> command, int code, String stdout) {
        return new ProgramResult(command, code, stdout, code == 0 ? "" : "failed on purpose", Duration.ZERO);
    }

    /** Returns the commands run, each by its program name (skipping an {@code env VAR=...} prefix). */
    List<String> programsRun() {
        return ran.stream().map(FakePrograms::program).toList();
    }

    static String program(List<String> command) {
        int i = 0;
        if (command.get(0).equals("env")) {
            i = 1;
            while (command.get(i).contains("=")) {
                i++;
            }
        }
        return command.get(i);
    }

    @Override
    public ProgramResult run(List<String> command, Path workDir, Duration timeout) {
        ran.add(List.copyOf(command));
        Function<List<String>, ProgramResult> behaviour = behaviours.get(program(command));
        return behaviour == null ? exit(command, 0, "") : behaviour.apply(command);
    }

    @Override
    public boolean available(String program) {
        return available.contains(program);
    }
}
