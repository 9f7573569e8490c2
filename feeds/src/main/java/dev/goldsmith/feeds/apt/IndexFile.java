package dev.goldsmith.feeds.apt;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.io.Compression;

/**
 * An index file chosen from a Release, with what its download must match.
 *
 * @param path        the path relative to the Release's directory, such as {@code main/binary-amd64/Packages.xz}
 * @param size        the size in bytes of the file as downloaded (compressed)
 * @param sha256      the SHA-256 of the file as downloaded, lower-case hex
 * @param compression how the file is compressed, from its name
 * @param byHashPath  {@code main/binary-amd64/by-hash/SHA256/<sha256>} when the Release says
 *                    {@code Acquire-By-Hash: yes}; null otherwise
 */
public record IndexFile(String path, long size, String sha256, Compression compression, String byHashPath) {

    /**
     * The compressions tried, best first. The Release lists the uncompressed file too, but archives often do not
     * serve it, so it comes last; zstd and bzip2 are only fallbacks for archives that offer neither xz nor gzip.
     */
    static final List<Compression> PREFERENCE = List.of(
            Compression.XZ, Compression.GZIP, Compression.ZSTD, Compression.BZIP2, Compression.NONE);

    public IndexFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(compression, "compression");
    }

    /** Returns the by-hash path when the Release offers one, else the plain path: the one to download. */
    public String downloadPath() {
        return byHashPath != null ? byHashPath : path;
    }

    /**
     * Returns the binary Packages index of {@code component} for {@code architecture}, such as
     * {@code main/binary-amd64/Packages.xz}. Only files listed in the Release's SHA256 field count; xz is
     * preferred, then gzip, then the others, then the uncompressed file.
     *
     * @throws FeedException UNSUPPORTED when the Release does not offer that component or architecture, MALFORMED
     *                       when it claims both but lists no Packages index for them
     */
    public static IndexFile packages(Release release, String component, String architecture) throws FeedException {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(architecture, "architecture");
        String base = component + "/binary-" + architecture + "/Packages";
        Optional<IndexFile> found = select(release, base);
        if (found.isPresent()) {
            return found.get();
        }
        if (!release.components().contains(component) || !release.architectures().contains(architecture)) {
            throw new FeedException(FeedException.Kind.UNSUPPORTED, release.source(),
                    "Release offers no " + base + ": components " + release.components() + ", architectures "
                    + release.architectures());
        }
        throw new FeedException(FeedException.Kind.MALFORMED, release.source(),
                "Release names component '" + component + "' and architecture '" + architecture
                + "' but lists no SHA256 for " + base + " in any compression");
    }

    /**
     * Returns the best-compressed variant of {@code basePath} (a path without compression suffix) that the
     * Release lists in its SHA256 field, or empty when it lists none.
     */
    public static Optional<IndexFile> select(Release release, String basePath) {
        for (Compression c : PREFERENCE) {
            Optional<ReleaseFile> listed = release.file(basePath + c.suffix());
            if (listed.isPresent()) {
                ReleaseFile f = listed.get();
                String byHash = release.acquireByHash() ? byHashPath(f.path(), f.sha256()) : null;
                return Optional.of(new IndexFile(f.path(), f.size(), f.sha256(), c, byHash));
            }
        }
        return Optional.empty();
    }

    private static String byHashPath(String path, String sha256) {
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "" : path.substring(0, slash + 1);
        return dir + "by-hash/SHA256/" + sha256;
    }
}
