package dev.goldsmith.catalog.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The Git repository that is the audit trail: every blueprint, lock, manifest, QA result and catalog state is a file
 * in it, and every change one commit whose subject says what happened and whose trailers say it for machines.
 *
 * <p>Files are written inside the repository's work tree only: every path segment must start with a letter or digit,
 * so a {@code ..} segment, an absolute path or one through {@code .git} is refused before anything is written.
 */
public final class GitStore implements AutoCloseable {

    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

    private final Git git;
    private final PersonIdent author;

    private GitStore(Git git, PersonIdent author) {
        this.git = git;
        this.author = author;
    }

    /** Opens the repository at {@code dir}, creating it on {@code branch} when there is none. */
    public static GitStore open(Path dir, String branch, String authorName, String authorEmail) throws IOException {
        try {
            Git git = Files.isDirectory(dir.resolve(".git"))
                    ? Git.open(dir.toFile())
                    : Git.init().setDirectory(dir.toFile()).setInitialBranch(branch).call();
            return new GitStore(git, new PersonIdent(authorName, authorEmail));
        } catch (GitAPIException e) {
            throw new IOException("cannot create the Git repository in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code files} (repository path → content) and commits them as one change, authored now.
     *
     * @param subject what happened, in one line
     * @param body    why, in prose; may be empty
     * @return the commit
     */
    public RevCommit commit(String subject, String body, Map<String, String> files, List<Trailer> trailers)
            throws IOException {
        return commit(subject, body, files, trailers, Instant.now());
    }

    /**
     * Writes {@code files} and commits them as one change whose author date is {@code happenedAt}, when the change
     * took place (a build finished, a policy decided), so {@code git log} dates the event rather than the write.
     */
    public RevCommit commit(String subject, String body, Map<String, String> files, List<Trailer> trailers,
            Instant happenedAt) throws IOException {
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank() || subject.contains("\n")) {
            throw new IllegalArgumentException("a commit subject is one non-empty line, was '" + subject + "'");
        }
        Path root = git.getRepository().getWorkTree().toPath();
        for (String path : files.keySet()) {
            checkPath(path);
        }
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = root.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
                git.add().addFilepattern(file.getKey()).call();
            }
            StringBuilder message = new StringBuilder(subject).append("\n");
            if (!body.isBlank()) {
                message.append('\n').append(body.strip()).append('\n');
            }
            if (!trailers.isEmpty()) {
                message.append('\n');
                trailers.forEach(t -> message.append(t).append('\n'));
            }
            return git.commit().setMessage(message.toString()).setAuthor(new PersonIdent(author, happenedAt))
                    .setCommitter(new PersonIdent(author, Instant.now())).setAllowEmpty(false).call();
        } catch (GitAPIException e) {
            throw new IOException("cannot commit '" + subject + "': " + e.getMessage(), e);
        }
    }

    /** Tags {@code commit} with an annotated tag, such as {@code debian-12-minimal/2026.12.03.1}. */
    public void tag(RevCommit commit, String name, String message) throws IOException {
        for (String segment : name.split("/", -1)) {
            if (!SAFE_SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("tag '" + name + "' is not image/version made of safe words");
            }
        }
        try {
            git.tag().setObjectId(commit).setName(name).setMessage(message).setAnnotated(true)
                    .setTagger(new PersonIdent(author, Instant.now())).call();
        } catch (GitAPIException e) {
            throw new IOException("cannot tag " + name + ": " + e.getMessage(), e);
        }
    }

    /** Returns the repository, for reading what is committed. */
    Repository repository() {
        return git.getRepository();
    }

    /** Returns the work tree the files are written to. */
    public Path workTree() {
        return git.getRepository().getWorkTree().toPath();
    }

    private static void checkPath(String path) {
        String[] segments = path.split("/", -1);
        for (String segment : segments) {
            if (!SAFE_SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("'" + path + "' is not a relative path of safe names inside the"
                        + " repository");
            }
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
