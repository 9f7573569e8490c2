package dev.goldsmith.feeds.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageSnapshotTest {

    private static final PackageEntry OPENSSL_OLD =
            new PackageEntry("openssl", "3.0.15-1~deb12u1", "amd64", null, null);
    private static final PackageEntry OPENSSL_NEW =
            new PackageEntry("openssl", "3.0.16-1~deb12u1", "amd64", null, null);
    private static final PackageEntry LIBSSL =
            new PackageEntry("libssl3", "3.0.16-1~deb12u1", "amd64", "openssl", "3.0.16-1~deb12u1");

    @TempDir
    Path dir;

    @Test
    void entriesMissingFromTheNewerSnapshotAreTheWithdrawnOnes() {
        PackageSnapshot before = PackageSnapshot.of("debian-12", List.of(OPENSSL_OLD, LIBSSL));
        PackageSnapshot after = PackageSnapshot.of("debian-12", List.of(OPENSSL_NEW, LIBSSL));

        assertEquals(List.of(OPENSSL_OLD), before.missingFrom(after));
        assertEquals(List.of(OPENSSL_NEW), after.missingFrom(before), "what the old one lacks was published");
        assertTrue(after.contains(new PackageEntry("libssl3", "3.0.16-1~deb12u1", "amd64", null, null)),
                "source fields do not take part in identity");
    }

    @Test
    void writesAndReadsBackEveryEntryWithItsSource() throws IOException {
        PackageSnapshot snapshot = PackageSnapshot.of("debian-12", List.of(OPENSSL_OLD, OPENSSL_NEW, LIBSSL));
        Path file = dir.resolve("feeds/bookworm/packages.snapshot.gz");

        snapshot.write(file);
        PackageSnapshot read = PackageSnapshot.read(file);

        assertEquals(3, read.size());
        assertEquals("debian-12", read.distribution());
        PackageEntry libssl = read.entries().stream().filter(e -> e.name().equals("libssl3")).findFirst().orElseThrow();
        assertEquals("openssl", libssl.sourceName());
        assertEquals("3.0.16-1~deb12u1", libssl.sourceVersion());
        assertFalse(Files.exists(file.resolveSibling(file.getFileName() + ".tmp")), "no temporary file is left");
    }

    @Test
    void missingFileReadsAsEmptyAndForeignFileIsRefused() throws IOException {
        assertEquals(0, PackageSnapshot.read(dir.resolve("absent.gz")).size());

        Path foreign = dir.resolve("foreign.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(foreign))) {
            out.write("Package: openssl\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        IOException e = assertThrows(IOException.class, () -> PackageSnapshot.read(foreign));
        assertTrue(e.getMessage().contains("not a Goldsmith package snapshot"), e.getMessage());
    }
}
