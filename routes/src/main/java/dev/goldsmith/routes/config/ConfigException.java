package dev.goldsmith.routes.config;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a configuration file cannot be used; carries every problem found, not only the first.
 */
public class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Path file;
    private final transient List<ConfigProblem> problems;

    /** Creates the exception for {@code file}; {@code problems} must not be empty. */
    public ConfigException(Path file, List<ConfigProblem> problems) {
        super(describe(file, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a configuration exception needs at least one problem");
        }
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    /** Returns the configuration file the problems were found in. */
    public Path file() {
        return file;
    }

    /** Returns the problems in the order they were found. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(Path file, List<ConfigProblem> problems) {
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        String heading = count + " in " + file + ":" + System.lineSeparator();
        return problems.stream()
                .map(ConfigProblem::toString)
                .collect(Collectors.joining(System.lineSeparator(), heading, ""));
    }
}
