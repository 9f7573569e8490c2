package dev.goldsmith.routes.cli;

import static dev.goldsmith.routes.cli.CatalogHistory.CURL_OLD;
import static dev.goldsmith.routes.cli.CatalogHistory.FIXTURES;
import static dev.goldsmith.routes.cli.CatalogHistory.MAGICK;
import static dev.goldsmith.routes.cli.CatalogHistory.MAGICK_NEW;
import static dev.goldsmith.routes.cli.CatalogHistory.MAGICK_OLD;
import static dev.goldsmith.routes.cli.CatalogHistory.IO_FIX;
import static dev.goldsmith.routes.cli.CatalogHistory.IO_OLD;
import static dev.goldsmith.routes.cli.CatalogHistory.MAVEN_FIX;
import static dev.goldsmith.routes.cli.CatalogHistory.MAVEN_OLD;
import static dev.goldsmith.routes.cli.CatalogHistory.PLEXUS_FIX;
import static dev.goldsmith.routes.cli.CatalogHistory.PLEXUS_OLD;
import static dev.goldsmith.routes.cli.CatalogHistory.git;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goldsmith.routes.cli.CatalogHistory.Run;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code goldsmith impact} against a real catalog history, real advisories (AlmaLinux OSV by id from a feed's archive,
 * Red Hat CSAF VEX by file) and real Debian packages. Each test checks that nothing changed: neither Git's HEAD nor
 * any file under the state directory.
 */
class ImpactCommandTest {

    @TempDir
    static Path dir;

    private static CatalogHistory history;

    private String headBefore;
    private Map<String, String> stateBefore;

    @BeforeAll
    static void writeHistory() throws Exception {
        history = CatalogHistory.write(dir);
    }

    @BeforeEach
    void remember() throws Exception {
        headBefore = git(history.repository, "rev-parse", "HEAD");
        stateBefore = history.stateFiles();
    }

    @AfterEach
    void nothingChanged() throws Exception {
        assertEquals(headBefore, git(history.repository, "rev-parse", "HEAD"), "Git HEAD moved");
        assertEquals(stateBefore, history.stateFiles(), "a file under the state directory changed");
        assertEquals("", git(history.repository, "status", "--porcelain"), "the work tree changed");
    }

    private Run impact(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = history.config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CatalogHistory.run(new ImpactCommand(Map.of()), all);
    }

    @Test
    void advisoryByIdFromAFeedArchiveSaysWhichImageWouldBeRebuiltAndWhichWaitsForTheFix() {
        Run run = impact("--advisory", "ALSA-2026:38500");

        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        assertEquals("""
                advisory ALSA-2026:38500 (CVE-2025-67030), severity high

                alma-9-build 2026.12.01.1 (almalinux-9): would be rebuilt; 1 of 3 packages still wait for a fix
                  maven %1$s -> %2$s  ALSA-2026:38500 CVE-2025-67030 high
                  maven-lib %1$s -> %2$s  ALSA-2026:38500 CVE-2025-67030 high
                  plexus-utils %3$s -> (fix %4$s not offered yet)  ALSA-2026:38500 CVE-2025-67030 high

                alma-9-java 2026.12.01.1 (almalinux-9): waiting for fix
                  apache-commons-io %5$s -> (fix %6$s not offered yet)  ALSA-2026:38500 CVE-2025-67030 high

                1 image would be rebuilt, 1 image only waits for a fix; nothing was changed
                """.formatted(MAVEN_OLD, MAVEN_FIX, PLEXUS_OLD, PLEXUS_FIX, IO_OLD, IO_FIX), run.out());
        assertFalse(run.out().contains("2026.12.02.1"), "the failed version of alma-9-java is not live");
    }

    @Test
    void advisoryFoundByItsCveAnswersAsByItsId() {
        Run byCve = impact("--advisory", "cve-2025-67030");

        assertEquals(0, byCve.exit(), byCve.err());
        assertEquals(impact("--advisory", "ALSA-2026:38500").out(), byCve.out());
    }

    @Test
    void csafVexFileNamesTheRhelImageThatWouldBeRebuilt() {
        Path vex = FIXTURES.resolve("csaf/vex/cve-2023-38545.json");

        Run run = impact("--advisory", vex.toString());

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("advisory CVE-2023-38545, severity high\n"), run.out());
        assertTrue(run.out().contains("\nrhel-9-curl 2026.12.01.1 (rhel-9): would be rebuilt\n"), run.out());
        assertTrue(run.out().contains("\n  curl " + CURL_OLD + " -> "), run.out());
        assertTrue(run.out().contains("\n  libcurl " + CURL_OLD + " -> "), run.out());
        assertFalse(run.out().contains("alma-9") || run.out().contains("debian-12"), run.out());
        assertTrue(run.out().endsWith("\n1 image would be rebuilt; nothing was changed\n"), run.out());
    }

    @Test
    void packageVersionOfTheSecurityArchiveMovesOnlyTheImageVersionThatIsOlder() {
        Run run = impact("--package", MAGICK + "=" + MAGICK_NEW, "--distro", "debian-12");

        assertEquals(0, run.exit(), run.err());
        assertEquals("""
                package %1$s=%2$s published for debian-12

                debian-12-web 2026.12.01.1 (debian-12): would be rebuilt
                  %1$s %3$s -> %2$s

                1 image would be rebuilt; nothing was changed
                """.formatted(MAGICK, MAGICK_NEW, MAGICK_OLD), run.out());
    }

    @Test
    void packageWithoutDistroIsPublishedForEveryDistributionOfALiveImage() {
        Run run = impact("--package", "maven=" + MAVEN_FIX);

        assertEquals(0, run.exit(), run.err());
        assertEquals("""
                package maven=%1$s published for almalinux-9, debian-12, rhel-9

                alma-9-build 2026.12.01.1 (almalinux-9): would be rebuilt
                  maven %2$s -> %1$s

                1 image would be rebuilt; nothing was changed
                """.formatted(MAVEN_FIX, MAVEN_OLD), run.out());
    }

    @Test
    void packageNobodyHasRebuildsNothing() {
        Run run = impact("--package", "no-such-package=1.0-1", "--distro", "debian-12");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().endsWith("no live image version is affected (5 checked); nothing would be rebuilt;"
                + " nothing was changed\n"), run.out());
    }

    @Test
    void versionTheDistributionWouldRefuseIsNamedAndExitsTwo() {
        Run run = impact("--package", MAGICK + "=:broken", "--distro", "debian-12");

        assertEquals(2, run.exit());
        assertTrue(run.err().contains(":broken"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void advisoryNoFeedCarriedIsNamedAndExitsTwo() {
        Run run = impact("--advisory", "ALSA-1999:0001");

        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("no advisory 'ALSA-1999:0001': not a file, and no configured feed carried"),
                run.err());
    }
}
