package dev.goldsmith.feeds.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.io.Compression;
import org.junit.jupiter.api.Test;

class IndexFileTest {

    private static final String SOURCE = "http://example.org/debian/dists/stable/InRelease";

    private static Release releaseListing(boolean byHash, String... paths) {
        Map<String, ReleaseFile> files = new LinkedHashMap<>();
        int i = 0;
        for (String p : paths) {
            String hash = String.format("%064x", ++i);
            files.put(p, new ReleaseFile(p, 100L * i, hash));
        }
        return new Release(SOURCE, "Example", null, "stable", "example", null, Instant.EPOCH, null,
                List.of("amd64", "arm64"), List.of("main", "contrib"), byHash, files);
    }

    @Test
    void choosesXzFromTheRealBookwormReleaseWithItsByHashPath() throws Exception {
        Release bookworm = ReleaseParserTest.realBookworm();

        IndexFile index = IndexFile.packages(bookworm, "main", "amd64");

        assertEquals(new IndexFile("main/binary-amd64/Packages.xz", 8790396,
                "9e0b5aabb2465b3d2e7a7fe27f9913846277833f7a2826e7767acccff5b588c5", Compression.XZ,
                "main/binary-amd64/by-hash/SHA256/9e0b5aabb2465b3d2e7a7fe27f9913846277833f7a2826e7767acccff5b588c5"),
                index);
        assertEquals(index.byHashPath(), index.downloadPath());
    }

    @Test
    void prefersGzipThenUncompressedWhenXzIsNotListed() throws Exception {
        Release gz = releaseListing(false, "main/binary-amd64/Packages", "main/binary-amd64/Packages.gz");
        Release plain = releaseListing(false, "main/binary-amd64/Packages", "main/binary-arm64/Packages.xz");

        IndexFile fromGz = IndexFile.packages(gz, "main", "amd64");
        IndexFile fromPlain = IndexFile.packages(plain, "main", "amd64");

        assertEquals("main/binary-amd64/Packages.gz", fromGz.path());
        assertEquals(Compression.GZIP, fromGz.compression());
        assertEquals("main/binary-amd64/Packages", fromPlain.path());
        assertEquals(Compression.NONE, fromPlain.compression());
        assertEquals(100, fromPlain.size());
        assertNull(fromPlain.byHashPath());
        assertEquals("main/binary-amd64/Packages", fromPlain.downloadPath());
    }

    @Test
    void offersNoByHashPathUnlessTheReleaseAcquiresByHash() throws Exception {
        Release release = releaseListing(true, "contrib/binary-arm64/Packages.gz");

        IndexFile index = IndexFile.packages(release, "contrib", "arm64");

        assertEquals("contrib/binary-arm64/by-hash/SHA256/" + String.format("%064x", 1), index.byHashPath());
        assertEquals(Optional.empty(), IndexFile.select(release, "contrib/binary-arm64/Sources"));
    }

    @Test
    void refusesAComponentOrArchitectureTheReleaseDoesNotOffer() {
        Release release = releaseListing(false, "main/binary-amd64/Packages.xz");

        FeedException component = assertThrows(FeedException.class,
                () -> IndexFile.packages(release, "non-free", "amd64"));
        FeedException arch = assertThrows(FeedException.class,
                () -> IndexFile.packages(release, "main", "riscv64"));

        assertEquals(FeedException.Kind.UNSUPPORTED, component.kind());
        assertEquals(SOURCE + ": Release offers no non-free/binary-amd64/Packages: components [main, contrib],"
                + " architectures [amd64, arm64]", component.getMessage());
        assertEquals(FeedException.Kind.UNSUPPORTED, arch.kind());
    }

    @Test
    void refusesAnOfferedComponentWhoseIndexIsNotListedInSha256() {
        Release release = releaseListing(false, "main/binary-amd64/Packages.xz");

        FeedException e = assertThrows(FeedException.class, () -> IndexFile.packages(release, "contrib", "arm64"));

        assertEquals(FeedException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains("lists no SHA256 for contrib/binary-arm64/Packages"), e.getMessage());
    }
}
