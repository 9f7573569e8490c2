package dev.goldsmith.routes.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;

import dev.goldsmith.builders.qa.QaSuite;
import dev.goldsmith.builders.qa.QaSuiteException;
import dev.goldsmith.builders.qa.QaSuiteReader;
import dev.goldsmith.catalog.blueprint.Blueprint;
import dev.goldsmith.catalog.blueprint.Distro;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.state.ImageEntry;
import dev.goldsmith.catalog.state.VersionEntry;
import dev.goldsmith.catalog.store.CatalogStore;
import dev.goldsmith.catalog.store.CatalogStoreException;
import dev.goldsmith.catalog.store.GitStore;
import dev.goldsmith.catalog.version.VersionScheme;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.routes.config.GitConfig;
import dev.goldsmith.routes.config.GoldsmithConfig;
import dev.goldsmith.routes.config.QaSuiteConfig;

/** What a build needs besides the blueprint, looked up the same way by {@code goldsmith build} and by the service. */
public final class BuildInputs {

    private static final Map<String, String> SUITES = Map.of("debian-11", "bullseye", "debian-12", "bookworm",
            "debian-13", "trixie", "ubuntu-20.04", "focal", "ubuntu-22.04", "jammy", "ubuntu-24.04", "noble");

    private BuildInputs() {
    }

    /**
     * Returns the blueprint the catalog's Git repository holds for the image (the one rebuilds bump and pin), or
     * {@code configured} while the repository has none: the file the configuration names only seeds the catalog.
     */
    public static Blueprint newestBlueprint(GitConfig git, Blueprint configured) throws IOException {
        if (!Files.isDirectory(git.repository().resolve(".git"))) {
            return configured;
        }
        try (GitStore store = GitStore.open(git.repository(), git.branch(), git.authorName(), git.authorEmail())) {
            return new CatalogStore(store).blueprint(configured.name()).orElse(configured);
        } catch (CatalogStoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Returns the newest version of {@code image} the catalog's Git repository holds, or null when it holds none (or
     * there is no repository yet): a new version's id must come after it, whatever the artifacts directory still has.
     */
    public static ImageVersionId catalogNewest(GitConfig git, String image) throws IOException {
        if (!Files.isDirectory(git.repository().resolve(".git"))) {
            return null;
        }
        try (GitStore store = GitStore.open(git.repository(), git.branch(), git.authorName(), git.authorEmail())) {
            return newest(new CatalogStore(store).entry(image));
        }
    }

    /** Returns the newest version of the image whose catalog entry this is, or null when it has none. */
    public static ImageVersionId newest(Optional<ImageEntry> entry) {
        return entry.flatMap(ImageEntry::newest).map(VersionEntry::version).orElse(null);
    }

    /**
     * Returns the APT sources a build of {@code blueprint} uses: those {@code lookup} finds for its suite on Debian
     * and Ubuntu, none for an RPM distribution, whose vendor cloud image names the repositories it installs from.
     */
    public static BuildSources sources(Blueprint blueprint, BuildSources.Lookup lookup)
            throws IOException, FeedException, InterruptedException {
        Distro distro = Distro.parse(blueprint.distro()).orElseThrow(() -> new IllegalArgumentException(
                "unknown distro " + blueprint.distro()));
        if (distro.family().scheme() == VersionScheme.RPM) {
            return BuildSources.none();
        }
        return lookup.forSuite(aptSuite(blueprint));
    }

    /** Returns the APT suite a blueprint's distribution is built from, such as {@code bookworm}. */
    public static String aptSuite(Blueprint blueprint) {
        Distro distro = Distro.parse(blueprint.distro()).orElseThrow(() -> new IllegalArgumentException(
                "unknown distro " + blueprint.distro()));
        String suite = SUITES.get(distro.toString());
        if (suite == null) {
            throw new IllegalArgumentException(distro + " has no APT suite Goldsmith knows how to build");
        }
        return suite;
    }

    /**
     * Returns the QA suite the blueprint names, read from the file the configuration gives it, or null when the
     * blueprint names none.
     *
     * @throws IOException naming the file or the missing suite, and why
     */
    public static QaSuite qaSuite(GoldsmithConfig config, Blueprint blueprint) throws IOException {
        String name = blueprint.goldsmith().qaSuite();
        if (name == null) {
            return null;
        }
        QaSuiteConfig suite = config.qaSuites().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IOException("blueprint " + blueprint.name() + " names the QA suite '" + name
                        + "', which qa-suites does not define"));
        try {
            return QaSuiteReader.parse(Files.readString(suite.file(), StandardCharsets.UTF_8), suite.file().toString(),
                    name);
        } catch (QaSuiteException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
