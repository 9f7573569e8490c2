package dev.goldsmith.feeds.apt;

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
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.io.Compression;
import org.junit.jupiter.api.Test;

class ChecksummedInputStreamTest {

    private static final String SOURCE = "http://example.org/debian/dists/stable/main/binary-amd64/Packages.xz";
    private static final byte[] DATA = "Package: openssl\nVersion: 3.0.15-1~deb12u1\n\n".repeat(500)
            .getBytes(StandardCharsets.UTF_8);

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static InputStream checked(byte[] served, byte[] expected) throws Exception {
        return new ChecksummedInputStream(new ByteArrayInputStream(served), expected.length, sha256(expected), SOURCE);
    }

    @Test
    void passesMatchingBytesThroughAndEndsNormally() throws Exception {
        InputStream in = checked(DATA, DATA);

        byte[] read = in.readAllBytes();

        assertArrayEquals(DATA, read);
        assertEquals(-1, in.read());
    }

    @Test
    void failsAtTheEndWhenTheHashDiffers() throws Exception {
        byte[] served = DATA.clone();
        served[served.length / 2] ^= 1;
        InputStream in = checked(served, DATA);

        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class, in::readAllBytes);

        FeedException f = e.feedException();
        assertEquals(FeedException.Kind.CHECKSUM, f.kind());
        assertEquals(SOURCE + ": SHA256 mismatch: expected " + sha256(DATA) + ", got " + sha256(served),
                f.getMessage());
        assertThrows(ChecksumMismatchException.class, in::read);
    }

    @Test
    void failsAtTheEndWhenTheFileIsShort() throws Exception {
        InputStream in = checked(Arrays.copyOf(DATA, DATA.length - 1), DATA);

        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class, in::readAllBytes);

        assertEquals(SOURCE + ": size mismatch: expected " + DATA.length + " bytes, got " + (DATA.length - 1),
                e.feedException().getMessage());
    }

    @Test
    void failsAsSoonAsMoreBytesArriveThanExpected() throws Exception {
        byte[] served = Arrays.copyOf(DATA, DATA.length + 1_000_000);
        CountingStream source = new CountingStream(served);
        InputStream in = new ChecksummedInputStream(source, DATA.length, sha256(DATA), SOURCE);

        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> in.transferTo(OutputStream.nullOutputStream()));

        assertEquals(FeedException.Kind.CHECKSUM, e.feedException().kind());
        assertTrue(e.getMessage().contains("more bytes than the " + DATA.length + " expected arrived"),
                e.getMessage());
        assertTrue(source.served < DATA.length + 64 * 1024, "read " + source.served);
    }

    @Test
    void skippedBytesAreStillHashed() throws Exception {
        byte[] served = DATA.clone();
        served[10] ^= 1;
        InputStream in = checked(served, DATA);

        in.skip(100);

        assertThrows(ChecksumMismatchException.class, in::readAllBytes);
    }

    @Test
    void checksTheCompressedBytesBeneathDecompression() throws Exception {
        byte[] gz;
        try (ByteArrayOutputStream out = new ByteArrayOutputStream();
                GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(DATA);
            zip.finish();
            gz = out.toByteArray();
        }
        InputStream raw = new ChecksummedInputStream(new ByteArrayInputStream(gz), gz.length, sha256(gz), SOURCE);

        byte[] unpacked = Compression.GZIP.decompress(raw, 1 << 20, SOURCE).readAllBytes();

        assertArrayEquals(DATA, unpacked);
    }

    @Test
    void closingBeforeTheEndStillChecksTheWholeFile() throws Exception {
        byte[] served = DATA.clone();
        served[served.length - 1] ^= 1;
        InputStream in = checked(served, DATA);
        in.readNBytes(10);

        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class, in::close);

        assertTrue(e.getMessage().contains("SHA256 mismatch"), e.getMessage());
    }

    @Test
    void verifyAfterAConsumerStoppedEarlyFindsTheMismatchAndKeepsReportingIt() throws Exception {
        byte[] served = DATA.clone();
        served[served.length - 1] ^= 1;
        ChecksummedInputStream in = new ChecksummedInputStream(new ByteArrayInputStream(served), DATA.length,
                sha256(DATA), SOURCE);
        in.readNBytes(10);

        ChecksumMismatchException first = assertThrows(ChecksumMismatchException.class, in::verify);
        ChecksumMismatchException again = assertThrows(ChecksumMismatchException.class, in::verify);

        assertEquals(first.getMessage(), again.getMessage());
        assertTrue(first != again, "a fresh exception each time, so try-with-resources can suppress one");
    }

    @Test
    void verifyAndCloseAreQuietForAMatchingFile() throws Exception {
        ChecksummedInputStream in = new ChecksummedInputStream(new ByteArrayInputStream(DATA), DATA.length,
                sha256(DATA), SOURCE);

        in.verify();
        in.close();

        assertEquals(DATA.length, in.count());
    }

    @Test
    void refusesAnExpectationThatIsNotASha256() {
        assertThrows(IllegalArgumentException.class,
                () -> new ChecksummedInputStream(new ByteArrayInputStream(DATA), 1, "abc", SOURCE));
    }

    /** Serves bytes in small reads and remembers how many it handed out. */
    private static final class CountingStream extends InputStream {
        private final byte[] data;
        int served;

        CountingStream(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return served < data.length ? data[served++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (served >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 4096), data.length - served);
            System.arraycopy(data, served, b, off, n);
            served += n;
            return n;
        }
    }
}
