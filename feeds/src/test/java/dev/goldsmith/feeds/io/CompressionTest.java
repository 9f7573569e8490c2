package dev.goldsmith.feeds.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import com.github.luben.zstd.ZstdOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class CompressionTest {

    private static final byte[] TEXT = "Package: openssl\nVersion: 3.0.15-1~deb12u1\n\n".repeat(2000)
            .getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(Compression.class)
    void roundTripsEachCompressionByNameAndByMagic(Compression compression) throws IOException {
        byte[] packed = compress(compression, TEXT);

        assertArrayEquals(TEXT, compression.decompress(new ByteArrayInputStream(packed), 1 << 20, "t")
                .readAllBytes());
        assertArrayEquals(TEXT, Compression.detectAndDecompress(new ByteArrayInputStream(packed), 1 << 20, "t")
                .readAllBytes());
        assertEquals(compression, Compression.ofFileName("Packages" + compression.suffix()));
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void decompressionBombStopsAtTheLimitAndNamesTheSource(Compression compression) throws IOException {
        byte[] bomb = compress(compression, new byte[8 << 20]);

        SizeLimitExceededException e = assertThrows(SizeLimitExceededException.class, () -> compression
                .decompress(new ByteArrayInputStream(bomb), 1 << 20, "dists/bookworm/main/Packages.xz")
                .readAllBytes());

        assertTrue(e.getMessage().contains("dists/bookworm/main/Packages.xz"), e.getMessage());
        assertEquals(1 << 20, e.limit());
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"GZIP", "XZ", "BZIP2", "ZSTD"})
    void truncatedInputFailsInsteadOfEndingQuietly(Compression compression) throws IOException {
        byte[] packed = compress(compression, TEXT);
        byte[] truncated = Arrays.copyOf(packed, packed.length / 2);

        assertThrows(IOException.class, () -> compression
                .decompress(new ByteArrayInputStream(truncated), 1 << 20, "t").readAllBytes());
    }

    @Test
    void plainTextIsDetectedAsUncompressed() throws IOException {
        InputStream in = Compression.detectAndDecompress(new ByteArrayInputStream(TEXT), 1 << 20, "t");
        assertArrayEquals(TEXT, in.readAllBytes());
    }

    static byte[] compress(Compression compression, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = switch (compression) {
            case NONE -> bytes;
            case GZIP -> new GZIPOutputStream(bytes);
            case XZ -> new XZOutputStream(bytes, new LZMA2Options());
            case ZSTD -> new ZstdOutputStream(bytes);
            case BZIP2 -> new BZip2CompressorOutputStream(bytes);
        }) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
