package dev.goldsmith.builders.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import dev.goldsmith.catalog.image.ImageVersionId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactRetentionTest {

    @TempDir
    Path artifacts;

    @Test
    void versionsBeyondTheNewestKeptAreDeletedUnlessStillLive() throws Exception {
        for (String v : List.of("2026.11.30.1", "2026.12.01.1", "2026.12.02.1", "2026.12.02.2", "2026.12.03.1")) {
            Path dir = Files.createDirectories(artifacts.resolve("web").resolve(v));
            Files.writeString(dir.resolve("web.qcow2"), "disk");
        }
        Files.createDirectories(artifacts.resolve("web/notes"));

        List<ImageVersionId> deleted = new ArtifactRetention(artifacts).prune("web", 2,
                Set.of(ImageVersionId.parse("2026.12.01.1")));

        assertEquals(List.of(ImageVersionId.parse("2026.11.30.1"), ImageVersionId.parse("2026.12.02.1")), deleted);
        assertTrue(Files.exists(artifacts.resolve("web/2026.12.01.1/web.qcow2")), "a live version stays");
        assertTrue(Files.exists(artifacts.resolve("web/2026.12.03.1/web.qcow2")));
        assertTrue(Files.exists(artifacts.resolve("web/2026.12.02.2/web.qcow2")));
        assertFalse(Files.exists(artifacts.resolve("web/2026.12.02.1")));
        assertTrue(Files.isDirectory(artifacts.resolve("web/notes")), "what is not a version is not touched");
    }

    @Test
    void onlyTheNewestFailedBuildsKeepTheirConsoles() throws Exception {
        for (int i = 10; i < 10 + ArtifactRetention.FAILED_KEPT + 2; i++) {
            Path dir = Files.createDirectories(artifacts.resolve("web/failed-builds/20261203-1200" + i + "-ab12"));
            Files.writeString(dir.resolve("build.console"), "boot");
        }

        new ArtifactRetention(artifacts).prune("web", 3, Set.of());

        try (var builds = Files.list(artifacts.resolve("web/failed-builds"))) {
            assertEquals(ArtifactRetention.FAILED_KEPT, builds.count());
        }
        assertFalse(Files.exists(artifacts.resolve("web/failed-builds/20261203-120010-ab12")), "the oldest goes");
        assertTrue(Files.exists(artifacts.resolve("web/failed-builds/20261203-120021-ab12")), "the newest stays");
    }

    @Test
    void imageWithoutArtifactsOrAnEscapingNameDeletesNothing() throws Exception {
        Files.createDirectories(artifacts.getParent().resolve("outside/2026.12.01.1"));
        Files.createDirectories(artifacts.getParent().resolve("outside/2026.12.02.1"));
        ArtifactRetention retention = new ArtifactRetention(artifacts);

        assertEquals(List.of(), retention.prune("never-built", 1, Set.of()));
        assertEquals(List.of(), retention.prune("../outside", 1, Set.of()));
        assertTrue(Files.exists(artifacts.getParent().resolve("outside/2026.12.01.1")));
        assertThrows(IllegalArgumentException.class, () -> retention.prune("web", 0, Set.of()));
    }
}
