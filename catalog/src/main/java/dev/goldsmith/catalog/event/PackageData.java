package dev.goldsmith.catalog.event;

/**
 * A binary package version that appeared in, or disappeared from, a repository's index. Carried by
 * {@code package.published} and {@code package.withdrawn}.
 *
 * @param repositoryId  the configured repository this index belongs to; the record key
 * @param distribution  the distribution release, such as {@code debian-12} or {@code rocky-9}
 * @param name          the binary package name
 * @param version       the full version as the repository states it, epoch included where there is one
 * @param architecture  the package architecture, such as {@code amd64}, {@code x86_64} or {@code all}
 * @param sourceName    the source package it was built from; the binary name when the index gives none
 * @param sourceVersion the version of that source package
 * @param file          where the package lies in the repository; required for {@code package.published}, and
 *                      null for {@code package.withdrawn} when the last snapshot did not record it
 */
public record PackageData(
        String repositoryId,
        String distribution,
        String name,
        String version,
        String architecture,
        String sourceName,
        String sourceVersion,
        PackageFile file) implements EventData {

    public PackageData {
        Require.text(repositoryId, "repositoryId");
        Require.text(distribution, "distribution");
        Require.text(name, "name");
        Require.text(version, "version");
        Require.text(architecture, "architecture");
        Require.text(sourceName, "sourceName");
        Require.text(sourceVersion, "sourceVersion");
    }

    /** Returns the repository id, the key of {@link Topic#PACKAGES}. */
    @Override
    public String key() {
        return repositoryId;
    }

    /**
     * The package file as the repository index lists it.
     *
     * @param filename the path relative to the repository root, such as {@code pool/main/o/openssl/...deb}
     * @param size     the size in bytes
     * @param sha256   the SHA-256 of the file, 64 lowercase hex digits
     */
    public record PackageFile(String filename, long size, String sha256) {

        public PackageFile {
            Require.text(filename, "file.filename");
            Require.notNegative(size, "file.size");
            Require.sha256(sha256, "file.sha256");
        }
    }
}
