package dev.goldsmith.builders.libvirt;

/**
 * A libvirt operation on a builder host failed. {@link #unreachable()} tells a failure to reach the host (its
 * libvirtd is down or restarting, the SSH link broke) from libvirt refusing the operation itself.
 */
public final class HostException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean unreachable;

    public HostException(String message, boolean unreachable, Throwable cause) {
        super(message, cause);
        this.unreachable = unreachable;
    }

    /** Returns whether the host could not be reached at all, so trying again later may succeed. */
    public boolean unreachable() {
        return unreachable;
    }
}
