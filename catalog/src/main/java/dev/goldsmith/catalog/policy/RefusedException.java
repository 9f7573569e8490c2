package dev.goldsmith.catalog.policy;

/**
 * Thrown when a policy or an operator command is asked for something it must not do: a transition the lifecycle
 * forbids, a version the image does not have, an approval for a channel that needs none. The message says what was
 * asked and why it is refused, in words an operator reads; nothing has changed.
 */
public final class RefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    public RefusedException(String message) {
        super(message);
    }

    public RefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
