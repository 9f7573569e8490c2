package dev.goldsmith.routes.catalog;

import static dev.goldsmith.catalog.event.LifecycleState.REVOKED;
import static dev.goldsmith.catalog.event.LifecycleState.STABLE;
import static dev.goldsmith.catalog.event.LifecycleState.TESTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.EventType;
import dev.goldsmith.catalog.event.LifecycleState;
import dev.goldsmith.catalog.event.Events;
import dev.goldsmith.catalog.event.QaResult;
import dev.goldsmith.catalog.event.Severity;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.InstalledPackage;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.state.ImageEntry;
import dev.goldsmith.catalog.store.CatalogLoader;
import dev.goldsmith.catalog.store.CatalogStore;
import dev.goldsmith.catalog.store.GitStore;
import dev.goldsmith.catalog.version.VersionScheme;
import dev.goldsmith.routes.GoldsmithRuntime;
import dev.goldsmith.routes.RuntimeSettings;
import dev.goldsmith.routes.config.GitConfig;
import dev.goldsmith.routes.config.ImageConfig;
import dev.goldsmith.routes.config.PoliciesConfig;
import dev.goldsmith.routes.events.EventJournalRoutes;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog in the running service: it adds the configured blueprint to Git, rebuilds the catalog from HEAD, and
 * revokes the version an advisory affects once a newer stable version carries the fix, committing before it tells.
 */
class CatalogFeatureTest {

    private static final String IMAGE = "debian-12-minimal";
    private static final Path BLUEPRINT = Path.of(System.getProperty("user.dir")).getParent()
            .resolve("config/blueprints/debian-12-minimal.toml");
    private static final ImageVersionId V1 = ImageVersionId.parse("2026.12.01.1");
    private static final ImageVersionId V2 = ImageVersionId.parse("2026.12.02.1");
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String JUNIT = "<testsuite name=\"qa\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">"
            + "<testcase name=\"boots\"/></testsuite>";

    @TempDir
    Path state;

    @Test
    void advisoryFixedInTheNewerStableVersionRevokesTheOlderOneInGitAndOnTheBus() throws Exception {
        GitConfig git = GitConfig.defaults(state);
        CatalogFeature catalog = new CatalogFeature(git, List.of(new ImageConfig(IMAGE, BLUEPRINT)),
                PoliciesConfig.defaults(), Clock.fixed(T0.plus(Duration.ofDays(2)), ZoneOffset.UTC));
        try (GoldsmithRuntime runtime = GoldsmithRuntime.start(RuntimeSettings.embedded(state), List.of(catalog))) {
            assertTrue(Files.exists(git.repository().resolve("blueprints/" + IMAGE + ".toml")),
                    "the configured blueprint was added to Git at start-up");
        }
        writeTwoStableVersions(git.repository());
        NotifyBuilder revoked;
        catalog = new CatalogFeature(git, List.of(new ImageConfig(IMAGE, BLUEPRINT)), PoliciesConfig.defaults(),
                Clock.fixed(T0.plus(Duration.ofDays(2)), ZoneOffset.UTC));

        try (GoldsmithRuntime runtime = GoldsmithRuntime.start(RuntimeSettings.embedded(state), List.of(catalog))) {
            assertEquals(2, catalog.live().liveVersions(), "both stable versions were loaded from Git");
            revoked = new NotifyBuilder(runtime.camel()).fromRoute(EventJournalRoutes.ROUTE_ID)
                    .filter(e -> new String(e.getMessage().getBody(byte[].class), StandardCharsets.UTF_8)
                            .contains(EventType.IMAGE_REVOKED.cloudEventType()))
                    .whenCompleted(1).create();

            runtime.publisher().publish(new Events(Events.feedSource("debian-security"), Clock.systemUTC())
                    .advisoryPublished(advisory()));

            assertTrue(revoked.matches(60, TimeUnit.SECONDS), "image.revoked was published");
            assertEquals(REVOKED, catalog.live().entry(IMAGE).orElseThrow().version(V1).orElseThrow().state());
            assertEquals(1, catalog.live().liveVersions());
        }
        ImageEntry inGit = CatalogLoader.load(git.repository()).entry(IMAGE).orElseThrow();
        assertEquals(REVOKED, inGit.version(V1).orElseThrow().state(), "the revocation is committed");
        assertEquals(STABLE, inGit.version(V2).orElseThrow().state());
    }

