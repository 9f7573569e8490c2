package dev.goldsmith.catalog.store;

import static dev.goldsmith.catalog.event.LifecycleState.BUILT;
import static dev.goldsmith.catalog.event.LifecycleState.DEPRECATED;
import static dev.goldsmith.catalog.event.LifecycleState.FAILED;
import static dev.goldsmith.catalog.event.LifecycleState.REVOKED;
import static dev.goldsmith.catalog.event.LifecycleState.STABLE;
import static dev.goldsmith.catalog.event.LifecycleState.TESTING;
import static dev.goldsmith.catalog.store.SampleHistory.MINIMAL;
import static dev.goldsmith.catalog.store.SampleHistory.NEW_SSL;
import static dev.goldsmith.catalog.store.SampleHistory.OLD_SSL;
import static dev.goldsmith.catalog.store.SampleHistory.PASSED_XML;
import static dev.goldsmith.catalog.store.SampleHistory.V1;
import static dev.goldsmith.catalog.store.SampleHistory.V2;
import static dev.goldsmith.catalog.store.SampleHistory.at;
import static dev.goldsmith.catalog.store.SampleHistory.blueprint;
import static dev.goldsmith.catalog.store.SampleHistory.failedBuild;
import static dev.goldsmith.catalog.store.SampleHistory.manifest;
import static dev.goldsmith.catalog.store.SampleHistory.qa;
import static dev.goldsmith.catalog.store.SampleHistory.ssl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.goldsmith.catalog.blueprint.Blueprint;
import dev.goldsmith.catalog.blueprint.PackageSpec;
import dev.goldsmith.catalog.event.LifecycleState;
import dev.goldsmith.catalog.event.QaResult;
import dev.goldsmith.catalog.image.FailedBuild;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.image.PackageLock;
import dev.goldsmith.catalog.policy.Decision;
import dev.goldsmith.catalog.policy.Policies;
import dev.goldsmith.catalog.policy.PolicyEngine;
import dev.goldsmith.catalog.state.ImageEntry;
import dev.goldsmith.catalog.state.StateChange;
import dev.goldsmith.catalog.state.VersionEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogStoreTest {

    @TempDir
    Path dir;

    private Path repo;
    private GitStore git;
    private CatalogStore store;

    @BeforeEach
    void open() throws Exception {
        repo = dir.resolve("catalog");
        git = GitStore.open(repo, "main", "Goldsmith", "goldsmith@example.org");
        store = new CatalogStore(git);
    }

    @AfterEach
    void close() {
        git.close();
    }

    @Test
    void importingABlueprintCommitsItAloneUnderItsImageName() throws Exception {
        store.importBlueprint(blueprint(MINIMAL), at(1, 8, 0));

        assertEquals("debian-12-minimal: add blueprint\n", git("log", "--format=%s"));
        assertEquals("blueprints/debian-12-minimal.toml\n", git("ls-files"));
        assertEquals(blueprint(MINIMAL), store.blueprint(MINIMAL).orElseThrow());
        assertThrows(CatalogStoreException.class, () -> store.importBlueprint(blueprint(MINIMAL), at(1, 8, 1)),
                "a second import would overwrite the blueprint the builds changed");
    }

    @Test
    void rebuildCommitsBumpedBlueprintLockManifestAndEntryInOneCommitWithTrailers() throws Exception {
        firstBuildStable();
        Manifest rebuilt = manifest(MINIMAL, V2, NEW_SSL, null, at(3, 10, 25), List.of(ssl("openssl")));

        store.recordBuild(rebuilt, at(3, 10, 0));

        assertEquals("debian-12-minimal 2026.12.03.1: rebuilt for DSA-5800-1 (openssl 3.0.15-1~deb12u1 → "
                + "3.0.16-1~deb12u1)\n", git("log", "-1", "--format=%s"));
        assertEquals("""
                Image: debian-12-minimal
                Version: 2026.12.03.1
                Triggered-By: DSA-5800-1
                Fixes: DSA-5800-1 CVE-2024-12797 CVE-2024-13176
                Transition: building -> built
                Blueprint: 1.0.4 -> 1.0.5

                """, git("log", "-1", "--format=%(trailers)"));
        assertEquals("""
                blueprints/debian-12-minimal.toml
                catalog/debian-12-minimal.json
                images/debian-12-minimal/2026.12.03.1/lock.toml
                images/debian-12-minimal/2026.12.03.1/manifest.json
                """, git("show", "--format=", "--name-only", "HEAD"));
        assertEquals("2026-12-03T10:25:00+00:00\n", git("log", "-1", "--format=%aI"), "dated when the build finished");

        Blueprint blueprint = store.blueprint(MINIMAL).orElseThrow();
        assertEquals("1.0.5", blueprint.version(), "1.0.3 imported, 1.0.4 for the first build, 1.0.5 now");
        assertEquals(List.of(new PackageSpec("openssl", NEW_SSL), new PackageSpec("openssh-server", "*")),
                blueprint.packages(), "the exact pin moves to the version built, the glob stays");
        assertEquals(rebuilt, store.manifest(MINIMAL, V2).orElseThrow());
        assertEquals(PackageLock.of(rebuilt), PackageLock.fromToml(Files.readString(
                repo.resolve("images/debian-12-minimal/2026.12.03.1/lock.toml")), "lock.toml"));
        VersionEntry v2 = store.entry(MINIMAL).orElseThrow().version(V2).orElseThrow();
        assertEquals(BUILT, v2.state());
        assertEquals(at(3, 10, 0), v2.created());
    }

    @Test
    void packageUpdateWithoutAdvisoryIsTriggeredByThePackage() throws Exception {
        firstBuildStable();

        store.recordBuild(manifest(MINIMAL, V2, OLD_SSL, null, at(3, 10, 25), List.of(new Manifest.Trigger(
                "base-files", "12.4+deb12u7", "12.4+deb12u8", List.of(), List.of(), null))), at(3, 10, 0));

        assertEquals("debian-12-minimal 2026.12.03.1: rebuilt for updated packages (base-files 12.4+deb12u7 → "
                + "12.4+deb12u8)\n", git("log", "-1", "--format=%s"));
        assertEquals("package base-files 12.4+deb12u8\n\n", git("log", "-1",
                "--format=%(trailers:key=Triggered-By,valueonly)"));
        assertEquals("\n", git("log", "-1", "--format=%(trailers:key=Fixes,valueonly)"));
    }

    @Test
    void qaPassCommitsTheReportPromotesAndTagsWithTheFixes() throws Exception {
        firstBuildStable();
        store.recordBuild(manifest(MINIMAL, V2, NEW_SSL, null, at(3, 10, 25), List.of(ssl("openssl"))),
                at(3, 10, 0));
        SampleHistory.toTesting(store, MINIMAL, V2, at(3, 10, 26));

        store.recordQa(qa(MINIMAL, V2, 3, 0), PASSED_XML, at(3, 10, 50), STABLE);

        assertEquals("debian-12-minimal 2026.12.03.1: QA passed (3 tests, 0 failures, 0 errors, 0 skipped), promoted"
                + " to stable\n", git("log", "-1", "--format=%s"));
        assertEquals("""
                Image: debian-12-minimal
                Version: 2026.12.03.1
                QA: passed (suite debian-base: 3 tests, 0 failures, 0 errors, 0 skipped)
                Transition: testing -> stable

                """, git("log", "-1", "--format=%(trailers)"));
        assertEquals(PASSED_XML, Files.readString(repo.resolve("images/debian-12-minimal/2026.12.03.1/qa.xml")));
        assertEquals(STABLE, store.entry(MINIMAL).orElseThrow().version(V2).orElseThrow().state());
        String tag = git("tag", "-l", "--format=%(contents)", "debian-12-minimal/2026.12.03.1");
        assertTrue(tag.startsWith("debian-12-minimal 2026.12.03.1 published\n"), tag);
        assertTrue(tag.contains("Fixes DSA-5800-1 CVE-2024-12797 CVE-2024-13176."), tag);
        assertTrue(tag.contains("openssl 3.0.15-1~deb12u1 → 3.0.16-1~deb12u1"), tag);
        assertEquals(git("rev-parse", "HEAD"), git("rev-parse", "debian-12-minimal/2026.12.03.1^{commit}"));
    }

    @Test
    void qaWithoutDecisionRecordsOnlyTheOutcomeAndLeavesTheStateToThePolicy() throws Exception {
        firstBuildStable();
        store.recordBuild(manifest(MINIMAL, V2, NEW_SSL, null, at(3, 10, 25), List.of(ssl("openssl"))),
                at(3, 10, 0));
        SampleHistory.toTesting(store, MINIMAL, V2, at(3, 10, 26));
        String entryBefore = store.entry(MINIMAL).orElseThrow().toJson();

        store.recordQa(new QaResult(MINIMAL, V2.toString(), "debian-base", 3, 1, 0, 0, null, "nginx-serves failed"),
                SampleHistory.FAILED_XML, at(3, 10, 50), null);

        assertEquals("images/debian-12-minimal/2026.12.03.1/qa.xml\n", git("show", "--format=", "--name-only"));
        assertEquals("failed (suite debian-base: 3 tests, 1 failures, 0 errors, 0 skipped)\n\n",
                git("log", "-1", "--format=%(trailers:key=QA,valueonly)%(trailers:key=Transition,valueonly)"));
        assertEquals(entryBefore, store.entry(MINIMAL).orElseThrow().toJson());
        assertEquals("", git("tag", "-l", "debian-12-minimal/2026.12.03.1"));
    }

    @Test
    void qaPassWithoutDecisionNotesThePassInTheEntryAndKeepsTheState() throws Exception {
        firstBuildStable();
        store.recordBuild(manifest(MINIMAL, V2, NEW_SSL, null, at(3, 10, 25), List.of(ssl("openssl"))),
                at(3, 10, 0));
        SampleHistory.toTesting(store, MINIMAL, V2, at(3, 10, 26));

        store.recordQa(qa(MINIMAL, V2, 3, 0), PASSED_XML, at(3, 10, 50), null);

        VersionEntry tested = store.entry(MINIMAL).orElseThrow().version(V2).orElseThrow();
        assertEquals(TESTING, tested.state());
        assertEquals(at(3, 10, 50), tested.qaPassed());
        assertEquals("catalog/debian-12-minimal.json\nimages/debian-12-minimal/2026.12.03.1/qa.xml\n",
                git("show", "--format=", "--name-only"));
        assertEquals("", git("log", "-1", "--format=%(trailers:key=Transition,valueonly)").strip());
    }

    @Test
    void promotionByThePolicyEngineIsRecordedWithTheChannelsItPublished() throws Exception {
        testedAndPassed();
        ImageEntry entry = store.entry(MINIMAL).orElseThrow();
        Decision promoted = new PolicyEngine(Policies.defaults(), image -> List.of())
                .promote(entry, V2, "alice", "soak cut short for DSA-5800-1", at(3, 12, 0));

        store.recordTransition(promoted.moved().orElseThrow(), "operator alice");

        assertEquals(Map.of("stable", V2, "latest", V2), store.entry(MINIMAL).orElseThrow().channels());
        assertEquals("""
                Image: debian-12-minimal
                Version: 2026.12.03.1
                Transition: testing -> stable
                Channel: stable 2026.12.01.1 -> 2026.12.03.1
                Channel: latest none -> 2026.12.03.1
                Actor: operator alice

                """, git("log", "-1", "--format=%(trailers)"));
        assertEquals(git("rev-parse", "HEAD"), git("rev-parse", "debian-12-minimal/2026.12.03.1^{commit}"));
    }

    @Test
    void promotionComputedBeforeAChannelMovedIsRefused() throws Exception {
        testedAndPassed();
        ImageEntry entry = store.entry(MINIMAL).orElseThrow();
        Decision promoted = new PolicyEngine(Policies.defaults(), image -> List.of())
                .promote(entry, V2, "alice", "soak cut short", at(3, 12, 0));
        store.recordChannel(entry.point("latest", V1).orElseThrow(), "operator bob", at(3, 11, 30));
        String head = git("rev-parse", "HEAD");

        CatalogStoreException stale = assertThrows(CatalogStoreException.class,
                () -> store.recordTransition(promoted.moved().orElseThrow(), "operator alice"));

        assertTrue(stale.getMessage().contains("is not the entry the change was computed from"), stale.getMessage());
        assertEquals(head, git("rev-parse", "HEAD"));
    }

    @Test
    void qaReportThatIsNotJunitXmlIsRefused() throws Exception {
        firstBuildStable();
        String head = git("rev-parse", "HEAD");

        for (String xml : List.of("<testsuite name='x'>", "<html/>", "", "<!DOCTYPE x [<!ENTITY e SYSTEM "
                + "'file:///etc/passwd'>]><testsuite>&e;</testsuite>")) {
            assertThrows(CatalogStoreException.class, () -> store.recordQa(qa(MINIMAL, V1, 3, 0), xml, at(1, 10, 0),
                    null), xml);
        }
        assertEquals(head, git("rev-parse", "HEAD"));
    }

    @Test
    void revokingTheVersionAChannelPointsAtMovesTheChannelAndSaysSo() throws Exception {
        firstBuildStable();
        store.recordBuild(manifest(MINIMAL, V2, NEW_SSL, null, at(3, 10, 25), List.of(ssl("openssl"))),
                at(3, 10, 0));
        SampleHistory.toTesting(store, MINIMAL, V2, at(3, 10, 26));
        store.recordQa(qa(MINIMAL, V2, 3, 0), PASSED_XML, at(3, 10, 50), STABLE);
        store.recordChannel(store.entry(MINIMAL).orElseThrow().point("stable", V2).orElseThrow(), "operator alice",
                at(3, 11, 0));

        SampleHistory.move(store, MINIMAL, V2, REVOKED, at(5, 9, 0), "DSA-5811-1 affects 2026.12.03.1",
                "operator alice");

        assertEquals("debian-12-minimal 2026.12.03.1: revoked (DSA-5811-1 affects 2026.12.03.1)\n",
                git("log", "-1", "--format=%s"));
        assertEquals("""
                Image: debian-12-minimal
                Version: 2026.12.03.1
                Transition: stable -> revoked
                Channel: stable 2026.12.03.1 -> 2026.12.01.1
                Actor: operator alice

                """, git("log", "-1", "--format=%(trailers)"));
        assertEquals(Map.of("stable", V1), store.entry(MINIMAL).orElseThrow().channels());
        assertEquals("debian-12-minimal: channel stable -> 2026.12.03.1 (was 2026.12.01.1)\n",
                git("log", "-1", "--skip=1", "--format=%s"));
    }

    @Test
    void transitionComputedFromAnEntryThatIsNoLongerAtHeadIsRefused() throws Exception {
        firstBuildStable();
        ImageEntry old = store.entry(MINIMAL).orElseThrow();
        SampleHistory.move(store, MINIMAL, V1, REVOKED, at(2, 9, 0), "DSA-5799-1", "operator alice");
        String head = git("rev-parse", "HEAD");

        ImageEntry.Moved fromOld = old.transition(V1, DEPRECATED, at(2, 10, 0), "superseded");

        CatalogStoreException stale = assertThrows(CatalogStoreException.class,
                () -> store.recordTransition(fromOld, "policy deprecate"));

        assertTrue(stale.getMessage().contains("catalog/debian-12-minimal.json at HEAD is not the entry"),
                stale.getMessage());
        assertEquals(head, git("rev-parse", "HEAD"));
    }

    @Test
    void failedBuildIsRecordedAsAFailedVersionInOneCommitThatSaysWhyAndWhereTheConsolesAre() throws Exception {
        firstBuildStable();
        String blueprintBefore = Files.readString(repo.resolve("blueprints/debian-12-minimal.toml"));

        CatalogStore.FailedVersion recorded = store.recordFailedBuild(failedBuild(MINIMAL, null, at(3, 10, 12),
                List.of(ssl("openssl"))));

        assertEquals(V2, recorded.version(), "the next id after 2026.12.01.1 on the day the build gave up");
        assertEquals(git("rev-parse", "HEAD").strip(), recorded.commit().name());
        assertEquals("""
                debian-12-minimal 2026.12.03.1: build failed at provisioning step packages (exit status 100: E: \
                Unable to locate package openssl)

                openssl 3.0.15-1~deb12u1 → 3.0.16-1~deb12u1: DSA-5800-1 CVE-2024-12797 CVE-2024-13176

                Build 20261203-101500-3fa9 failed at provisioning step packages (build step report) after 12m, exit \
                status 100.
                Blueprint 1.0.4.
                Consoles kept in /var/lib/goldsmith/artifacts/debian-12-minimal/failed-builds/20261203-101500-3fa9

                    Reading package lists...
                    E: Unable to locate package openssl

                Image: debian-12-minimal
                Version: 2026.12.03.1
                Triggered-By: DSA-5800-1
                Fixes: DSA-5800-1 CVE-2024-12797 CVE-2024-13176
                Transition: building -> failed

                """, git("log", "-1", "--format=%B"));
        assertEquals("""
                Image: debian-12-minimal
                Version: 2026.12.03.1
                Triggered-By: DSA-5800-1
                Fixes: DSA-5800-1 CVE-2024-12797 CVE-2024-13176
                Transition: building -> failed

                """, git("log", "-1", "--format=%(trailers)"), "git reads the trailers, not the quoted output");
        assertEquals("catalog/debian-12-minimal.json\n", git("show", "--format=", "--name-only", "HEAD"),
                "no manifest, lock, QA report or blueprint change");
        assertEquals("2026-12-03T10:12:00+00:00\n", git("log", "-1", "--format=%aI"), "dated when it gave up");
        assertEquals("", git("tag", "-l", "debian-12-minimal/2026.12.03.1"));

        ImageEntry entry = store.entry(MINIMAL).orElseThrow();
        VersionEntry failed = entry.version(V2).orElseThrow();
        assertEquals(FAILED, failed.state());
        assertEquals(List.of(new StateChange(null, LifecycleState.BUILDING, at(3, 10, 0),
                        "build 20261203-101500-3fa9 started"), new StateChange(LifecycleState.BUILDING, FAILED,
                        at(3, 10, 12), "build failed at provisioning step packages (exit status 100: E: Unable to"
                        + " locate package openssl)")), failed.history());
        assertEquals(Map.of("stable", V1), entry.channels(), "channels stay where they were");
        assertEquals(blueprintBefore, Files.readString(repo.resolve("blueprints/debian-12-minimal.toml")));
        LoadedCatalog loaded = CatalogLoader.load(repo);
        assertEquals(List.of(), loaded.problems(), "a failed version needs no manifest");
        assertEquals(List.of(V1), loaded.liveManifests().stream().map(Manifest::version).toList());
    }

    @Test
    void failedVersionKeepsTheIdTheBuildHadTakenOrTakesTheNextAfterTheNewestRecorded() throws Exception {
        firstBuildStable();
        ImageVersionId taken = ImageVersionId.parse("2026.12.03.4");

        ImageVersionId kept = store.recordFailedBuild(failedBuild(MINIMAL, taken, at(3, 11, 0), List.of()))
                .version();
        ImageVersionId afterFailed = store.recordFailedBuild(failedBuild(MINIMAL, V1, at(3, 12, 0), List.of()))
                .version();
        ImageVersionId nextDay = store.recordFailedBuild(failedBuild(MINIMAL, null, at(4, 0, 30), List.of()))
                .version();

        assertEquals(taken, kept, "the build's log lines name the id it took, and so does Git");
        assertEquals(ImageVersionId.parse("2026.12.03.5"), afterFailed, "an id the entry holds is not given again");
        assertEquals(ImageVersionId.parse("2026.12.04.1"), nextDay);
        assertEquals("blueprint 1.0.4\n\n", git("log", "-1", "--format=%(trailers:key=Triggered-By,valueonly)"),
                "without triggers, the blueprint it was built from");
        assertThrows(CatalogStoreException.class, () -> store.recordBuild(manifest(MINIMAL, nextDay, NEW_SSL,
                null, at(4, 1, 0), List.of()), at(4, 0, 40)), "a failed version's id is not given again");
    }

    @Test
    void failedFirstBuildIsTriggeredByBeingTheFirstAndSaysWhenNoConsoleWasKept() throws Exception {
        store.importBlueprint(blueprint(MINIMAL), at(1, 8, 0));
        FailedBuild lost = new FailedBuild(MINIMAL, "20261201-085000-0001", "1.0.3", "build-vm", null, null,
                "libvirt host test\nwas lost", "", List.of(), null, at(1, 8, 50), at(1, 9, 0), null);

        store.recordFailedBuild(lost);

        assertEquals("debian-12-minimal 2026.12.01.1: build failed at step build-vm (libvirt host test was lost)\n",
                git("log", "-1", "--format=%s"));
        assertEquals("first build\n\n", git("log", "-1", "--format=%(trailers:key=Triggered-By,valueonly)"));
        assertEquals("\n", git("log", "-1", "--format=%(trailers:key=Fixes,valueonly)"));
        String body = git("log", "-1", "--format=%b");
        assertTrue(body.contains("Build 20261201-085000-0001 failed at step build-vm after 10m.\n"), body);
        assertTrue(body.contains("No console was kept.\n"), body);
    }

    @Test
    void buildsThatDoNotFitTheRepositoryAreRefused() throws Exception {
        assertThrows(CatalogStoreException.class, () -> store.recordBuild(manifest(MINIMAL, V1, OLD_SSL, null,
                at(1, 9, 20), List.of()), at(1, 9, 0)), "no blueprint yet");
        firstBuildStable();
        String head = git("rev-parse", "HEAD");

        assertThrows(CatalogStoreException.class, () -> store.recordBuild(manifest(MINIMAL, V1, OLD_SSL, null,
                at(1, 9, 20), List.of()), at(1, 9, 0)), "version recorded already");
        Manifest withoutOpenssl = new Manifest(MINIMAL, V2, "debian-12", "1.0.4", List.of(), manifest(MINIMAL, V2,
                OLD_SSL, null, at(3, 0, 0), List.of()).artifact(), "local", List.of(), List.of(), at(3, 0, 0));
        CatalogStoreException unpinned = assertThrows(CatalogStoreException.class,
                () -> store.recordBuild(withoutOpenssl, at(3, 0, 0)));
        assertTrue(unpinned.getMessage().contains("pins openssl"), unpinned.getMessage());
        assertEquals(head, git("rev-parse", "HEAD"));
    }

    @Test
    void hostileImageNamesAndVersionsAreRefusedBeforeAnythingIsWritten() throws Exception {
        firstBuildStable();
        String head = git("rev-parse", "HEAD");
        List<String> hostile = List.of("../x", "a/b", ".git", "x\ny", "x\rFixes: CVE-0000-0000", "..", "x.lock",
                "-rf", "a b", "", "é");

        for (String name : hostile) {
            Blueprint blueprint = blueprint(MINIMAL);
            Blueprint renamed = new Blueprint(name, blueprint.description(), blueprint.version(), blueprint.distro(),
                    blueprint.packages(), blueprint.groups(), blueprint.customizations(), blueprint.goldsmith());
            assertThrows(IllegalArgumentException.class, () -> store.importBlueprint(renamed, at(2, 0, 0)), name);
            if (!name.isEmpty()) {
                assertThrows(IllegalArgumentException.class, () -> store.recordBuild(manifest(name, V2, OLD_SSL,
                        null, at(3, 0, 0), List.of()), at(3, 0, 0)), name);
                assertThrows(IllegalArgumentException.class, () -> store.recordQa(qa(name, V1, 3, 0), PASSED_XML,
                        at(3, 0, 0), null), name);
                ImageEntry.Moved moved = new ImageEntry(name, List.of(VersionEntry.started(V1, BUILT, at(1, 0, 0),
                        "built")), Map.of()).transition(V1, TESTING, at(3, 0, 0), "QA started");
                assertThrows(IllegalArgumentException.class, () -> store.recordTransition(moved, "x"), name);
                assertThrows(IllegalArgumentException.class, () -> store.recordFailedBuild(failedBuild(name, null,
                        at(3, 0, 0), List.of())), name);
                assertThrows(IllegalArgumentException.class, () -> store.entry(name), name);
            }
        }
        for (String version : List.of("../../x", "2026.12.03.1/../../x", "2026.12.03.1\n", ".git")) {
            assertThrows(IllegalArgumentException.class, () -> store.recordQa(new QaResult(MINIMAL, version,
                    "debian-base", 1, 0, 0, 0, null, null), PASSED_XML, at(3, 0, 0), null), version);
        }

        assertEquals(head, git("rev-parse", "HEAD"));
        assertEquals("", git("status", "--porcelain", "--untracked-files=all"));
        assertFalse(Files.exists(dir.resolve("x")));
        assertEquals(List.of("blueprints", "catalog", "images"), Files.list(repo).map(p -> p.getFileName().toString())
                .filter(n -> !n.equals(".git")).sorted().toList());
    }

    @Test
    void imageNameRuleAcceptsTheNamesBlueprintsUse() {
        for (String name : List.of("debian-12-minimal", "rhel-9.4-web", "a", "web_base", "ubuntu-24.04")) {
            assertEquals(null, CatalogLayout.imageNameProblem(name), name);
        }
        assertTrue(CatalogLayout.imageNameProblem("x\ny").contains("x\\u000ay"),
                "the message shows the line break instead of breaking the line");
    }

    /** Imports the blueprint and walks 2026.12.01.1 to stable, with the stable channel on it. */
    private void firstBuildStable() throws Exception {
        store.importBlueprint(blueprint(MINIMAL), at(1, 8, 0));
        store.recordBuild(manifest(MINIMAL, V1, OLD_SSL, null, at(1, 9, 20), List.of()), at(1, 9, 0));
        SampleHistory.toTesting(store, MINIMAL, V1, at(1, 9, 21));
        store.recordQa(qa(MINIMAL, V1, 3, 0), PASSED_XML, at(1, 9, 40), STABLE);
        store.recordChannel(store.entry(MINIMAL).orElseThrow().point("stable", V1).orElseThrow(), "policy",
                at(1, 9, 41));
        assertEquals(ImageVersionId.parse("2026.12.01.1"), store.entry(MINIMAL).orElseThrow().channels()
                .get("stable"));
    }

    /** Builds 2026.12.03.1 after a stable 2026.12.01.1 and records its QA pass without promoting it. */
    private void testedAndPassed() throws Exception {
        firstBuildStable();
        store.recordBuild(manifest(MINIMAL, V2, NEW_SSL, null, at(3, 10, 25), List.of(ssl("openssl"))),
                at(3, 10, 0));
        SampleHistory.toTesting(store, MINIMAL, V2, at(3, 10, 26));
        store.recordQa(qa(MINIMAL, V2, 3, 0), PASSED_XML, at(3, 10, 50), null);
    }

    private String git(String... args) throws Exception {
        return SampleHistory.git(repo, args);
    }
}
