package dev.goldsmith.catalog.store;

import java.util.Objects;

/**
 * A file of the catalog's repository that could not be loaded: its path at the commit read, and why. The rest of
 * the catalog loads without it.
 */
public record LoadProblem(String path, String reason) {

    public LoadProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