    @Test
    void builtVersionThatPassesQaBecomesStableAndOneThatFailsBecomesFailed() throws Exception {
        GitConfig git = GitConfig.defaults(state);
        Instant now = T0.plus(Duration.ofDays(2));
        CatalogFeature catalog = new CatalogFeature(git, List.of(new ImageConfig(IMAGE, BLUEPRINT)),
                PoliciesConfig.defaults(), Clock.fixed(now, ZoneOffset.UTC));
        try (GoldsmithRuntime runtime = GoldsmithRuntime.start(RuntimeSettings.embedded(state), List.of(catalog))) {
            NotifyBuilder promoted = new NotifyBuilder(runtime.camel()).fromRoute(EventJournalRoutes.ROUTE_ID)
                    .filter(e -> new String(e.getMessage().getBody(byte[].class), StandardCharsets.UTF_8)
                            .contains(EventType.IMAGE_PROMOTED.cloudEventType()))
                    .whenCompleted(1).create();

            catalog.desk().built(manifest(V1, "3.0.16-1~deb12u1", T0), T0);
            catalog.desk().tested(qa(V1, 0), JUNIT, T0.plusSeconds(90), T0.plusSeconds(200));
            catalog.desk().built(manifest(V2, "3.0.16-1~deb12u1", T0.plus(Duration.ofDays(1))),
                    T0.plus(Duration.ofDays(1)));
            catalog.desk().tested(qa(V2, 1), JUNIT.replace("failures=\"0\"", "failures=\"1\""),
                    T0.plus(Duration.ofDays(1)).plusSeconds(90), T0.plus(Duration.ofDays(1)).plusSeconds(200));

            assertTrue(promoted.matches(60, TimeUnit.SECONDS), "image.promoted was published for the version that"
                    + " passed");
            ImageEntry entry = catalog.live().entry(IMAGE).orElseThrow();
            assertEquals(STABLE, entry.version(V1).orElseThrow().state());
            assertEquals(LifecycleState.FAILED, entry.version(V2).orElseThrow().state());
            assertEquals(V1, entry.channels().get("stable"), "the stable channel points at the promoted version");
            assertEquals(1, catalog.live().liveVersions(), "a failed version is not live");
        }
        ImageEntry inGit = CatalogLoader.load(git.repository()).entry(IMAGE).orElseThrow();
        assertEquals(STABLE, inGit.version(V1).orElseThrow().state());
        assertEquals(LifecycleState.FAILED, inGit.version(V2).orElseThrow().state());
        assertTrue(Files.exists(git.repository().resolve("images/" + IMAGE + "/" + V1 + "/qa.xml")));
    }

    private static Manifest manifest(ImageVersionId version, String ssl, Instant at) {
        return new Manifest(IMAGE, version, "debian-12", "0.0.1", List.of(
                new InstalledPackage("openssl", ssl, "amd64", null),
                new InstalledPackage("libssl3", ssl, "amd64", "openssl")),
                new Manifest.Artifact("/var/lib/goldsmith/" + version + ".qcow2", "qcow2", SHA, 1024), "local",
                List.of(), List.of(), at.plusSeconds(60));
    }

    private static QaResult qa(ImageVersionId version, int failures) {
        return new QaResult(IMAGE, version.toString(), "qa", 1, failures, 0, 0, "images/" + IMAGE + "/" + version
                + "/qa.xml", null);
    }

    private static AdvisoryData advisory() {
        return new AdvisoryData("DSA-5800-1", List.of("CVE-2024-12797"), Severity.HIGH, T0, T0, "debian-security",
                List.of(new AdvisoryData.AffectedPackage("debian-12", "openssl", VersionScheme.DPKG, null,
                        "3.0.16-1~deb12u1", null)));
    }

    private static void writeTwoStableVersions(Path repository) throws Exception {
        try (GitStore git = GitStore.open(repository, "main", "Goldsmith", "goldsmith@example.org")) {
            CatalogStore store = new CatalogStore(git);
            stable(store, V1, "3.0.15-1~deb12u1", T0);
            stable(store, V2, "3.0.16-1~deb12u1", T0.plus(Duration.ofDays(1)));
        }
    }

    private static void stable(CatalogStore store, ImageVersionId version, String ssl, Instant at) throws Exception {
        store.recordBuild(manifest(version, ssl, at), at);
        store.recordTransition(store.entry(IMAGE).orElseThrow().transition(version, TESTING, at.plusSeconds(61),
                "QA started"), "test");
        store.recordQa(qa(version, 0), JUNIT, at.plusSeconds(120), STABLE);
    }
}
