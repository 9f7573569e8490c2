package dev.goldsmith.builders.qa;

import java.io.Serializable;
import java.util.Objects;

/**
 * One thing wrong with a QA suite file: the file, where in it (such as {@code checks[2] 'SSH is up'
 * service-active}) and why the value was refused.
 */
public record QaSuiteProblem(String source, String where, String reason) implements Serializable {

    public QaSuiteProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return source + ": " + (where.isEmpty() ? "" : where + ": ") + reason;
    }
}
