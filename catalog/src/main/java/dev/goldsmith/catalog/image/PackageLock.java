package dev.goldsmith.catalog.image;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

/**
 * The exact package versions a build resolved, as {@code images/<image>/<version>/lock.toml} records them, so the
 * version can be built again from its lock rather than from whatever the repositories offer that day.
 */
public record PackageLock(String image, ImageVersionId version, String distro, List<LockedPackage> packages) {

    private static final TomlMapper TOML = TomlMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** One package pinned to the version and architecture the build installed. */
    public record LockedPackage(String name, String version, String arch) {

        public LockedPackage {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(arch, "arch");
        }
    }

    public PackageLock {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(distro, "distro");
        packages = List.copyOf(packages);
    }

    /** Returns the lock of what {@code manifest} says was installed. */
    public static PackageLock of(Manifest manifest) {
        return new PackageLock(manifest.image(), manifest.version(), manifest.distro(), manifest.packages().stream()
                .map(p -> new LockedPackage(p.name(), p.version(), p.architecture()))
                .toList());
    }

    /**
     * Returns the lock as the TOML committed to Git: one {@code [[packages]]} table per package, so a rebuild that
     * moves one package changes three lines of the diff, not one line holding them all.
     */
    public String toToml() {
        StringBuilder toml = new StringBuilder()
                .append("# Exact package versions of ").append(image).append(' ').append(version)
                .append(", as the build installed them.\n")
                .append("image = ").append(quoted(image)).append('\n')
                .append("version = ").append(quoted(version.toString())).append('\n')
                .append("distro = ").append(quoted(distro)).append('\n');
        for (LockedPackage p : packages) {
            toml.append("\n[[packages]]\n")
                    .append("name = ").append(quoted(p.name())).append('\n')
                    .append("version = ").append(quoted(p.version())).append('\n')
                    .append("arch = ").append(quoted(p.arch())).append('\n');
        }
        return toml.toString();
    }

    /** Returns {@code value} as a TOML basic string. */
    private static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Reads a lock written by {@link #toToml()}; fails naming {@code source} and what is wrong. */
    public static PackageLock fromToml(String toml, String source) throws IOException {
        try {
            return TOML.readValue(toml, PackageLock.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(source + ": not a valid package lock: " + e.getMessage(), e);
        }
    }
}
