package dev.goldsmith.feeds.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through until more than a limit have been read, then fails: the guard against decompression bombs.
 */
public final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private final String source;
    private long count;

    public LimitedInputStream(InputStream in, long limit, String source) {
        super(in);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        this.limit = limit;
        this.source = source;
    }

    /** Returns how many bytes have been read so far. */
    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        add(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void add(long n) throws SizeLimitExceededException {
        count += n;
        if (count > limit) {
            throw new SizeLimitExceededException(source, limit);
        }
    }
}
