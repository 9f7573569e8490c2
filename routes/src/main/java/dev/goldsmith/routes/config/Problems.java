package dev.goldsmith.routes.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one configuration file while it is read, so reading never stops at the first.
 */
final class Problems {

    private final Path file;
    private final List<ConfigProblem> found = new ArrayList<>();

    Problems(Path file) {
        this.file = file;
    }

    /** Adds a problem. */
    void add(String fieldPath, String reason) {
        found.add(new ConfigProblem(file, fieldPath, reason));
    }

    /** Throws a {@link ConfigException} carrying every problem, if there is any. */
    void throwIfAny() throws ConfigException {
        if (!found.isEmpty()) {
            throw new ConfigException(file, found);
        }
    }
}
