package dev.goldsmith.feeds.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import com.github.luben.zstd.ZstdInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The compressions repository metadata comes in, each known by its file suffix and its magic bytes.
 */
public enum Compression {
    NONE(""),
    GZIP(".gz"),
    XZ(".xz"),
    ZSTD(".zst"),
    BZIP2(".bz2");

    private static final int BUFFER = 64 * 1024;

    private final String suffix;

    Compression(String suffix) {
        this.suffix = suffix;
    }

    /** Returns the file-name suffix, such as {@code .xz}; empty for {@link #NONE}. */
    public String suffix() {
        return suffix;
    }

    /** Returns the compression a file name says it has, by its suffix ({@code .zstd} counts as zstd too). */
    public static Compression ofFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".zstd")) {
            return ZSTD;
        }
        for (Compression c : values()) {
            if (c != NONE && lower.endsWith(c.suffix)) {
                return c;
            }
        }
        return NONE;
    }

    /** Returns the compression the first bytes of a stream show; {@link #NONE} when none matches. */
    public static Compression ofMagic(byte[] head, int length) {
        if (startsWith(head, length, 0x1f, 0x8b)) {
            return GZIP;
        }
        if (startsWith(head, length, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
            return XZ;
        }
        if (startsWith(head, length, 0x28, 0xb5, 0x2f, 0xfd)) {
            return ZSTD;
        }
        if (startsWith(head, length, 'B', 'Z', 'h')) {
            return BZIP2;
        }
        return NONE;
    }

    private static boolean startsWith(byte[] head, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns a stream of the decompressed bytes of {@code compressed}, which ends with an exception rather than
     * silently when the input is truncated, and fails once more than {@code maxBytes} come out.
     *
     * @param source names the input in error messages, such as a URL or a path
     */
    public InputStream decompress(InputStream compressed, long maxBytes, String source) throws IOException {
        InputStream raw = switch (this) {
            case NONE -> compressed;
            case GZIP -> new GZIPInputStream(compressed, BUFFER);
            case XZ -> new XZInputStream(new BufferedInputStream(compressed, BUFFER));
            case ZSTD -> new ZstdInputStream(new BufferedInputStream(compressed, BUFFER));
            case BZIP2 -> new BZip2CompressorInputStream(new BufferedInputStream(compressed, BUFFER), true);
        };
        return new LimitedInputStream(raw, maxBytes, source);
    }

    /** Opens {@code in}, recognising its compression by its magic bytes. */
    public static InputStream detectAndDecompress(InputStream in, long maxBytes, String source) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
        buffered.mark(8);
        byte[] head = new byte[6];
        int n = buffered.readNBytes(head, 0, head.length);
        buffered.reset();
        return ofMagic(head, n).decompress(buffered, maxBytes, source);
    }
}
