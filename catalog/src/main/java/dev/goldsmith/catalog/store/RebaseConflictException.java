package dev.goldsmith.catalog.store;

import java.util.List;

/**
 * Thrown when a local commit cannot be replayed onto the remote branch because another writer changed the same
 * files. The rebase is abandoned before anything local changes, so the commits stay queued as they were; a person
 * (or a later change on the remote) has to resolve the clash.
 */
public final class RebaseConflictException extends PushException {

    private static final long serialVersionUID = 1L;

    private final String commitId;
    private final String subject;
    private final List<String> paths;

    RebaseConflictException(String message, String commitId, String subject, List<String> paths) {
        super(message, null);
        this.commitId = commitId;
        this.subject = subject;
        this.paths = List.copyOf(paths);
    }

    /** Returns the id of the local commit that could not be replayed. */
    public String commitId() {
        return commitId;
    }

    /** Returns that commit's subject. */
    public String subject() {
        return subject;
    }

    /** Returns the repository paths both sides changed, sorted. */
    public List<String> paths() {
        return paths;
    }
}
