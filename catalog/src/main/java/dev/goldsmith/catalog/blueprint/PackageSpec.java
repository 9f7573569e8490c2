package dev.goldsmith.catalog.blueprint;

import java.util.Objects;

/**
 * A package (or package group) a blueprint asks for, with a version glob: {@code *} for any version, or an exact
 * version once Goldsmith has pinned what it built.
 */
public record PackageSpec(String name, String version) {

    /** The version glob that matches every version. */
    public static final String ANY_VERSION = "*";

    public PackageSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }

    /** Returns a copy asking for exactly {@code exactVersion}. */
    public PackageSpec pinnedTo(String exactVersion) {
        return new PackageSpec(name, exactVersion);
    }
}
