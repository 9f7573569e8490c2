package dev.goldsmith.feeds.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XzProcessTest {

    private static final byte[] TEXT = "Package: curl\nVersion: 7.88.1-10+deb12u8\n\n".repeat(5000)
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void commandLineNamesTheFileAfterTheEndOfOptions() {
        assertEquals(List.of("xz", "--decompress", "--stdout", "--quiet", "--", "/tmp/-rf.xz"),
                XzProcess.arguments(Path.of("/tmp/-rf.xz")), "a file name cannot pass for an option");
    }

    @Test
    void decompressesWholeFile() throws IOException {
        assumeTrue(XzProcess.available(), "the xz program is not installed");
        Path file = dir.resolve("Packages.xz");
        Files.write(file, CompressionTest.compress(Compression.XZ, TEXT));

        try (InputStream in = XzProcess.open(file, 1 << 20, "Packages.xz")) {
            assertArrayEquals(TEXT, in.readAllBytes());
        }
    }

    @Test
    void truncatedFileFailsWithWhatXzSaid() throws IOException {
        assumeTrue(XzProcess.available(), "the xz program is not installed");
        Path file = dir.resolve("Packages.xz");
        byte[] packed = CompressionTest.compress(Compression.XZ, TEXT);
        Files.write(file, Arrays.copyOf(packed, packed.length / 2));

        IOException e = assertThrows(IOException.class, () -> {
            try (InputStream in = XzProcess.open(file, 1 << 20, "Packages.xz")) {
                in.readAllBytes();
            }
        });
        assertTrue(e.getMessage().startsWith("xz exited with"), e.getMessage());
    }

    @Test
    void outputPastTheLimitFails() throws IOException {
        assumeTrue(XzProcess.available(), "the xz program is not installed");
        Path file = dir.resolve("bomb.xz");
        Files.write(file, CompressionTest.compress(Compression.XZ, new byte[4 << 20]));

        assertThrows(SizeLimitExceededException.class, () -> {
            try (InputStream in = XzProcess.open(file, 1 << 20, "bomb.xz")) {
                in.readAllBytes();
            }
        });
    }
}
