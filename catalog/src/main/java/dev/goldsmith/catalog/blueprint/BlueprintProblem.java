package dev.goldsmith.catalog.blueprint;

import java.io.Serializable;
import java.util.Objects;

/**
 * One thing wrong with a blueprint: where it was read from, the field path inside it (such as
 * {@code customizations.files[2].path}) and why the value was refused.
 */
public record BlueprintProblem(String source, String fieldPath, String reason) implements Serializable {

    public BlueprintProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(fieldPath, "fieldPath");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return source + ": " + (fieldPath.isEmpty() ? "" : fieldPath + ": ") + reason;
    }
}
