package dev.goldsmith.catalog.store;

import static dev.goldsmith.catalog.store.SampleHistory.MINIMAL;
import static dev.goldsmith.catalog.store.SampleHistory.V1;
import static dev.goldsmith.catalog.store.SampleHistory.V2;
import static dev.goldsmith.catalog.store.SampleHistory.V3;
import static dev.goldsmith.catalog.store.SampleHistory.WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.impact.ImageImpact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogLoaderTest {

    @TempDir
    Path dir;

    @Test
    void loadsEveryEntryAndOnlyTheLiveVersionsManifestsFromHead() throws Exception {
        Path repo = dir.resolve("catalog");
        SampleHistory.write(repo);

        LoadedCatalog catalog = CatalogLoader.load(repo);

        assertEquals(List.of(), catalog.problems());
        assertEquals(SampleHistory.git(repo, "rev-parse", "HEAD").strip(), catalog.commit().name());
        try (GitStore git = GitStore.open(repo, "main", "x", "x@example.org")) {
            CatalogStore store = new CatalogStore(git);
            assertEquals(store.entry(MINIMAL).orElseThrow(), catalog.entry(MINIMAL).orElseThrow());
            assertEquals(store.entry(WEB).orElseThrow(), catalog.entry(WEB).orElseThrow());
            assertEquals(store.manifest(MINIMAL, V2).orElseThrow(), catalog.liveManifests().get(0));
        }
        assertEquals(List.of(MINIMAL + " " + V2, WEB + " " + V1, WEB + " " + V3), live(catalog),
                "2026.12.01.1 of minimal is revoked and 2026.12.03.1 of web failed: neither is live");
    }

    @Test
    void bareCloneLoadsTheSameCatalog() throws Exception {
        Path repo = dir.resolve("catalog");
        SampleHistory.write(repo);
        SampleHistory.git(dir, "clone", "-q", "--bare", repo.toString(), dir.resolve("clone.git").toString());

        LoadedCatalog original = CatalogLoader.load(repo);
        LoadedCatalog clone = CatalogLoader.load(dir.resolve("clone.git"));

        assertEquals(original, clone);
    }

    @Test
    void loadedManifestsFeedTheImpactIndex() throws Exception {
        Path repo = dir.resolve("catalog");
        SampleHistory.write(repo);

        List<ImageImpact> impact = CatalogLoader.load(repo).impactIndex().packagesPublished(List.of(new PackageData(
                "bookworm-security", "debian-12", "openssh-server", "1:9.2p1-2+deb12u7", "amd64", "openssh",
                "1:9.2p1-2+deb12u7", new PackageData.PackageFile("pool/o.deb", 1, SampleHistory.SHA))));

        assertEquals(List.of(MINIMAL + " " + V2, WEB + " " + V1, WEB + " " + V3), impact.stream()
                .map(i -> i.image().image() + " " + i.image().version()).sorted().toList());
    }

    @Test
    void brokenFilesAreReportedWithPathAndReasonAndTheRestLoads() throws Exception {
        Path repo = dir.resolve("catalog");
        SampleHistory.write(repo);
        try (GitStore git = GitStore.open(repo, "main", "Someone", "someone@example.org")) {
            CatalogStore store = new CatalogStore(git);
            String web = store.entry(WEB).orElseThrow().toJson();
            Manifest minimal = store.manifest(MINIMAL, V2).orElseThrow();
            git.commit("hand edits", "", Map.of(
                    "catalog/debian-12-broken.json", "{ \"image\": \"debian-12-broken\", ",
                    "catalog/debian-12-other.json", web,
                    "catalog/debian-12-invalid.json", web.replace("\"debian-12-web\"", "\"debian-12-invalid\"")
                            .replace("\"stable\"", "\"nonsense\""),
                    "images/debian-12-web/2026.12.04.1/manifest.json", minimal.toJson(),
                    "images/debian-12-web/2026.12.01.1/manifest.json", "not json"), List.of());
        }

        LoadedCatalog catalog = CatalogLoader.load(repo);

        Map<String, String> problems = new TreeMap<>();
        catalog.problems().forEach(p -> problems.put(p.path(), p.reason()));
        assertEquals(List.of("catalog/debian-12-broken.json", "catalog/debian-12-invalid.json",
                "catalog/debian-12-other.json", "images/debian-12-web/2026.12.01.1/manifest.json",
                "images/debian-12-web/2026.12.04.1/manifest.json"), List.copyOf(problems.keySet()));
        assertTrue(problems.get("catalog/debian-12-broken.json").startsWith("not a valid catalog entry"),
                problems.toString());
        assertTrue(problems.get("catalog/debian-12-invalid.json").contains("nonsense"), problems.toString());
        assertEquals("holds the entry of image 'debian-12-web'", problems.get("catalog/debian-12-other.json"));
        assertTrue(problems.get("images/debian-12-web/2026.12.01.1/manifest.json").startsWith("not a valid image"
                + " manifest"), problems.toString());
        assertEquals("holds the manifest of debian-12-minimal 2026.12.03.1",
                problems.get("images/debian-12-web/2026.12.04.1/manifest.json"));
        assertEquals(List.of(MINIMAL, WEB), List.copyOf(catalog.entries().keySet()));
        assertEquals(List.of(MINIMAL + " " + V2), live(catalog));
    }

    @Test
    void liveVersionWithoutManifestIsAProblem() throws Exception {
        Path repo = dir.resolve("catalog");
        SampleHistory.write(repo);
        SampleHistory.git(repo, "rm", "-q", "images/debian-12-minimal/2026.12.03.1/manifest.json");
        SampleHistory.git(repo, "-c", "user.name=x", "-c", "user.email=x@example.org", "commit", "-q", "-m", "lose");

        LoadedCatalog catalog = CatalogLoader.load(repo);

        assertEquals(List.of(new LoadProblem("images/debian-12-minimal/2026.12.03.1/manifest.json",
                "missing, but debian-12-minimal 2026.12.03.1 is stable")), catalog.problems());
        assertEquals(2, catalog.entries().size());
    }

    @Test
    void emptyRepositoryLoadsAnEmptyCatalog() throws Exception {
        try (GitStore git = GitStore.open(dir.resolve("empty"), "main", "x", "x@example.org")) {
            LoadedCatalog catalog = CatalogLoader.load(dir.resolve("empty"));

            assertNull(catalog.commit());
            assertTrue(catalog.entries().isEmpty() && catalog.liveManifests().isEmpty());
        }
    }

    private static List<String> live(LoadedCatalog catalog) {
        return catalog.liveManifests().stream().map(m -> m.image() + " " + m.version()).toList();
    }
}
