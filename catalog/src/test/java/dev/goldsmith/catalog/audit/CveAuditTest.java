package dev.goldsmith.catalog.audit;

import static dev.goldsmith.catalog.store.SampleHistory.CVE;
import static dev.goldsmith.catalog.store.SampleHistory.CVE2;
import static dev.goldsmith.catalog.store.SampleHistory.MINIMAL;
import static dev.goldsmith.catalog.store.SampleHistory.V2;
import static dev.goldsmith.catalog.store.SampleHistory.V3;
import static dev.goldsmith.catalog.store.SampleHistory.WEB;
import static dev.goldsmith.catalog.store.SampleHistory.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import dev.goldsmith.catalog.store.SampleHistory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CveAuditTest {

    @TempDir
    Path dir;

    private Path repo;
    private List<AuditCommit> history;

    @BeforeEach
    void history() throws Exception {
        repo = dir.resolve("catalog");
        SampleHistory.write(repo);
        history = AuditLog.read(repo);
    }

    @Test
    void eachAffectedImageWithTheVersionThatFixedItAndWhenItBecameStable() {
        CveAudit audit = CveAudit.of(CVE, history);

        assertEquals(List.of("DSA-5800-1"), audit.advisories());
        assertEquals(List.of(MINIMAL, WEB), audit.images().stream().map(CveAudit.ImageFix::image).toList());
        CveAudit.ImageFix minimal = audit.images().get(0);
        assertEquals(at(3, 10, 25), minimal.since());
        assertEquals(V2.toString(), minimal.fixedIn());
        assertEquals(at(3, 10, 25), minimal.fixBuiltAt());
        assertEquals(at(3, 10, 50), minimal.stableAt());
        CveAudit.ImageFix web = audit.images().get(1);
        assertEquals(at(3, 10, 30), web.since());
        assertEquals(List.of(V2.toString(), V3.toString()), web.builds(), "the first fix failed QA");
        assertEquals(V3.toString(), web.fixedIn());
        assertEquals(at(4, 7, 50), web.stableAt());
    }

    @Test
    void anyIdOfTheAdvisoryAnswersInAnyCase() {
        CveAudit byOther = CveAudit.of(CVE2.toLowerCase(Locale.ROOT), history);

        assertEquals(CVE2, byOther.cve());
        assertEquals(CveAudit.of(CVE, history).images(), byOther.images());
    }

    @Test
    void historyUpToAMomentShowsAFixNotYetStable() {
        List<AuditCommit> untilDecember3 = history.stream().filter(c -> c.at().isBefore(at(3, 12, 0))).toList();

        CveAudit.ImageFix web = CveAudit.of(CVE, untilDecember3).images().get(1);

        assertEquals(List.of(V2.toString()), web.builds());
        assertNull(web.fixedIn());
        assertNull(web.stableAt());
    }

    @Test
    void textForTheCommandLine() {
        String text = CveAudit.of(CVE, history).toText().replaceAll("commit [0-9a-f]{10}", "commit C");

        assertEquals("""
                CVE-2024-12797 (DSA-5800-1): 2 images

                debian-12-minimal
                  affected since  2026-12-03T10:25:00Z  (commit C)
                  fixed in        2026.12.03.1, built 2026-12-03T10:25:00Z
                  stable since    2026-12-03T10:50:00Z  (commit C)

                debian-12-web
                  affected since  2026-12-03T10:30:00Z  (commit C)
                  fixed in        2026.12.04.1, built 2026-12-04T07:30:00Z (also built in 2026.12.03.1, not stable \
                then)
                  stable since    2026-12-04T07:50:00Z  (commit C)
                """, text);
        assertEquals("CVE-2099-0001: no image in the history\n", CveAudit.of("CVE-2099-0001", history).toText());
    }

    @Test
    void auditorsGitLogFindsTheSameFixAndPromotion() throws Exception {
        CveAudit.ImageFix web = CveAudit.of(CVE, history).images().get(1);

        String builds = SampleHistory.git(repo, "log", "--reverse", "--all-match", "--grep=^Image: debian-12-web$",
                "--grep=^Fixes: .*" + CVE, "--format=%aI %(trailers:key=Version,valueonly,separator=)");
        String stable = SampleHistory.git(repo, "log", "--all-match", "--grep=^Version: " + web.fixedIn() + "$",
                "--grep=^Image: debian-12-web$", "--grep=^Transition: .* -> stable$", "--format=%aI %H");

        assertEquals("2026-12-03T10:30:00+00:00 2026.12.03.1\n2026-12-04T07:30:00+00:00 2026.12.04.1\n", builds);
        assertEquals("2026-12-04T07:50:00+00:00 " + web.stableCommit() + "\n", stable);
    }
}
