package dev.goldsmith.catalog.store;

import java.io.IOException;

/**
 * Thrown when a push did not bring the remote up to date: the remote is unreachable, refused the push, or kept
 * moving for every attempt. Nothing local is lost; the commits stay queued for the next push.
 */
public class PushException extends IOException {

    private static final long serialVersionUID = 1L;

    PushException(String message, Throwable cause) {
        super(message, cause);
    }
}
