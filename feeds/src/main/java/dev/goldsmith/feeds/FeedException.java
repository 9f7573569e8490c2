package dev.goldsmith.feeds;

import java.util.Objects;

/**
 * Thrown when what a feed served cannot be believed, or when reading it was called off. The message names the
 * source (a URL or a path, and the file within it) and the reason, so a degraded feed's state can be shown to an
 * operator as it is.
 */
public class FeedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, so callers can tell a broken signature from a malformed file or a network failure. */
    public enum Kind {
        /** The bytes do not parse as the format they claim to be. */
        MALFORMED,
        /** A checksum does not match the one the signed metadata names. */
        CHECKSUM,
        /** A signature is missing, does not verify, or was made by a key that is not trusted. */
        SIGNATURE,
        /** Signed metadata older than what was seen before (a replay or a stale mirror). */
        ROLLBACK,
        /** Signed metadata past its {@code Valid-Until}. */
        EXPIRED,
        /** Something valid that Goldsmith does not handle, such as an unknown ecosystem. */
        UNSUPPORTED,
        /** A download or a decompressed file grew past its configured limit. */
        TOO_LARGE,
        /** The fetch itself failed: an HTTP error, a timeout, a connection refused, a truncated body. */
        FETCH,
        /** The poll was called off (Goldsmith is stopping): nothing is known to be wrong with the feed. */
        CANCELLED
    }

    private final Kind kind;
    private final String source;

    public FeedException(Kind kind, String source, String reason) {
        this(kind, source, reason, null);
    }

    public FeedException(Kind kind, String source, String reason, Throwable cause) {
        super(source + ": " + reason, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** Returns what went wrong. */
    public Kind kind() {
        return kind;
    }

    /** Returns the URL or path (and file within it) the problem was found in. */
    public String source() {
        return source;
    }
}
