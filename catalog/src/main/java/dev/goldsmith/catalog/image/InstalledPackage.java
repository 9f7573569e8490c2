package dev.goldsmith.catalog.image;

import java.util.Objects;

/**
 * A package as the build found it installed in the image.
 *
 * @param source the source package it was built from; the package's own name when the package database names none
 */
public record InstalledPackage(String name, String version, String architecture, String source) {

    public InstalledPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(architecture, "architecture");
        if (name.isBlank() || version.isBlank()) {
            throw new IllegalArgumentException("an installed package needs a name and a version, was '" + name
                    + "' '" + version + "'");
        }
        source = source == null || source.isBlank() ? name : source;
    }
}
