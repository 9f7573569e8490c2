package dev.goldsmith.routes.cli;

import static dev.goldsmith.routes.cli.CatalogHistory.MAGICK_ADVISORY;
import static dev.goldsmith.routes.cli.CatalogHistory.MAGICK_CVE;
import static dev.goldsmith.routes.cli.CatalogHistory.at;
import static dev.goldsmith.routes.cli.CatalogHistory.git;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goldsmith.routes.cli.CatalogHistory.Run;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code goldsmith audit} on a real catalog history, through the configuration and through plain clones of the
 * repository (bare and not) that an auditor would make without Goldsmith's configuration or state.
 */
class AuditCommandTest {

    @TempDir
    static Path dir;

    private static CatalogHistory history;
    private static Path bare;
    private static Path clone;

    @BeforeAll
    static void writeHistoryAndClones() throws Exception {
        history = CatalogHistory.write(dir);
        Run promoted = CatalogHistory.run(new PromoteCommand(Map.of("USER", "alice"),
                Clock.fixed(at(5, 12, 0), ZoneOffset.UTC)), "debian-12-web", "2026.12.03.1", "--reason",
                "imagemagick fix", "--config", history.config.toString());
        assertEquals(0, promoted.exit(), promoted.err());
        bare = dir.resolve("audit.git");
        clone = dir.resolve("audit");
        git(dir, "clone", "--quiet", "--bare", history.repository.toString(), bare.toString());
        git(dir, "clone", "--quiet", history.repository.toString(), clone.toString());
    }

    private static Run audit(String... args) {
        return CatalogHistory.run(new AuditCommand(Map.of()), args);
    }

    @Test
    void imageAuditListsVersionsWithTriggersFixesQaTransitionsAndActors() {
        Run run = audit("debian-12-web", "--config", history.config.toString());

        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        String out = run.out();
        assertTrue(out.startsWith("debian-12-web: 2 versions in the history\n"), out);
        assertTrue(out.contains("\n2026.12.03.1  stable\n"), out);
        assertTrue(out.contains("  fixes         " + MAGICK_ADVISORY + " " + MAGICK_CVE), out);
        assertTrue(out.contains("  QA            passed"), out);
        assertTrue(out.contains("  2026-12-05T12:00:00Z  testing -> stable     promoted to stable (by alice:"
                + " imagemagick fix)  [operator alice]\n"), out);
        assertTrue(out.contains("  2026-12-05T12:00:00Z  stable 2026.12.01.1 -> 2026.12.03.1  [operator alice]\n"),
                out);
    }

    @Test
    void cveAuditSaysWhichVersionFixedItAndWhenItBecameStable() {
        Run run = audit("--cve", MAGICK_CVE.toLowerCase(Locale.ROOT), "--config",
                history.config.toString());

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith(MAGICK_CVE + " (" + MAGICK_ADVISORY + "): 1 image\n\ndebian-12-web\n"),
                run.out());
        assertTrue(run.out().contains("  fixed in        2026.12.03.1, built 2026-12-03T09:20:00Z\n"
                + "  stable since    2026-12-05T12:00:00Z"), run.out());
    }

    @Test
    void bareAndPlainClonesAnswerTheSameWithoutAConfiguration() {
        for (String[] question : new String[][] {{"debian-12-web"}, {"alma-9-java"}, {"--cve", MAGICK_CVE}}) {
            Run configured = audit(concat(question, "--config", history.config.toString()));
            Run fromBare = audit(concat(question, "--repo", bare.toString(), "--config", "/nonexistent.yaml"));
            Run fromClone = audit(concat(question, "--repo", clone.toString()));

            assertEquals(0, configured.exit(), configured.err());
            assertEquals(configured, fromBare, String.join(" ", question));
            assertEquals(configured, fromClone, String.join(" ", question));
        }
    }

    @Test
    void imageTheHistoryDoesNotNameExitsOneNamingTheOnesItDoes() {
        Run run = audit("debian-12-mail", "--repo", bare.toString());

        assertEquals(1, run.exit());
        assertEquals("no commit in the history of " + bare + " names image 'debian-12-mail'; it names alma-9-build,"
                + " alma-9-java, debian-12-web, rhel-9-curl\n", run.err());
    }

    @Test
    void cveNoImageMetIsAnAnswerToo() {
        Run run = audit("--cve", "CVE-1999-0001", "--repo", bare.toString());

        assertEquals(0, run.exit(), run.err());
        assertEquals("CVE-1999-0001: no image in the history\n", run.out());
    }

    @Test
    void questionMustBeAnImageOrACveAndTheRepositoryMustBeOne() {
        assertEquals(2, audit("--repo", bare.toString()).exit());
        assertEquals(2, audit("debian-12-web", "--cve", MAGICK_CVE, "--repo", bare.toString()).exit());
        assertEquals(2, audit("--cve", "DSA-5970-1", "--repo", bare.toString()).exit());
        Run notARepository = audit("debian-12-web", "--repo", dir.resolve("blueprints").toString());
        assertEquals(1, notARepository.exit());
        assertTrue(notARepository.err().contains("is not a Git repository"), notARepository.err());
    }

    @Test
    void operatorCommandsAreSubcommandsOfGoldsmith() {
        Run run = CatalogHistory.run(new GoldsmithCommand(), "audit", "alma-9-java", "--repo", bare.toString());

        assertEquals(audit("alma-9-java", "--repo", bare.toString()), run);
        for (String command : new String[] {"catalog", "promote", "revoke", "retire", "impact"}) {
            assertEquals(0, CatalogHistory.run(new GoldsmithCommand(), command, "--help").exit(), command);
        }
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
