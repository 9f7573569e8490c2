package dev.goldsmith.routes.config;

import java.nio.file.Path;

/**
 * The Git repository that is the audit trail (YAML section {@code git}).
 *
 * @param repository the local working repository; defaults to {@code git} under the state directory
 * @param remote a remote to push to, or null to keep the history local
 * @param branch the branch commits go to
 * @param authorName the author and committer name of Goldsmith's commits
 * @param authorEmail the author and committer e-mail of Goldsmith's commits
 * @param sign whether commits and tags are signed
 */
public record GitConfig(
        Path repository, String remote, String branch, String authorName, String authorEmail, boolean sign) {

    public static final String DEFAULT_BRANCH = "main";
    public static final String DEFAULT_AUTHOR_NAME = "Goldsmith";
    public static final String DEFAULT_AUTHOR_EMAIL = "goldsmith@localhost";

    /** Returns the defaults for a local repository under {@code stateDir}. */
    public static GitConfig defaults(Path stateDir) {
        return new GitConfig(stateDir.resolve("git"), null, DEFAULT_BRANCH, DEFAULT_AUTHOR_NAME,
                DEFAULT_AUTHOR_EMAIL, false);
    }
}
