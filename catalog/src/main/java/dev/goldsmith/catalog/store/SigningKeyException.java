package dev.goldsmith.catalog.store;

import java.io.IOException;
import java.nio.file.Path;

/** Thrown when the key that is to sign commits cannot be loaded; the message names the keyring file and why. */
public final class SigningKeyException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path keyring;
    private final String reason;

    SigningKeyException(Path keyring, String reason, Throwable cause) {
        super("cannot load the commit signing key from " + keyring + ": " + reason, cause);
        this.keyring = keyring;
        this.reason = reason;
    }

    /** Returns the keyring file that was read. */
    public Path keyring() {
        return keyring;
    }

    /** Returns why the key could not be used, without the file name. */
    public String reason() {
        return reason;
    }
}
