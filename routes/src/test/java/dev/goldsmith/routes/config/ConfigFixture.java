package dev.goldsmith.routes.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A configuration directory in a temporary folder: a blueprint and a QA suite to point at, and the YAML under test.
 */
final class ConfigFixture {

    private final Path dir;

    ConfigFixture(Path dir) {
        this.dir = dir;
        write("blueprints/base.toml", "name = \"base\"\ndistro = \"debian-12\"\n");
        write("qa/base.yaml", "- name: boots\n  target-reached: multi-user.target\n");
    }

    Path dir() {
        return dir;
    }

    /** Writes {@code text} to {@code relative} under the directory and returns its path. */
    Path write(String relative, String text) {
        Path file = dir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code yaml} as {@code goldsmith.yaml} and returns its path. */
    Path config(String yaml) {
        return write("goldsmith.yaml", yaml);
    }

    GoldsmithConfig load(String yaml) throws ConfigException {
        return load(yaml, Map.of());
    }

    GoldsmithConfig load(String yaml, Map<String, String> env) throws ConfigException {
        return ConfigLoader.load(config(yaml), env);
    }

    /** Loads {@code yaml}, which must fail, and returns the problems found. */
    List<ConfigProblem> problems(String yaml) {
        return problems(yaml, Map.of());
    }

    List<ConfigProblem> problems(String yaml, Map<String, String> env) {
        Path file = config(yaml);
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, env)).problems();
    }

    /** Returns each problem as {@code field: reason}, without the file, for compact assertions. */
    static List<String> described(List<ConfigProblem> problems) {
        return problems.stream().map(problem -> problem.fieldPath() + ": " + problem.reason()).toList();
    }

    /** Returns the field paths of the problems, in order. */
    static List<String> fields(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::fieldPath).toList();
    }
}
