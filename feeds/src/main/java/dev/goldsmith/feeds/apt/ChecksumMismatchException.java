package dev.goldsmith.feeds.apt;

import java.io.IOException;

import dev.goldsmith.feeds.FeedException;

/**
 * Thrown from a {@link ChecksummedInputStream} read when the bytes do not match what the Release promised. It is an
 * IOException so that it can leave an InputStream; {@link #feedException()} gives the
 * {@link FeedException.Kind#CHECKSUM} failure to report.
 */
public final class ChecksumMismatchException extends IOException {

    private static final long serialVersionUID = 1L;

    private final FeedException feedException;

    ChecksumMismatchException(FeedException feedException) {
        super(feedException.getMessage(), feedException);
        this.feedException = feedException;
    }

    /** Returns the CHECKSUM failure, naming the file, what was expected and what arrived. */
    public FeedException feedException() {
        return feedException;
    }
}
