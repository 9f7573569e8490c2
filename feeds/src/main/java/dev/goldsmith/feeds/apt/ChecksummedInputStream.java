package dev.goldsmith.feeds.apt;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

import dev.goldsmith.feeds.FeedException;

/**
 * Passes a download through while checking it against the size and SHA-256 a Release lists for it. Reading past
 * the expected size fails at once; at the end of the stream, a short file or a wrong hash fails instead of returning
 * end-of-file, so whoever reads the stream never sees a clean end of data that cannot be believed. Failures are
 * {@link ChecksumMismatchException}s carrying a {@link FeedException.Kind#CHECKSUM}.
 *
 * <p>Wrap the raw bytes as they arrive, before decompression: the Release's checksums are of the file as served.
 * A decompressor may stop before the end of its input (gzip does not read past its last member), and may fail on
 * damaged input before a checksum could; so {@link #close()} reads what is left and checks it, and
 * {@link #verify()} lets a caller that caught a decompression error find out whether the download was damaged.
 */
public final class ChecksummedInputStream extends FilterInputStream {

    private static final HexFormat HEX = HexFormat.of();

    private final long expectedSize;
    private final String expectedSha256;
    private final String source;
    private final MessageDigest digest;
    private long count;
    private boolean verified;
    private FeedException failure;

    /**
     * @param source names the file in failures, such as {@code http://example.org/debian/dists/x/main/...}
     */
    public ChecksummedInputStream(InputStream in, long expectedSize, String expectedSha256, String source) {
        super(Objects.requireNonNull(in, "in"));
        if (expectedSize < 0) {
            throw new IllegalArgumentException("expectedSize must not be negative, was " + expectedSize);
        }
        String hash = expectedSha256.toLowerCase(Locale.ROOT);
        if (!ReleaseParser.isSha256(hash)) {
            throw new IllegalArgumentException("expectedSha256 is not a SHA-256 in hex: '" + expectedSha256 + "'");
        }
        this.expectedSize = expectedSize;
        this.expectedSha256 = hash;
        this.source = Objects.requireNonNull(source, "source");
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Checks {@code in} against an index file chosen from a Release. */
    public ChecksummedInputStream(InputStream in, IndexFile expected, String source) {
        this(in, expected.size(), expected.sha256(), source);
    }

    /** Returns how many bytes have passed so far. */
    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (failure != null) {
            // A new exception each time: try-with-resources cannot add an exception to itself as suppressed.
            throw new ChecksumMismatchException(failure);
        }
        if (verified) {
            return -1;
        }
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            atEnd();
            return -1;
        }
        count += n;
        if (count > expectedSize) {
            throw fail("more bytes than the " + expectedSize + " expected arrived (at least " + count + ")");
        }
        digest.update(buffer, offset, n);
        return n;
    }

    /** Reads and discards, so that skipped bytes are still counted and hashed. */
    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // Not supported: re-reading would hash the same bytes twice.
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    /**
     * Reads whatever has not been read yet, discarding it, and checks size and SHA-256 of the whole file. Returns
     * quietly when they match (also when called again); throws the same failure again once one was found.
     *
     * @throws ChecksumMismatchException when the file does not match
     * @throws IOException               when reading the rest fails
     */
    public void verify() throws IOException {
        byte[] scratch = new byte[8192];
        while (read(scratch, 0, scratch.length) >= 0) {
            // discard: only the count and the hash matter here
        }
    }

    /** Checks the whole file, as {@link #verify()} does, then closes the underlying stream whatever the outcome. */
    @Override
    public void close() throws IOException {
        try {
            verify();
        } finally {
            in.close();
        }
    }

    private void atEnd() throws ChecksumMismatchException {
        if (count != expectedSize) {
            throw fail("size mismatch: expected " + expectedSize + " bytes, got " + count);
        }
        String actual = HEX.formatHex(digest.digest());
        if (!actual.equals(expectedSha256)) {
            throw fail("SHA256 mismatch: expected " + expectedSha256 + ", got " + actual);
        }
        verified = true;
    }

    private ChecksumMismatchException fail(String reason) {
        failure = new FeedException(FeedException.Kind.CHECKSUM, source, reason);
        return new ChecksumMismatchException(failure);
    }
}
