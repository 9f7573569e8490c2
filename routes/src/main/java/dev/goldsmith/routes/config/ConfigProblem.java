package dev.goldsmith.routes.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing wrong with a configuration file: where it is and why it is wrong.
 *
 * <p>The reason never contains the value of a secret.
 *
 * @param file the configuration file, as the caller named it
 * @param fieldPath the field in YAML notation, such as {@code feeds[2].interval}; empty for the file as a whole,
 *     or the name of a {@code GOLDSMITH_*} environment variable that names no field
 * @param reason what is wrong, in words an operator can act on
 */
public record ConfigProblem(Path file, String fieldPath, String reason) {

    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fieldPath, "fieldPath");
        Objects.requireNonNull(reason, "reason");
    }

    /** Returns the problem as one line: {@code file: field: reason}, or {@code file: reason} without a field. */
    @Override
    public String toString() {
        return fieldPath.isEmpty() ? file + ": " + reason : file + ": " + fieldPath + ": " + reason;
    }
}
