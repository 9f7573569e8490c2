package dev.goldsmith.builders.host;

/** {@link HostSetup} could not finish: it was refused (not root) or a step failed; the message says which and why. */
public final class SetupException extends Exception {

    private static final long serialVersionUID = 1L;

    public SetupException(String message) {
        super(message);
    }

    public SetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
