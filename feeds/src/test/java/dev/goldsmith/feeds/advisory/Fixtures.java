package dev.goldsmith.feeds.advisory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goldsmith.catalog.event.AdvisoryData.AffectedPackage;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.io.Compression;

/** The shared fixture files of the advisory tests, from the directory in system property goldsmith.fixtures. */
public final class Fixtures {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** Returns the fixture directory. */
    public static Path root() {
        String dir = System.getProperty("goldsmith.fixtures");
        assertNotNull(dir, "system property goldsmith.fixtures must name the fixture directory");
        Path root = Path.of(dir);
        assertTrue(Files.isDirectory(root), root + " must be a directory");
        return root;
    }

    /** Returns a file under {@code osv/}, such as {@code almalinux/almalinux8/ALSA-2024:3163.json}. */
    public static Path osv(String relative) {
        return root().resolve("osv").resolve(relative);
    }

    /** Returns a file under {@code csaf/}, such as {@code vex/CVE-2024-34500.json}. */
    public static Path csaf(String relative) {
        return root().resolve("csaf").resolve(relative);
    }

    /** Returns every regular file below {@code dir} whose name ends in {@code suffix}, sorted. */
    public static List<Path> filesBelow(Path dir, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted().toList();
        }
    }

    /** Returns the JSON of a fixture file, decompressing it if needed, as a tree a test may change. */
    public static ObjectNode tree(Path file) throws IOException {
        try (InputStream in = Compression.detectAndDecompress(Files.newInputStream(file), 64 << 20,
                file.toString())) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    /** Returns the affected packages of {@code affected} that concern {@code packageName}. */
    public static List<AffectedPackage> named(List<AffectedPackage> affected, String packageName) {
        return affected.stream().filter(a -> a.packageName().equals(packageName)).toList();
    }

    /** Asserts the kind of a feed exception and that its message holds each of {@code parts}. */
    public static void assertFeedException(FeedException e, FeedException.Kind kind, String... parts) {
        assertEquals(kind, e.kind(), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    /** Returns {@code node}'s member {@code name}, which must be an object, for a test to change. */
    public static ObjectNode object(JsonNode node, String name) {
        return (ObjectNode) node.get(name);
    }
}
