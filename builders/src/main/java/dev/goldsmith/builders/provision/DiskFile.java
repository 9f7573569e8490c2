package dev.goldsmith.builders.provision;

import java.util.Objects;

/**
 * A file shipped on the provisioning disk for a step to install: a blueprint file's contents, a key, or a
 * generated configuration file.
 *
 * @param path    where it sits on the disk, relative, such as {@code files/0001}
 * @param content its bytes
 */
public record DiskFile(String path, byte[] content) {

    public DiskFile {
        Objects.requireNonNull(path, "path");
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
