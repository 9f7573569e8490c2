package dev.goldsmith.routes.config;

import java.nio.file.Path;

/**
 * A golden image to keep patched (an entry of {@code images}).
 *
 * @param name the image's name, used in Git paths, tags and Kafka keys
 * @param blueprint the image's osbuild-compatible TOML blueprint; the file exists
 */
public record ImageConfig(String name, Path blueprint) {
}
