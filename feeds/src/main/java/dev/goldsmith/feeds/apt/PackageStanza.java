package dev.goldsmith.feeds.apt;

import java.util.Objects;

import dev.goldsmith.catalog.event.PackageData;

/**
 * The facts Goldsmith keeps about one binary package of a Debian {@code Packages} index.
 *
 * @param name          the binary package name ({@code Package})
 * @param version       the binary version, epoch included where there is one ({@code Version})
 * @param architecture  {@code Architecture}, such as {@code amd64} or {@code all}
 * @param sourceName    the source package; the binary name when the stanza has no {@code Source}
 * @param sourceVersion the source version from {@code Source: name (version)}; the binary version otherwise
 * @param filename      the path of the {@code .deb} relative to the repository root ({@code Filename})
 * @param size          the size of the {@code .deb} in bytes ({@code Size})
 * @param sha256        the SHA-256 of the {@code .deb}, 64 lowercase hex digits ({@code SHA256})
 * @param depends       the {@code Depends} value as written, continuation lines kept; null when absent
 * @param preDepends    the {@code Pre-Depends} value as written, continuation lines kept; null when absent
 */
public record PackageStanza(
        String name,
        String version,
        String architecture,
        String sourceName,
        String sourceVersion,
        String filename,
        long size,
        String sha256,
        String depends,
        String preDepends) {

    public PackageStanza {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(sourceVersion, "sourceVersion");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, was " + size);
        }
    }

    /** Returns the event payload announcing this package in {@code repositoryId}'s {@code distribution}. */
    public PackageData toPackageData(String repositoryId, String distribution) {
        return new PackageData(repositoryId, distribution, name, version, architecture, sourceName, sourceVersion,
                new PackageData.PackageFile(filename, size, sha256));
    }
}
