package dev.goldsmith.feeds.rpm;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import dev.goldsmith.feeds.FeedException;

/**
 * Counts and hashes the bytes passing through, to compare them with what repomd.xml promised once the reader is
 * done. Fails as soon as more bytes arrive than promised, so a mirror cannot feed an endless stream.
 */
final class CheckedInputStream extends FilterInputStream {

    /** Thrown, wrapped by whoever reads, when the stream grows past the size repomd.xml states. */
    static final class LongerThanStatedException extends IOException {

        private static final long serialVersionUID = 1L;

        LongerThanStatedException(String message) {
            super(message);
        }
    }

    private final Checksum expected;
    private final long expectedSize;
    private final MessageDigest digest;
    private final String label;
    private long count;

    /**
     * @param expected     the checksum to compare with, or null for none
     * @param expectedSize the size to compare with, or -1 for none
     * @param label        how the messages name what is checked: {@code ""} for the file as stored, {@code "open-"}
     *                     for its decompressed content, like repomd.xml's element names
     */
    CheckedInputStream(InputStream in, Checksum expected, long expectedSize, String label) {
        super(in);
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.digest = expected == null ? null : expected.newDigest();
        this.label = label;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            if (digest != null) {
                digest.update((byte) b);
            }
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            if (digest != null) {
                digest.update(buffer, offset, n);
            }
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must still be hashed.
        byte[] buffer = new byte[(int) Math.min(n, 8192)];
        int read = read(buffer, 0, buffer.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads what is left, so that the size and checksum cover the whole stream. */
    void drain() throws IOException {
        transferTo(OutputStream.nullOutputStream());
    }

    /** Returns a description of how the bytes read differ from what was expected, or null if they match. */
    String mismatch() {
        if (expectedSize >= 0 && count != expectedSize) {
            return label + "size mismatch: repomd.xml states " + expectedSize + " bytes, read " + count;
        }
        if (expected != null) {
            byte[] actual = digest.digest();
            if (!expected.matches(actual)) {
                return label + "checksum mismatch: repomd.xml states " + expected.type() + " " + expected.value()
                        + ", the " + (label.isEmpty() ? "file" : "content") + " has " + expected.type() + " "
                        + HexFormat.of().formatHex(actual);
            }
        }
        return null;
    }

    /** Fails with {@code CHECKSUM} when the bytes read differ from what was expected. */
    void verify(String source) throws FeedException {
        String mismatch = mismatch();
        if (mismatch != null) {
            throw new FeedException(FeedException.Kind.CHECKSUM, source, mismatch);
        }
    }

    private void counted(int n) throws LongerThanStatedException {
        count += n;
        if (expectedSize >= 0 && count > expectedSize) {
            throw new LongerThanStatedException(label + "size mismatch: repomd.xml states " + expectedSize
                    + " bytes, the " + (label.isEmpty() ? "file" : "content") + " is longer");
        }
    }
}
