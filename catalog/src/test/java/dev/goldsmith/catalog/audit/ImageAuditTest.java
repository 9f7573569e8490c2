package dev.goldsmith.catalog.audit;

import static dev.goldsmith.catalog.store.SampleHistory.NEW_SSL;
import static dev.goldsmith.catalog.store.SampleHistory.V1;
import static dev.goldsmith.catalog.store.SampleHistory.V2;
import static dev.goldsmith.catalog.store.SampleHistory.V3;
import static dev.goldsmith.catalog.store.SampleHistory.WEB;
import static dev.goldsmith.catalog.store.SampleHistory.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.store.CatalogStore;
import dev.goldsmith.catalog.store.GitStore;
import dev.goldsmith.catalog.store.SampleHistory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageAuditTest {

    @TempDir
    Path dir;

    private Path repo;

    @BeforeEach
    void history() throws Exception {
        repo = dir.resolve("catalog");
        SampleHistory.write(repo);
    }

    @Test
    void eachVersionHasItsBuildTriggersFixesQaAndTransitionsWithDates() throws Exception {
        ImageAudit audit = ImageAudit.of(WEB, AuditLog.read(repo));

        assertEquals(List.of(V1.toString(), V2.toString(), V3.toString()),
                audit.versions().stream().map(ImageAudit.VersionAudit::version).toList());
        ImageAudit.VersionAudit failed = audit.versions().get(1);
        assertEquals(at(3, 10, 30), failed.builtAt());
        assertEquals(List.of("DSA-5800-1"), failed.triggeredBy());
        assertEquals(List.of("DSA-5800-1 CVE-2024-12797 CVE-2024-13176"), failed.fixes());
        assertFalse(failed.qa().get(0).passed());
        assertEquals("failed", failed.state());
        assertEquals(List.of("building -> built", "built -> testing", "testing -> failed"), failed.transitions()
                .stream().map(t -> t.from() + " -> " + t.to()).toList());
        assertEquals(at(3, 10, 55), failed.enteredAt("failed"));
        ImageAudit.VersionAudit fixed = audit.versions().get(2);
        assertEquals(List.of("DSA-5800-1", "package nginx 1.22.1-9+deb12u1"), fixed.triggeredBy());
        assertTrue(fixed.qa().get(0).passed());
        assertEquals(at(4, 7, 50), fixed.enteredAt("stable"));
        assertEquals("policy qa", fixed.transitions().get(1).actor());
        assertEquals(List.of("none -> 2026.12.01.1", "2026.12.01.1 -> 2026.12.04.1"), audit.channels().stream()
                .map(c -> c.from() + " -> " + c.to()).toList());
    }

    @Test
    void failedBuildIsAFailedVersionWithItsReasonAndWhatItWasForThatFixesNothing() throws Exception {
        try (GitStore git = GitStore.open(repo, "main", "Goldsmith", "goldsmith@example.org")) {
            new CatalogStore(git).recordFailedBuild(SampleHistory.failedBuild(WEB, null, at(5, 10, 12),
                    List.of(new Manifest.Trigger("openssl", NEW_SSL, "3.0.17-1~deb12u1", List.of("DSA-5811-1"),
                            List.of("CVE-2025-0001"), null))));
        }
        List<AuditCommit> history = AuditLog.read(repo);

        ImageAudit audit = ImageAudit.of(WEB, history);

        ImageAudit.VersionAudit failed = audit.versions().get(3);
        assertEquals("2026.12.05.1", failed.version());
        assertEquals("failed", failed.state());
        assertNull(failed.builtAt());
        assertEquals("build failed at provisioning step packages (exit status 100: E: Unable to locate package"
                + " openssl)", failed.buildFailure());
        assertEquals(List.of("DSA-5811-1"), failed.triggeredBy());
        String text = audit.toText().replaceAll("commit [0-9a-f]{10}", "commit C");
        assertTrue(text.startsWith("debian-12-web: 4 versions in the history\n"), text);
        assertTrue(text.contains("""

                2026.12.05.1  failed
                  built         no, the build failed 2026-12-05T10:12:00Z  (commit C)
                  triggered by  DSA-5811-1
                  fixes         nothing, the build failed (it was for DSA-5811-1 CVE-2025-0001)
                  QA            not recorded
                  2026-12-05T10:12:00Z  building -> failed    build failed at provisioning step packages (exit \
                status 100: E: Unable to locate package openssl)

                channels
                """), text);
        CveAudit.ImageFix attempted = CveAudit.of("CVE-2025-0001", history).images().get(0);
        assertEquals(WEB, attempted.image());
        assertEquals(at(5, 10, 12), attempted.since(), "the history knows of the CVE from the failed build");
        assertEquals(List.of(), attempted.builds(), "a build that failed fixed nothing");
        assertNull(attempted.fixedIn());
    }

    @Test
    void revocationCarriesItsReasonAndWhoDecided() throws Exception {
        ImageAudit audit = ImageAudit.of(SampleHistory.MINIMAL, AuditLog.read(repo));

        ImageAudit.Transition revoked = audit.versions().get(0).transitions().get(3);

        assertEquals("revoked", revoked.to());
        assertEquals("revoked (DSA-5800-1 fixed in 2026.12.03.1)", revoked.what());
        assertEquals("policy revoke-affected", revoked.actor());
        assertEquals(at(3, 11, 0), revoked.at());
    }

    @Test
    void textForTheCommandLineListsEveryVersion() throws Exception {
        String text = ImageAudit.of(WEB, AuditLog.read(repo)).toText().replaceAll("commit [0-9a-f]{10}", "commit C");

        assertEquals("""
                debian-12-web: 3 versions in the history

                2026.12.01.1  stable
                  built         2026-12-01T09:20:00Z  (commit C)
                  triggered by  first build
                  fixes         -
                  QA            passed (suite web: 3 tests, 0 failures, 0 errors, 0 skipped)  2026-12-01T09:40:00Z
                  2026-12-01T09:20:00Z  building -> built     first build
                  2026-12-01T09:21:00Z  built -> testing      moved to testing (QA started)  [policy qa]
                  2026-12-01T09:40:00Z  testing -> stable     QA passed (3 tests, 0 failures, 0 errors, 0 skipped), \
                promoted to stable

                2026.12.03.1  failed
                  built         2026-12-03T10:30:00Z  (commit C)
                  triggered by  DSA-5800-1
                  fixes         DSA-5800-1 CVE-2024-12797 CVE-2024-13176
                  QA            failed (suite web: 3 tests, 1 failures, 0 errors, 0 skipped)  2026-12-03T10:55:00Z
                  2026-12-03T10:30:00Z  building -> built     rebuilt for DSA-5800-1 (openssl 3.0.15-1~deb12u1 → \
                3.0.16-1~deb12u1, libssl3 3.0.15-1~deb12u1 → 3.0.16-1~deb12u1)
                  2026-12-03T10:31:00Z  built -> testing      moved to testing (QA started)  [policy qa]
                  2026-12-03T10:55:00Z  testing -> failed     QA failed (3 tests, 1 failures, 0 errors, 0 skipped), \
                marked failed

                2026.12.04.1  stable
                  built         2026-12-04T07:30:00Z  (commit C)
                  triggered by  DSA-5800-1, package nginx 1.22.1-9+deb12u1
                  fixes         DSA-5800-1 CVE-2024-12797 CVE-2024-13176
                  QA            passed (suite web: 3 tests, 0 failures, 0 errors, 0 skipped)  2026-12-04T07:50:00Z
                  2026-12-04T07:30:00Z  building -> built     rebuilt for DSA-5800-1 (openssl 3.0.15-1~deb12u1 → \
                3.0.16-1~deb12u1, libssl3 3.0.15-1~deb12u1 → 3.0.16-1~deb12u1 and 1 more)
                  2026-12-04T07:31:00Z  built -> testing      moved to testing (QA started)  [policy qa]
                  2026-12-04T07:50:00Z  testing -> stable     QA passed (3 tests, 0 failures, 0 errors, 0 skipped), \
                promoted to stable

                channels
                  2026-12-01T09:41:00Z  stable none -> 2026.12.01.1  [policy promote-on-qa]
                  2026-12-04T07:51:00Z  stable 2026.12.01.1 -> 2026.12.04.1  [policy promote-on-qa]
                """, text);
    }

    @Test
    void auditorsGitLogPrintsTheSameHistory() throws Exception {
        String log = SampleHistory.git(repo, "log", "--reverse", "--grep=^Image: debian-12-web$",
                "--format=%aI %s%n%(trailers)", "--", "images", "catalog");

        assertEquals("""
                2026-12-01T09:20:00+00:00 debian-12-web 2026.12.01.1: first build
                Image: debian-12-web
                Version: 2026.12.01.1
                Triggered-By: first build
                Transition: building -> built
                Blueprint: 1.0.3 -> 1.0.4

                2026-12-01T09:21:00+00:00 debian-12-web 2026.12.01.1: moved to testing (QA started)
                Image: debian-12-web
                Version: 2026.12.01.1
                Transition: built -> testing
                Actor: policy qa

                2026-12-01T09:40:00+00:00 debian-12-web 2026.12.01.1: QA passed (3 tests, 0 failures, 0 errors, \
                0 skipped), promoted to stable
                Image: debian-12-web
                Version: 2026.12.01.1
                QA: passed (suite web: 3 tests, 0 failures, 0 errors, 0 skipped)
                Transition: testing -> stable

                2026-12-01T09:41:00+00:00 debian-12-web: channel stable -> 2026.12.01.1
                Image: debian-12-web
                Version: 2026.12.01.1
                Channel: stable none -> 2026.12.01.1
                Actor: policy promote-on-qa

                2026-12-03T10:30:00+00:00 debian-12-web 2026.12.03.1: rebuilt for DSA-5800-1 (openssl \
                3.0.15-1~deb12u1 → 3.0.16-1~deb12u1, libssl3 3.0.15-1~deb12u1 → 3.0.16-1~deb12u1)
                Image: debian-12-web
                Version: 2026.12.03.1
                Triggered-By: DSA-5800-1
                Fixes: DSA-5800-1 CVE-2024-12797 CVE-2024-13176
                Transition: building -> built
                Blueprint: 1.0.4 -> 1.0.5

                2026-12-03T10:31:00+00:00 debian-12-web 2026.12.03.1: moved to testing (QA started)
                Image: debian-12-web
                Version: 2026.12.03.1
                Transition: built -> testing
                Actor: policy qa

                2026-12-03T10:55:00+00:00 debian-12-web 2026.12.03.1: QA failed (3 tests, 1 failures, 0 errors, \
                0 skipped), marked failed
                Image: debian-12-web
                Version: 2026.12.03.1
                QA: failed (suite web: 3 tests, 1 failures, 0 errors, 0 skipped)
                Transition: testing -> failed

                2026-12-04T07:30:00+00:00 debian-12-web 2026.12.04.1: rebuilt for DSA-5800-1 (openssl \
                3.0.15-1~deb12u1 → 3.0.16-1~deb12u1, libssl3 3.0.15-1~deb12u1 → 3.0.16-1~deb12u1 and 1 more)
                Image: debian-12-web
                Version: 2026.12.04.1
                Triggered-By: DSA-5800-1
                Triggered-By: package nginx 1.22.1-9+deb12u1
                Fixes: DSA-5800-1 CVE-2024-12797 CVE-2024-13176
                Transition: building -> built
                Blueprint: 1.0.5 -> 1.0.6

                2026-12-04T07:31:00+00:00 debian-12-web 2026.12.04.1: moved to testing (QA started)
                Image: debian-12-web
                Version: 2026.12.04.1
                Transition: built -> testing
                Actor: policy qa

                2026-12-04T07:50:00+00:00 debian-12-web 2026.12.04.1: QA passed (3 tests, 0 failures, 0 errors, \
                0 skipped), promoted to stable
                Image: debian-12-web
                Version: 2026.12.04.1
                QA: passed (suite web: 3 tests, 0 failures, 0 errors, 0 skipped)
                Transition: testing -> stable

                2026-12-04T07:51:00+00:00 debian-12-web: channel stable -> 2026.12.04.1 (was 2026.12.01.1)
                Image: debian-12-web
                Version: 2026.12.04.1
                Channel: stable 2026.12.01.1 -> 2026.12.04.1
                Actor: policy promote-on-qa

                """, log);
        assertEquals("debian-12-web/2026.12.01.1\ndebian-12-web/2026.12.04.1\n",
                SampleHistory.git(repo, "tag", "-l", "debian-12-web/*"), "the failed version is not published");
    }

    @Test
    void plainCloneAnswersTheSameAndForeignCommitsAreIgnored() throws Exception {
        try (GitStore git = GitStore.open(repo, "main", "Someone", "someone@example.org")) {
            git.commit("notes: mention debian-12-web without trailers", "Image: debian-12-web is fine.",
                    Map.of("notes/readme.txt", "hello\n"), List.of());
        }
        Path clone = dir.resolve("clone");
        SampleHistory.git(dir, "clone", "-q", repo.toString(), clone.toString());

        ImageAudit original = ImageAudit.of(WEB, AuditLog.read(repo));
        ImageAudit cloned = ImageAudit.of(WEB, AuditLog.read(clone));

        assertEquals(original, cloned);
        assertEquals(3, cloned.versions().size());
    }
}
