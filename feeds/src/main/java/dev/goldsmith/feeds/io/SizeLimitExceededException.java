package dev.goldsmith.feeds.io;

import java.io.IOException;

/** Thrown when a download or a decompressed stream grows past its configured limit. */
public final class SizeLimitExceededException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long limit;

    public SizeLimitExceededException(String source, long limit) {
        super(source + " exceeds the size limit of " + limit + " bytes");
        this.limit = limit;
    }

    /** Returns the limit that was exceeded, in bytes. */
    public long limit() {
        return limit;
    }
}
