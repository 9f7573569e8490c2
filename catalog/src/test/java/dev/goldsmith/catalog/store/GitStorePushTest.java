package dev.goldsmith.catalog.store;

import static dev.goldsmith.catalog.store.GitCli.git;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers that share one bare remote on disk, pushing through real JGit; checked with the real git program. */
class GitStorePushTest {

    @TempDir
    Path dir;

    private Path bare;

    @BeforeEach
    void createBareRemote() throws Exception {
        bare = dir.resolve("remote.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
    }

    @Test
    void twoWritersTakingTurnsEndWithBothHistoriesAndTheirTagsOnTheRemote() throws Exception {
        String movedTagBefore;
        try (GitStore a = open("a", "Writer A")) {
            build(a, "web", "1");
            a.push();
            try (GitStore b = open("b", "Writer B")) {
                build(b, "db", "1");
                assertFalse(b.push().rebased());

                build(a, "web", "2");
                movedTagBefore = tagFields(dir.resolve("a"), "web/2");
                PushResult replayed = a.push();
                assertTrue(replayed.rebased());
                assertEquals(1, replayed.received(), "db 1 came in under web 2");
                assertEquals(1, replayed.commits());
                assertEquals(List.of("refs/tags/web/2"), replayed.tags());

                build(b, "db", "2");
                assertTrue(b.push().rebased());
                assertEquals(List.of(), a.pending());
                assertEquals(List.of(), b.pending());

                PushResult caughtUp = a.push();
                assertEquals(0, caughtUp.commits(), "nothing of A's own is left to send");
                assertEquals(1, caughtUp.received(), "db 2 came in");
                assertFalse(caughtUp.rebased());
                assertTrue(Files.exists(a.workTree().resolve("images/db/2/manifest.json")),
                        "A's branch and work tree caught up with what B pushed");
            }
        }

        assertEquals(List.of("web 1: built", "db 1: built", "web 2: built", "db 2: built"),
                lines(git(bare, "log", "--reverse", "--format=%s", "main")));
        for (String tag : List.of("web/1", "web/2", "db/1", "db/2")) {
            assertEquals(0, GitCli.run(bare, Map.of(), "merge-base", "--is-ancestor", tag, "main").exitCode(), tag);
        }
        assertEquals(movedTagBefore, tagFields(bare, "web/2"), "a moved tag keeps its name, message and tagger");
        assertEquals("web 2: built\n", git(bare, "log", "-1", "--format=%s", "web/2"));
    }

    @Test
    void anAuditorReadsSubjectsAuthorsAndTrailersOnTheBareRemote() throws Exception {
        try (GitStore a = open("a", "Writer A"); GitStore b = open("b", "Writer B")) {
            build(a, "web", "1");
            build(b, "db", "1");
            a.push();
            b.push();
        }

        String log = git(bare, "log", "--reverse", "--format=%an|%s|%(trailers:key=Image,valueonly,separator=%x2C)"
                + "|%(trailers:key=Version,valueonly,separator=%x2C)|%(trailers:key=Fixes,valueonly,separator=%x2C)",
                "main");
        assertEquals(List.of(
                "Writer A|web 1: built|web|1|DSA-6066-1 CVE-2025-26465",
                "Writer B|db 1: built|db|1|DSA-6066-1 CVE-2025-26465"),
                lines(log));
    }

    @Test
    void concurrentWritersBothLandEveryCommitInTheirOwnOrder() throws Exception {
        int perWriter = 4;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (GitStore a = open("a", "Writer A"); GitStore b = open("b", "Writer B")) {
            List<Future<Void>> done = new ArrayList<>();
            for (GitStore store : List.of(a, b)) {
                String image = store == a ? "web" : "db";
                Callable<Void> writer = () -> {
                    for (int i = 1; i <= perWriter; i++) {
                        build(store, image, String.valueOf(i));
                        store.push();
                    }
                    return null;
                };
                done.add(pool.submit(writer));
            }
            for (Future<Void> writer : done) {
                writer.get();
            }
            assertEquals(List.of(), a.pending());
            assertEquals(List.of(), b.pending());
        } finally {
            pool.shutdownNow();
        }

        List<String> subjects = lines(git(bare, "log", "--reverse", "--format=%s", "main"));
        assertEquals(2 * perWriter, subjects.size(), subjects::toString);
        for (String image : List.of("web", "db")) {
            List<String> own = subjects.stream().filter(s -> s.startsWith(image + " ")).toList();
            assertEquals(List.of(image + " 1: built", image + " 2: built", image + " 3: built", image + " 4: built"),
                    own);
            for (int i = 1; i <= perWriter; i++) {
                String tag = image + "/" + i;
                assertEquals(0, GitCli.run(bare, Map.of(), "merge-base", "--is-ancestor", tag, "main").exitCode(),
                        tag);
                assertEquals(image + " " + i + ": built\n", git(bare, "log", "-1", "--format=%s", tag));
            }
        }
    }

    @Test
    void aTagAskedForACommitThatAPushReplayedLandsOnTheReplacement() throws Exception {
        try (GitStore a = open("a", "Writer A"); GitStore b = open("b", "Writer B")) {
            RevCommit before = a.commit("web 1: built", "", Map.of("images/web/1/manifest.json", "{}\n"),
                    List.of());
            build(b, "db", "1");
            b.push();
            assertTrue(a.push().rebased());

            a.tag(before, "web/1", "web 1 built");
            PushResult tagOnly = a.push();

            assertEquals(0, tagOnly.commits());
            assertEquals(List.of("refs/tags/web/1"), tagOnly.tags());
        }
        assertEquals(git(bare, "rev-parse", "main"), git(bare, "rev-parse", "web/1^{commit}"));
        assertEquals("web 1: built\n", git(bare, "log", "-1", "--format=%s", "web/1"));
    }

    @Test
    void commitsWaitingAcrossARestartArePushedInOrderAfterwards() throws Exception {
        try (GitStore a = open("a", "Writer A")) {
            build(a, "web", "1");
            build(a, "web", "2");
        }

        try (GitStore reopened = open("a", "Writer A")) {
            assertEquals(List.of("web 1: built", "web 2: built"),
                    reopened.pending().stream().map(PendingCommit::subject).toList());
            PushStatus before = reopened.pushStatus();
            assertEquals(2, before.pending());
            assertNull(before.lastAttempt());

            PushResult result = reopened.push();

            assertEquals(2, result.commits());
            assertEquals(List.of("refs/tags/web/1", "refs/tags/web/2"), result.tags().stream().sorted().toList());
            assertEquals(List.of(), reopened.pending());
        }
        assertEquals(List.of("web 1: built", "web 2: built"),
                lines(git(bare, "log", "--reverse", "--format=%s", "main")));
    }

    @Test
    void aRemoteThatIsDownKeepsCommitsQueuedUntilItComesBack() throws Exception {
        Path away = dir.resolve("remote-away.git");
        try (GitStore a = open("a", "Writer A")) {
            build(a, "web", "1");
            a.push();
            Files.move(bare, away);
            build(a, "web", "2");
            build(a, "web", "3");

            PushException down = assertThrows(PushException.class, a::push);

            assertTrue(down.getMessage().contains(bare.toString()), down.getMessage());
            assertTrue(down.getMessage().endsWith("2 commits stay queued"), down.getMessage());
            assertEquals(List.of("web 2: built", "web 3: built"),
                    a.pending().stream().map(PendingCommit::subject).toList());
            PushStatus failed = a.pushStatus();
            assertEquals(down.getMessage(), failed.lastError());
            assertEquals(2, failed.pending());
            assertNotNull(failed.lastAttempt());

            Files.move(away, bare);
            PushResult result = a.push();

            assertEquals(2, result.commits());
            PushStatus recovered = a.pushStatus();
            assertNull(recovered.lastError());
            assertEquals(0, recovered.pending());
            assertNotNull(recovered.lastSuccess());
        }
        assertEquals(List.of("web 1: built", "web 2: built", "web 3: built"),
                lines(git(bare, "log", "--reverse", "--format=%s", "main")));
        assertEquals("web 3: built\n", git(bare, "log", "-1", "--format=%s", "web/3"));
    }

    @Test
    void aConflictIsReportedWithItsPathsAndLosesNothing() throws Exception {
        String catalog = "catalog/web.json";
        try (GitStore a = open("a", "Writer A")) {
            a.commit("web: catalog created", "", Map.of(catalog, "{\"versions\": []}\n"), List.of());
            a.push();
            try (GitStore b = open("b", "Writer B")) {
                b.commit("web 1: promoted by B", "", Map.of(catalog, "{\"stable\": \"1-b\"}\n"), List.of());
                b.push();
            }
            RevCommit mine = a.commit("web 1: promoted by A", "", Map.of(catalog, "{\"stable\": \"1-a\"}\n"),
                    List.of());
            a.tag(mine, "web/1", "web 1 promoted");

            RebaseConflictException conflict = assertThrows(RebaseConflictException.class, a::push);

            assertEquals(List.of(catalog), conflict.paths());
            assertEquals(mine.name(), conflict.commitId());
            assertTrue(conflict.getMessage().contains("'web 1: promoted by A'"), conflict.getMessage());
            assertTrue(conflict.getMessage().contains("both changed " + catalog), conflict.getMessage());
            assertEquals(List.of(mine.name()), a.pending().stream().map(PendingCommit::id).toList());
            assertEquals(conflict.getMessage(), a.pushStatus().lastError());

            Path local = dir.resolve("a");
            assertEquals("{\"stable\": \"1-a\"}\n", Files.readString(local.resolve(catalog), StandardCharsets.UTF_8));
            assertEquals(mine.name() + "\n", git(local, "rev-parse", "web/1^{commit}"));
            assertEquals("", git(local, "status", "--porcelain"));
            assertFalse(Files.exists(local.resolve(".git/rebase-merge")));
            assertFalse(Files.exists(local.resolve(".git/rebase-apply")));

            assertThrows(RebaseConflictException.class, a::push, "a later push tries again, and still refuses");
            assertEquals(List.of(mine.name()), a.pending().stream().map(PendingCommit::id).toList());
        }
        assertEquals(List.of("web: catalog created", "web 1: promoted by B"),
                lines(git(bare, "log", "--reverse", "--format=%s", "main")));
        assertEquals("", git(bare, "tag", "--list"));
    }

    @Test
    void aNewStoreClonesTheRemoteAndAnExistingOneFollowsAMovedRemote() throws Exception {
        try (GitStore a = open("a", "Writer A")) {
            build(a, "web", "1");
            a.push();
        }
        try (GitStore b = open("b", "Writer B")) {
            assertTrue(Files.exists(b.workTree().resolve("images/web/1/manifest.json")));
            assertEquals(List.of(), b.pending());
        }

        Path moved = dir.resolve("moved.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(moved.toFile()).call().close();
        try (GitStore a = GitStore.open(dir.resolve("a"), "main", "Writer A", "a@localhost", remote(moved), null)) {
            assertEquals(moved + "\n", git(dir.resolve("a"), "config", "remote.origin.url"));
            assertEquals(1, a.pending().size(), "the moved remote has none of the history yet");
            a.push();
        }
        assertEquals("web 1: built\n", git(moved, "log", "--format=%s", "main"));
        assertEquals("web/1\n", git(moved, "tag", "--list"));
    }

    @Test
    void anUnreachableRemoteAtFirstOpenCreatesNothing() {
        Path missing = dir.resolve("missing.git");
        Path target = dir.resolve("a");

        IOException failure = assertThrows(IOException.class,
                () -> GitStore.open(target, "main", "Writer A", "a@localhost", remote(missing), null));

        assertTrue(failure.getMessage().startsWith("cannot reach the Git remote " + missing + " to clone it into "
                + target), failure.getMessage());
        assertFalse(Files.exists(target));
    }

    private GitStore open(String name, String author) throws IOException {
        return GitStore.open(dir.resolve(name), "main", author, name + "@localhost", remote(bare), null);
    }

    private static GitRemote remote(Path bare) {
        return new GitRemote(bare.toString(), 20, Duration.ofMillis(5));
    }

    /** Commits a build of {@code image} {@code version} with its trailers and tags it, as the build step does. */
    private static void build(GitStore store, String image, String version) throws IOException {
        RevCommit commit = store.commit(image + " " + version + ": built", "Rebuilt for an advisory.",
                Map.of("images/" + image + "/" + version + "/manifest.json", "{\"version\": \"" + version + "\"}\n"),
                List.of(new Trailer("Image", image), new Trailer("Version", version),
                        new Trailer("Fixes", "DSA-6066-1 CVE-2025-26465")));
        store.tag(commit, image + "/" + version, image + " " + version + " built");
    }

    private static String tagFields(Path repository, String tag) throws Exception {
        return git(repository, "for-each-ref", "--format=%(refname) %(objecttype) %(taggername) %(taggeremail)"
                + " %(taggerdate:raw) %(contents)", "refs/tags/" + tag);
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.strip().split("\n"));
    }
}
