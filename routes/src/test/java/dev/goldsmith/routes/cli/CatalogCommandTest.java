package dev.goldsmith.routes.cli;

import static dev.goldsmith.routes.cli.CatalogHistory.MAGICK;
import static dev.goldsmith.routes.cli.CatalogHistory.MAGICK_NEW;
import static dev.goldsmith.routes.cli.CatalogHistory.MAGICK_OLD;
import static dev.goldsmith.routes.cli.CatalogHistory.git;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goldsmith.catalog.image.FailedBuild;
import dev.goldsmith.catalog.store.CatalogStore;
import dev.goldsmith.catalog.store.GitStore;
import dev.goldsmith.routes.cli.CatalogHistory.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code goldsmith catalog list} and {@code show} over a real catalog history. */
class CatalogCommandTest {

    @TempDir
    Path dir;

    private Run catalog(CatalogHistory history, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = history.config.toString();
        return CatalogHistory.run(new CatalogCommand(Map.of()), all);
    }

    @Test
    void listGivesEachImageItsNewestVersionStateChannelsAndLiveCount() throws Exception {
        CatalogHistory history = CatalogHistory.write(dir);

        Run run = catalog(history, "list");

        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        assertEquals("""
                IMAGE          NEWEST        STATE    CHANNELS                LIVE
                alma-9-build   2026.12.01.1  stable   stable -> 2026.12.01.1  1 of 1 live
                alma-9-java    2026.12.02.1  failed   stable -> 2026.12.01.1  1 of 2 live
                debian-12-web  2026.12.03.1  testing  stable -> 2026.12.01.1  2 of 2 live
                rhel-9-curl    2026.12.01.1  stable   stable -> 2026.12.01.1  1 of 1 live
                """, run.out());
    }

    @Test
    void showGivesEveryVersionWithItsHistoryAndTheNewestManifest() throws Exception {
        CatalogHistory history = CatalogHistory.write(dir);

        Run run = catalog(history, "show", "debian-12-web");

        assertEquals(0, run.exit(), run.err());
        String manifest = "/var/lib/goldsmith/images/debian-12-web/2026.12.03.1.qcow2";
        assertEquals("""
                debian-12-web: 2 versions, 2 live
                channels: stable -> 2026.12.01.1

                2026.12.03.1  testing since 2026-12-03T09:21:00Z  (QA passed 2026-12-03T09:40:00Z)
                  2026-12-03T09:00:00Z  -> building             build started
                  2026-12-03T09:20:00Z  building -> built       built on local
                  2026-12-03T09:21:00Z  built -> testing        QA started

                2026.12.01.1  stable since 2026-12-01T09:40:00Z  [stable]
                  2026-12-01T09:00:00Z  -> building             build started
                  2026-12-01T09:20:00Z  building -> built       built on local
                  2026-12-01T09:21:00Z  built -> testing        QA started
                  2026-12-01T09:40:00Z  testing -> stable       QA passed

                newest manifest: 2026.12.03.1 (images/debian-12-web/2026.12.03.1/manifest.json)
                  built        2026-12-03T09:20:00Z on local, debian-12, blueprint 1.0.0
                  packages     26
                  artifact     %s (qcow2, 734003200 bytes, 700.0 MiB)
                  sha256       %s
                  trigger      %s %s -> %s  DSA-5970-1 CVE-2025-53014
                """.formatted(manifest, CatalogHistory.sha256(manifest), MAGICK, MAGICK_OLD, MAGICK_NEW), run.out());
    }

    @Test
    void showAfterAFailedBuildGivesItsReasonAndTheManifestOfTheNewestBuiltVersion() throws Exception {
        CatalogHistory history = CatalogHistory.write(dir);
        try (GitStore git = GitStore.open(history.repository, "main", "Goldsmith", "goldsmith@example.org")) {
            new CatalogStore(git).recordFailedBuild(new FailedBuild(CatalogHistory.WEB, "20261204-090000-0001",
                    "1.0.2", "build-vm", null, null, "guest did not power off within PT20M", "", List.of(), null,
                    CatalogHistory.at(4, 9, 0), CatalogHistory.at(4, 9, 20), null));
        }

        Run run = catalog(history, "show", "debian-12-web");

        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err(), "a failed version needs no manifest");
        assertTrue(run.out().startsWith("""
                debian-12-web: 3 versions, 2 live
                channels: stable -> 2026.12.01.1

                2026.12.04.1  failed since 2026-12-04T09:20:00Z
                  2026-12-04T09:00:00Z  -> building             build 20261204-090000-0001 started
                  2026-12-04T09:20:00Z  building -> failed      build failed at step build-vm (guest did not power \
                off within PT20M)
                """), run.out());
        assertTrue(run.out().contains("\nnewest manifest: 2026.12.03.1 (images/debian-12-web/2026.12.03.1/"
                + "manifest.json)\n"), run.out());
    }

    @Test
    void unknownImageExitsOneNamingItAndTheKnownOnes() throws Exception {
        CatalogHistory history = CatalogHistory.write(dir);

        Run run = catalog(history, "show", "debian-12-mail");

        assertEquals(1, run.exit());
        assertEquals("", run.out());
        assertEquals("no image 'debian-12-mail' in the catalog in " + history.repository + "; it holds alma-9-build,"
                + " alma-9-java, debian-12-web, rhel-9-curl\n", run.err());
    }

    @Test
    void brokenCatalogFileIsAWarningAndTheRestIsListed() throws Exception {
        CatalogHistory history = CatalogHistory.write(dir);
        try (GitStore git = GitStore.open(history.repository, "main", "Someone", "someone@example.org")) {
            git.commit("hand edit", "", Map.of("catalog/debian-12-mail.json", "{\"image\": \"debian-12-mail\""),
                    List.of());
        }

        Run list = catalog(history, "list");
        Run show = catalog(history, "show", "rhel-9-curl");

        assertEquals(0, list.exit(), list.err());
        assertTrue(list.err().startsWith("warning: catalog/debian-12-mail.json: "), list.err());
        assertEquals(5, list.out().lines().count(), list.out());
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.err().startsWith("warning: catalog/debian-12-mail.json: "), show.err());
    }

    @Test
    void configuredImageWithNothingRecordedIsListedAsSuch() throws Exception {
        CatalogHistory history = CatalogHistory.write(dir);
        Files.writeString(dir.resolve("blueprints/debian-12-mail.toml"), "name = \"debian-12-mail\"\n"
                + "distro = \"debian-12\"\n");
        Files.writeString(history.config, Files.readString(history.config)
                + "  - {name: debian-12-mail, blueprint: blueprints/debian-12-mail.toml}\n");

        Run run = catalog(history, "list");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("\ndebian-12-mail  -             -        -                       nothing"
                + " recorded yet\n"), run.out());
    }

    @Test
    void listChangesNothing() throws Exception {
        CatalogHistory history = CatalogHistory.write(dir);
        String head = git(history.repository, "rev-parse", "HEAD");
        Map<String, String> files = history.stateFiles();

        catalog(history, "list");
        catalog(history, "show", "alma-9-java");

        assertEquals(head, git(history.repository, "rev-parse", "HEAD"));
        assertEquals(files, history.stateFiles());
    }
}
