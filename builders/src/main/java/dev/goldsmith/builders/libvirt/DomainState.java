package dev.goldsmith.builders.libvirt;

/** What a domain is doing, as far as a build cares. */
public enum DomainState {
    /** Running, blocked on I/O, or in a state libvirt cannot name: the guest still exists and may run. */
    RUNNING,
    /** Paused by libvirt or QEMU (after an I/O error, say). */
    PAUSED,
    /** Being shut down. */
    SHUTTING_DOWN,
    /** Defined but not running. */
    SHUT_OFF,
    /** Crashed and kept. */
    CRASHED,
    /** No such domain: a transient domain that ended, or one never created. */
    GONE;

    /** Returns whether the guest can still run: it is neither shut off, crashed nor gone. */
    public boolean active() {
        return this == RUNNING || this == PAUSED || this == SHUTTING_DOWN;
    }
}
