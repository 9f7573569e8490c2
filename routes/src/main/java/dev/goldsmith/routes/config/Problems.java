package dev.goldsmith.routes.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the problems of one configuration file while it is read, so reading never stops at the first.
 */
final class Problems {

    private final Path file;
    private final List<ConfigProblem> found = new ArrayList<>();
    private final Map<String, String> overriddenBy = new HashMap<>();

    Problems(Path file) {
        this.file = file;
    }

    /** Records that the value at {@code fieldPath} came from the environment variable {@code variable}. */
    void overridden(String fieldPath, String variable) {
        overriddenBy.put(fieldPath, variable);
    }

    /** Returns the environment variable that set {@code fieldPath}, or null when the file set it. */
    String overrideOf(String fieldPath) {
        return overriddenBy.get(fieldPath);
    }

    /** Adds a problem; one about an overridden value names the variable it came from. */
    void add(String fieldPath, String reason) {
        String variable = overriddenBy.get(fieldPath);
        String full = variable == null ? reason : reason + " (from environment variable " + variable + ")";
        found.add(new ConfigProblem(file, fieldPath, full));
    }

    /** Throws a {@link ConfigException} carrying every problem, if there is any. */
    void throwIfAny() throws ConfigException {
        if (!found.isEmpty()) {
            throw new ConfigException(file, found);
        }
    }
}
