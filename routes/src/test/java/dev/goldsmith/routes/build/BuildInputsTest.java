package dev.goldsmith.routes.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.goldsmith.catalog.blueprint.BlueprintReader;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.store.CatalogStore;
import dev.goldsmith.catalog.store.GitStore;
import dev.goldsmith.routes.config.GitConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildInputsTest {

    @TempDir
    Path dir;

    private void recordBuilds(GitConfig git, String image, String... versions) throws Exception {
        try (GitStore store = GitStore.open(git.repository(), git.branch(), git.authorName(), git.authorEmail())) {
            CatalogStore catalog = new CatalogStore(store);
            Instant at = Instant.parse("2026-12-03T09:00:00Z");
            catalog.importBlueprint(BlueprintReader.parse("name = \"" + image + "\"\ndistro = \"debian-12\"\n",
                    image + ".toml"), at);
            for (String version : versions) {
                catalog.recordBuild(new Manifest(image, ImageVersionId.parse(version), "debian-12", "0.0.1",
                        List.of(), new Manifest.Artifact("/srv/" + image + ".qcow2", "qcow2", "0".repeat(64), 1L),
                        "local", List.of(new Manifest.Step("provision", Duration.ofMinutes(3))), List.of(), at), at);
            }
        }
    }

    @Test
    void catalogNewestIsTheNewestVersionGitRecordsForTheImage() throws Exception {
        GitConfig git = GitConfig.defaults(dir);
        recordBuilds(git, "tiny", "2026.12.02.1", "2026.12.03.5");
        recordBuilds(git, "other", "2026.12.04.1");

        assertEquals(ImageVersionId.parse("2026.12.03.5"), BuildInputs.catalogNewest(git, "tiny"));
        assertNull(BuildInputs.catalogNewest(git, "never-built"));
    }

    @Test
    void catalogNewestIsNullWithoutARepository() throws Exception {
        assertNull(BuildInputs.catalogNewest(GitConfig.defaults(dir), "tiny"));
    }

    @Test
    void anRpmDistributionIsBuiltWithoutAptSourcesAndDebianWithThoseOfItsSuite() throws Exception {
        BuildSources bookworm = new BuildSources(URI.create("http://deb.example.org/debian"),
                List.of("deb http://deb.example.org/debian bookworm main"), "bookworm=Sat, 05 Dec 2026 09:00:00 UTC");
        List<String> asked = new ArrayList<>();
        BuildSources.Lookup lookup = suite -> {
            asked.add(suite);
            return bookworm;
        };

        BuildSources alma = BuildInputs.sources(BlueprintReader.parse("name = \"alma\"\ndistro = \"almalinux-9\"\n",
                "alma.toml"), lookup);
        BuildSources debian = BuildInputs.sources(BlueprintReader.parse("name = \"tiny\"\ndistro = \"debian-12\"\n",
                "tiny.toml"), lookup);

        assertEquals(BuildSources.none(), alma);
        assertNull(alma.mirror());
        assertEquals(bookworm, debian);
        assertEquals(List.of("bookworm"), asked, "the host's APT sources are looked up for Debian only");
    }
}
