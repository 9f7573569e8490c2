package dev.goldsmith.builders.base;

import java.nio.file.Path;

/**
 * A complete base image in the cache: {@code vmlinuz}, {@code initrd.img} and {@code root.qcow2} in one
 * directory, described by {@code base.json}. Builds put a copy-on-write overlay on {@link #root()} and never
 * write to it.
 */
public record BaseImage(Path dir, BaseImageInfo info) {

    static final String KERNEL = "vmlinuz";
    static final String INITRD = "initrd.img";
    static final String ROOT = "root.qcow2";
    static final String INFO = "base.json";

    /** Returns the kernel for direct kernel boot. */
    public Path kernel() {
        return dir.resolve(KERNEL);
    }

    /** Returns the initrd for direct kernel boot. */
    public Path initrd() {
        return dir.resolve(INITRD);
    }

    /** Returns the root disk, qcow2. */
    public Path root() {
        return dir.resolve(ROOT);
    }
}
