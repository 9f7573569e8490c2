package dev.goldsmith.catalog.store;

/**
 * Thrown when the repository's current state does not allow a change: the image has no blueprint yet, the version
 * is recorded already, or the entry the change was computed from is no longer the one at HEAD. The caller can act
 * on it (import the blueprint, reload the entry and decide again); nothing was written.
 */
public class CatalogStoreException extends Exception {

    private static final long serialVersionUID = 1L;

    public CatalogStoreException(String message) {
        super(message);
    }

    public CatalogStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
