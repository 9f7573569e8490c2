package dev.goldsmith.builders.libvirt;

/** The network a throwaway guest gets: libvirt user-mode networking (SLIRP, no bridge on the host) or none at all. */
public enum Networking {
    /** One virtio interface on libvirt's user-mode network; the guest reaches the host's loopback at 10.0.2.2. */
    USER,
    /** No network interface. */
    NONE
}
