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

import org.eclipse.jgit.api.CommitCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TagCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The Git repository that is the audit trail: every blueprint, lock, manifest, QA result and catalog state is a file
 * in it, and every change one commit whose subject says what happened and whose trailers say it for machines.
 *
 * <p>Files are written inside the repository's work tree only: every path segment must start with a letter or digit,
 * so a {@code ..} segment, an absolute path or one through {@code .git} is refused before anything is written.
 *
 * <p>With a {@link GitRemote} the store is one clone among writers that share a remote: commits land locally at once
 * and wait in a queue until {@link #push()} sends them (see {@link PushQueue}). With a {@link SigningKey} every commit
 * and annotated tag is signed.
 */
public final class GitStore implements AutoCloseable {

    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

    private final Git git;
    private final PersonIdent author;
    private final CommitSigning signing;
    /** Held while files, the index and refs change: by commits, tags, and a push's rebase. */
    private final Object lock = new Object();
    private final PushQueue queue;

    private GitStore(Git git, PersonIdent author, CommitSigning signing, String branch, GitRemote remote) {
        this.git = git;
        this.author = author;
        this.signing = signing;
        this.queue = remote == null ? null : new PushQueue(git, branch, remote, signing, author, lock);
    }

    private static Git configured(Git git) throws IOException {
        try {
            RepositoryUpkeep.configure(git.getRepository());
            return git;
        } catch (IOException e) {
            git.close();
            throw new IOException("cannot configure the Git repository in " + git.getRepository().getDirectory()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Opens the repository at {@code dir}, creating it on {@code branch} when there is none. */
    public static GitStore open(Path dir, String branch, String authorName, String authorEmail) throws IOException {
        try {
            Git git = configured(Files.isDirectory(dir.resolve(".git"))
                    ? Git.open(dir.toFile())
                    : Git.init().setDirectory(dir.toFile()).setInitialBranch(branch).call());
            return new GitStore(git, new PersonIdent(authorName, authorEmail), null, branch, null);
        } catch (GitAPIException e) {
            throw new IOException("cannot create the Git repository in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens the repository at {@code dir} as a clone of {@code remote}, signing with {@code signingKey}.
     *
     * <p>When there is no repository yet it is cloned from the remote, or started empty with {@code origin} set when
     * the remote has no {@code branch} yet; an existing one gets its {@code origin} pointed at the remote.
     *
     * @param remote     the shared remote, or null to keep the history local
     * @param signingKey the key that signs commits and tags, or null to leave them unsigned
     * @throws SigningKeyException when the signing key cannot be loaded; nothing is opened or created then
     * @throws IOException         when the repository cannot be opened, or the remote cannot be cloned
     */
    public static GitStore open(Path dir, String branch, String authorName, String authorEmail, GitRemote remote,
            SigningKey signingKey) throws IOException {
        CommitSigning signing = signingKey == null ? null : CommitSigning.load(signingKey);
        if (remote == null) {
            GitStore local = open(dir, branch, authorName, authorEmail);
            return new GitStore(local.git, local.author, signing, branch, null);
        }
        Git git;
        if (Files.isDirectory(dir.resolve(".git"))) {
            git = configured(Git.open(dir.toFile()));
            try {
                RemoteSetup.pointOrigin(git, remote);
            } catch (IOException e) {
                git.close();
                throw e;
            }
        } else {
            git = RemoteSetup.cloneOrInit(dir, branch, remote);
            configured(git);
            // The clone's pack came with the remote's delta chains; repack it with this repository's own depth.
            RepositoryUpkeep.repack(git.getRepository());
        }
        return new GitStore(git, new PersonIdent(authorName, authorEmail), signing, branch, remote);
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
        for (String path : files.keySet()) {
            checkPath(path);
        }
        RevCommit commit;
        synchronized (lock) {
            commit = writeAndCommit(subject, body, files, trailers, happenedAt);
        }
        RepositoryUpkeep.packIfDue(git.getRepository());
        return commit;
    }

    private RevCommit writeAndCommit(String subject, String body, Map<String, String> files, List<Trailer> trailers,
            Instant happenedAt) throws IOException {
        Path root = git.getRepository().getWorkTree().toPath();
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
            // Authored when the change happened, committed now: an ident made at open time would date every commit
            // to the start of the process.
            CommitCommand command = git.commit().setMessage(message.toString())
                    .setAuthor(new PersonIdent(author, happenedAt))
                    .setCommitter(new PersonIdent(author, Instant.now())).setAllowEmpty(false).setSign(signing != null);
            if (signing != null) {
                command.setSigner(signing).setSigningKey(signing.keyId()).setGpgConfig(signing.gpgConfig());
            }
            return command.call();
        } catch (GitAPIException e) {
            throw new IOException("cannot commit '" + subject + "': " + e.getMessage(), e);
        }
    }

    /**
     * Tags {@code commit} with an annotated tag, such as {@code debian-12-minimal/2026.12.03.1}.
     *
     * <p>When a push has rebased {@code commit} since it was made, the tag goes on the commit that replaced it.
     */
    public void tag(RevCommit commit, String name, String message) throws IOException {
        for (String segment : name.split("/", -1)) {
            if (!SAFE_SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("tag '" + name + "' is not image/version made of safe words");
            }
        }
        synchronized (lock) {
            try (RevWalk walk = new RevWalk(git.getRepository())) {
                RevCommit target = queue == null ? commit : walk.parseCommit(queue.replacementOf(commit));
                TagCommand command = git.tag().setObjectId(target).setName(name).setMessage(message)
                        .setAnnotated(true).setTagger(new PersonIdent(author, Instant.now()))
                        .setSigned(signing != null);
                if (signing != null) {
                    command.setSigner(signing).setSigningKey(signing.keyId()).setGpgConfig(signing.gpgConfig());
                }
                command.call();
            } catch (GitAPIException e) {
                throw new IOException("cannot tag " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Sends the local commits and their tags to the remote, replaying them onto what other writers pushed first.
     *
     * @throws IllegalStateException   when the store was opened without a remote
     * @throws RebaseConflictException when a queued commit and the remote changed the same files; nothing is lost
     * @throws PushException           when the remote is unreachable, refuses, or kept moving; commits stay queued
     */
    public PushResult push() throws IOException {
        return requireRemote().push();
    }

    /** Returns the local commits the remote does not have yet, oldest first; empty without a remote. */
    public List<PendingCommit> pending() throws IOException {
        return queue == null ? List.of() : queue.pending();
    }

    /** Returns how pushing is going: last attempt, last success, last error and the queue length. */
    public PushStatus pushStatus() throws IOException {
        return requireRemote().status();
    }

    private PushQueue requireRemote() {
        if (queue == null) {
            throw new IllegalStateException("the Git store in " + workTree() + " has no remote to push to");
        }
        return queue;
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
