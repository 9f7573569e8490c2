package dev.goldsmith.catalog.store;

import static dev.goldsmith.catalog.store.GitCli.git;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit repository stays packed with short delta chains, checked with the real git program. */
class RepositoryUpkeepTest {

    private static final Pattern CHAIN = Pattern.compile("^chain length = (\\d+):", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void openingAStoreSetsShortDeltaChainsInTheRepositoryConfiguration() throws Exception {
        try (GitStore store = GitStore.open(dir.resolve("repo"), "main", "Goldsmith", "g@localhost")) {
            store.commit("first", "", Map.of("a.txt", "a\n"), List.of());
        }

        assertEquals("8", git(dir.resolve("repo"), "config", "pack.depth").strip());
        assertEquals("8", git(dir.resolve("repo"), "config", "gc.aggressiveDepth").strip());
    }

    @Test
    void aDepthTheOperatorSetIsLeftAlone() throws Exception {
        Path repo = dir.resolve("repo");
        Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call().close();
        git(repo, "config", "pack.depth", "20");

        GitStore.open(repo, "main", "Goldsmith", "g@localhost").close();

        assertEquals("20", git(repo, "config", "pack.depth").strip());
        assertEquals("8", git(repo, "config", "gc.aggressiveDepth").strip());
    }

    @Test
    void aCommitBeyondGcAutoLooseObjectsPacksThemWithShortChains() throws Exception {
        Path repo = dir.resolve("repo");
        try (GitStore store = GitStore.open(repo, "main", "Goldsmith", "g@localhost")) {
            // Like git, JGit estimates the loose objects from those in objects/17: more than one there is due.
            git(repo, "config", "gc.auto", "1");
            git(repo, "config", "gc.autoDetach", "false");
            commitSimilarFiles(store.repository(), 1_000);
            assertTrue(looseObjects(repo) > 1_000, "written loose");
            try (Stream<Path> sample = Files.list(repo.resolve(".git/objects/17"))) {
                assertTrue(sample.count() > 1, "the blobs, the same in every run, put more than one in objects/17");
            }

            store.commit("one more", "", Map.of("b.txt", "b\n"), List.of());
        }

        assertEquals(0, looseObjects(repo), "every reachable object was packed");
        assertTrue(longestChain(repo) <= RepositoryUpkeep.DELTA_DEPTH, "longest delta chain " + longestChain(repo));
    }

    @Test
    void aCloneIsRepackedWithItsOwnDepthRatherThanTheRemotes() throws Exception {
        Path bare = dir.resolve("remote.git");
        Path seed = dir.resolve("seed");
        try (Git git = Git.init().setDirectory(seed.toFile()).setInitialBranch("main").call()) {
            commitSimilarFiles(git.getRepository(), 300);
        }
        git(dir, "clone", "-q", "--bare", seed.toString(), bare.toString());
        git(bare, "-c", "pack.depth=50", "gc", "-q", "--aggressive");
        assertTrue(longestChain(bare) > RepositoryUpkeep.DELTA_DEPTH, "the remote has long chains to begin with");

        GitStore.open(dir.resolve("clone"), "main", "Goldsmith", "g@localhost",
                new GitRemote(bare.toString(), 5, Duration.ofMillis(5)), null).close();

        assertTrue(longestChain(dir.resolve("clone")) <= RepositoryUpkeep.DELTA_DEPTH,
                "longest delta chain of the clone " + longestChain(dir.resolve("clone")));
    }

    /**
     * Commits {@code count} manifests as loose objects, each one line on from the one before as image versions are,
     * so that Git's delta search chains each onto its predecessor.
     */
    private static void commitSimilarFiles(Repository repository, int count) throws Exception {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            for (int i = 0; i < count; i++) {
                byte[] content = manifest(i).getBytes(StandardCharsets.UTF_8);
                DirCacheEntry entry = new DirCacheEntry(String.format("images/v%05d/manifest.txt", i));
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, content));
                builder.add(entry);
            }
            builder.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            commit.setAuthor(new PersonIdent("Seed", "seed@localhost"));
            commit.setCommitter(commit.getAuthor());
            commit.setMessage("seed\n");
            ObjectId head = repository.resolve(Constants.HEAD);
            if (head != null) {
                commit.setParentId(head);
            }
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repository.updateRef(Constants.HEAD);
            update.setNewObjectId(id);
            update.forceUpdate();
        }
    }

    private static String manifest(int version) {
        StringBuilder text = new StringBuilder("version ").append(version).append('\n');
        for (int line = 0; line < 100; line++) {
            text.append("package-").append(line).append(line < version % 100 ? " 2.0-" + line : " 1.0-1")
                    .append('\n');
        }
        return text.toString();
    }

    private static long looseObjects(Path repo) throws Exception {
        Path objects = repo.resolve(".git/objects");
        try (Stream<Path> files = Files.walk(objects)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getParent().getFileName().toString().matches("[0-9a-f]{2}")).count();
        }
    }

    /** Returns the longest delta chain {@code git verify-pack -v} reports over the repository's packs. */
    private static int longestChain(Path repo) throws Exception {
        Path gitDir = Files.isDirectory(repo.resolve(".git")) ? repo.resolve(".git") : repo;
        int longest = 0;
        try (Stream<Path> packs = Files.list(gitDir.resolve("objects/pack"))) {
            for (Path idx : packs.filter(p -> p.toString().endsWith(".idx")).toList()) {
                Matcher m = CHAIN.matcher(git(repo, "verify-pack", "-v", idx.toString()));
                while (m.find()) {
                    longest = Math.max(longest, Integer.parseInt(m.group(1)));
                }
            }
        }
        return longest;
    }
}
