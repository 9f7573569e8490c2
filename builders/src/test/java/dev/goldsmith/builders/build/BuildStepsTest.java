package dev.goldsmith.builders.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goldsmith.catalog.blueprint.BlueprintReader;
import dev.goldsmith.catalog.image.ImageVersionId;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildStepsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

    @TempDir
    Path dir;

    private BuildContext context(ImageVersionId catalogNewest) throws Exception {
        BuildRequest request = new BuildRequest("tiny", BlueprintReader.parse("""
                name = "tiny"
                distro = "debian-12"
                """, "tiny.toml"), null, URI.create("http://deb.example.org/debian"), "state-1", List.of(), List.of(),
                List.of(), null, catalogNewest);
        BuildSettings settings = BuildSettings.under(dir.resolve("state"), dir.resolve("bases"));
        return new BuildContext(request, settings, "b-1", dir.resolve("scratch"));
    }

    @Test
    void versionComesAfterTheCatalogsNewestWhenTheArtifactsDirectoryIsEmpty() throws Exception {
        BuildContext ctx = context(ImageVersionId.parse("2026.12.03.5"));

        BuildSteps.allocateVersion(ctx, TODAY);

        assertEquals(ImageVersionId.parse("2026.12.03.6"), ctx.version);
        assertTrue(Files.isDirectory(dir.resolve("state/artifacts/tiny/2026.12.03.6")));
    }

    @Test
    void versionComesAfterTheArtifactsWhenTheyAreNewerThanTheCatalog() throws Exception {
        Files.createDirectories(dir.resolve("state/artifacts/tiny/2026.12.03.7"));
        BuildContext ctx = context(ImageVersionId.parse("2026.12.03.5"));

        BuildSteps.allocateVersion(ctx, TODAY);

        assertEquals(ImageVersionId.parse("2026.12.03.8"), ctx.version);
    }

    @Test
    void versionStartsTheDayAtOneWhenTheCatalogsNewestIsFromAnEarlierDay() throws Exception {
        BuildContext ctx = context(ImageVersionId.parse("2026.11.30.4"));

        BuildSteps.allocateVersion(ctx, TODAY);

        assertEquals(ImageVersionId.parse("2026.12.03.1"), ctx.version);
    }

    @Test
    void versionStartsTheDayAtOneWithoutArtifactsOrCatalogVersions() throws Exception {
        BuildContext ctx = context(null);

        BuildSteps.allocateVersion(ctx, TODAY);

        assertEquals(ImageVersionId.parse("2026.12.03.1"), ctx.version);
    }
}
