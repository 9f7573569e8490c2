package dev.goldsmith.feeds.rpm;

import java.util.Objects;

import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.feeds.FeedException;

/**
 * One binary (or source) package as {@code primary.xml} lists it.
 *
 * @param name      the package name
 * @param arch      the architecture, such as {@code x86_64}, {@code noarch} or {@code src}
 * @param evr       epoch, version and release
 * @param checksum  the checksum of the package file; createrepo_c also uses it as the package id
 * @param size      the size of the package file in bytes
 * @param location  the package file's path relative to the repository root
 * @param sourceRpm the file name of the source package it was built from, such as
 *                  {@code openssl-3.0.7-27.el9.src.rpm}; null for a source package itself
 */
public record RpmPackage(
        String name,
        String arch,
        Evr evr,
        Checksum checksum,
        long size,
        String location,
        String sourceRpm) {

    private static final String SRC_SUFFIX = ".src.rpm";
    private static final String NOSRC_SUFFIX = ".nosrc.rpm";

    public RpmPackage {
        requireText(name, "name");
        requireText(arch, "arch");
        Objects.requireNonNull(evr, "evr");
        Objects.requireNonNull(checksum, "checksum");
        requireText(location, "location");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, was " + size);
        }
        if (sourceRpm != null) {
            splitSourceRpm(sourceRpm);
        }
    }

    /** Returns the version as {@code [epoch:]version-release}; see {@link Evr#toString()}. */
    public String version() {
        return evr.toString();
    }

    /** Returns the name of the source package, taken from {@link #sourceRpm()}; the own name when there is none. */
    public String sourceName() {
        return sourceRpm == null ? name : splitSourceRpm(sourceRpm)[0];
    }

    /**
     * Returns the source package's version as {@code [epoch:]version-release}. The source file name carries no
     * epoch; the binary's epoch is used, because binary packages inherit theirs from the spec file that also sets the
     * source's.
     */
    public String sourceVersion() {
        if (sourceRpm == null) {
            return version();
        }
        String[] parts = splitSourceRpm(sourceRpm);
        return new Evr(evr.epoch(), parts[1], parts[2]).toString();
    }

    /**
     * Returns this package as the payload of {@code package.published}.
     *
     * @param repositoryId the configured repository the primary.xml belongs to
     * @param distribution the distribution release, such as {@code almalinux-9}
     * @throws FeedException of kind {@code UNSUPPORTED} when the package checksum is not sha256, the one the event
     *                       carries; the source named is the repository and the package location
     */
    public PackageData toPackageData(String repositoryId, String distribution) throws FeedException {
        if (!checksum.type().equals("sha256")) {
            throw new FeedException(FeedException.Kind.UNSUPPORTED, repositoryId + " " + location,
                    "package checksum is " + checksum.type() + "; package events carry sha256 only");
        }
        return new PackageData(repositoryId, distribution, name, version(), arch, sourceName(), sourceVersion(),
                new PackageData.PackageFile(location, size, checksum.value()));
    }

    /** Returns name, version and release of {@code NAME-VERSION-RELEASE.src.rpm}; names may contain dashes. */
    static String[] splitSourceRpm(String fileName) {
        String base;
        if (fileName.endsWith(SRC_SUFFIX)) {
            base = fileName.substring(0, fileName.length() - SRC_SUFFIX.length());
        } else if (fileName.endsWith(NOSRC_SUFFIX)) {
            base = fileName.substring(0, fileName.length() - NOSRC_SUFFIX.length());
        } else {
            throw new IllegalArgumentException("source rpm '" + fileName + "' does not end in " + SRC_SUFFIX);
        }
        int releaseDash = base.lastIndexOf('-');
        int versionDash = releaseDash > 0 ? base.lastIndexOf('-', releaseDash - 1) : -1;
        if (versionDash <= 0 || releaseDash == base.length() - 1 || releaseDash == versionDash + 1) {
            throw new IllegalArgumentException("source rpm '" + fileName + "' is not NAME-VERSION-RELEASE"
                    + SRC_SUFFIX);
        }
        return new String[] {
            base.substring(0, versionDash), base.substring(versionDash + 1, releaseDash),
            base.substring(releaseDash + 1)};
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, was " + value);
        }
    }
}
