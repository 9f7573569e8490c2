package dev.goldsmith.builders.agent;

import dev.goldsmith.catalog.image.InstalledPackage;

/**
 * One installed package as the agent listed it from the image's package database.
 *
 * @param source        the source package name; the package's own name when the database names none
 * @param sourceVersion the source package's version; the package's own version when the database names none
 */
public record ReportedPackage(String name, String version, String architecture, String source,
        String sourceVersion) {

    /** Returns the package as a manifest records it. */
    public InstalledPackage toInstalled() {
        return new InstalledPackage(name, version, architecture, source);
    }
}
