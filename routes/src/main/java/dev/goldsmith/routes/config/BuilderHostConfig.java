package dev.goldsmith.routes.config;

/**
 * A libvirt host that builds and tests images (an entry of {@code builders}).
 *
 * @param name the builder's name, shown in build manifests
 * @param uri the libvirt connection URI, such as {@code qemu:///system} or {@code qemu+ssh://builder@host/system}
 * @param capacity how many builds may run on the host at once; at least 1
 */
public record BuilderHostConfig(String name, String uri, int capacity) {

    public static final String DEFAULT_URI = "qemu:///system";
    public static final int DEFAULT_CAPACITY = 1;
}
