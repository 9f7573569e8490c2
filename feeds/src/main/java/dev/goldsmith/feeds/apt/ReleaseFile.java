package dev.goldsmith.feeds.apt;

import java.util.Objects;

/**
 * One file a Release lists in its {@code SHA256} field: its path relative to the Release's directory
 * ({@code main/binary-amd64/Packages.xz}), its size in bytes and its lower-case hex SHA-256.
 */
public record ReleaseFile(String path, long size, String sha256) {

    public ReleaseFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, was " + size + " for " + path);
        }
    }
}
