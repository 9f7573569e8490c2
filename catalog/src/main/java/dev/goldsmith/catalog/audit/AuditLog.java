package dev.goldsmith.catalog.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.FooterLine;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Reads the catalog's Git history for the audit: every commit reachable from HEAD, oldest first, with its trailers.
 * Only the history is read, never the files or Goldsmith's state, so a plain clone of the repository answers the same
 * questions as the running service.
 */
public final class AuditLog {

    private AuditLog() {
    }

    /** Returns the history of the repository in {@code dir} (a work tree with {@code .git}, or a bare one). */
    public static List<AuditCommit> read(Path dir) throws IOException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
        if (dir.resolve(Constants.DOT_GIT).toFile().exists()) {
            builder.setGitDir(dir.resolve(Constants.DOT_GIT).toFile());
        } else {
            builder.setGitDir(dir.toFile());
        }
        try (Repository repository = builder.build()) {
            return read(repository);
        }
    }

    /** Returns the history reachable from HEAD, parents before children; empty when there are no commits. */
    public static List<AuditCommit> read(Repository repository) throws IOException {
        ObjectId head = repository.resolve(Constants.HEAD);
        List<AuditCommit> commits = new ArrayList<>();
        if (head == null) {
            return commits;
        }
        try (RevWalk walk = new RevWalk(repository)) {
            walk.sort(RevSort.TOPO);
            walk.sort(RevSort.REVERSE, true);
            walk.markStart(walk.parseCommit(head));
            for (RevCommit commit : walk) {
                List<Map.Entry<String, String>> trailers = new ArrayList<>();
                for (FooterLine line : commit.getFooterLines()) {
                    trailers.add(new AbstractMap.SimpleImmutableEntry<>(line.getKey(), line.getValue()));
                }
                commits.add(new AuditCommit(commit.name(), commit.getAuthorIdent().getWhenAsInstant(),
                        commit.getShortMessage(), commit.getFullMessage(), trailers));
            }
        }
        return commits;
    }
}
