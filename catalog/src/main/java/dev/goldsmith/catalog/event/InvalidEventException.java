package dev.goldsmith.catalog.event;

/**
 * Thrown when bytes cannot be read as a Goldsmith CloudEvent. The message says which attribute or data field
 * was wrong and how.
 *
 * <p>Unchecked because the failure is in the record, not in the reader: reading it again cannot succeed, so
 * a consumer does not retry it but hands it to the dead-letter topic, which the routes' single error handler
 * does for every exception of this type.
 */
public class InvalidEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
