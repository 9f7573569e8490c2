package dev.goldsmith.feeds.snapshot;

import java.util.Objects;

/**
 * One package version a repository offers, as much as a snapshot keeps of it: enough to tell that it was withdrawn
 * and to say which source package it was built from.
 *
 * @param sourceName    the source package; the same string as {@code name} when the index names no other
 * @param sourceVersion the source version; the same string as {@code version} when the index names no other
 */
public record PackageEntry(String name, String version, String architecture, String sourceName, String sourceVersion) {

    public PackageEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(architecture, "architecture");
        sourceName = sourceName == null || sourceName.equals(name) ? name : sourceName;
        sourceVersion = sourceVersion == null || sourceVersion.equals(version) ? version : sourceVersion;
    }

    /** Returns whether this entry and {@code other} are the same package version on the same architecture. */
    public boolean sameKey(PackageEntry other) {
        return name.equals(other.name) && version.equals(other.version) && architecture.equals(other.architecture);
    }

    /**
     * Entries are equal when name, version and architecture are: a repository offers one build of each, and the
     * source fields only describe it.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof PackageEntry other && sameKey(other);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + version.hashCode()) * 31 + architecture.hashCode();
    }
}
