package dev.goldsmith.routes.config;

import dev.goldsmith.catalog.store.GitRemote;
import dev.goldsmith.catalog.store.SigningKey;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Git repository that is the audit trail (YAML section {@code git}).
 *
 * @param repository the local working repository; defaults to {@code git} under the state directory
 * @param remote a remote to push to, or null to keep the history local
 * @param branch the branch commits go to
 * @param authorName the author and committer name of Goldsmith's commits
 * @param authorEmail the author and committer e-mail of Goldsmith's commits
 * @param sign whether commits and tags are signed
 * @param signingKey the key that signs them; set exactly when {@code sign} is true
 * @param pushAttempts how many fetch-rebase-push rounds one push makes before it gives up
 * @param pushBackoff the wait after the first refused round; each further wait doubles
 */
public record GitConfig(
        Path repository, String remote, String branch, String authorName, String authorEmail, boolean sign,
        Signing signingKey, int pushAttempts, Duration pushBackoff) {

    public static final String DEFAULT_BRANCH = "main";
    public static final String DEFAULT_AUTHOR_NAME = "Goldsmith";
    public static final String DEFAULT_AUTHOR_EMAIL = "goldsmith@localhost";
    public static final int DEFAULT_PUSH_ATTEMPTS = GitRemote.DEFAULT_PUSH_ATTEMPTS;
    public static final Duration DEFAULT_PUSH_BACKOFF = GitRemote.DEFAULT_BACKOFF;
    public static final int MAX_PUSH_ATTEMPTS = 100;

    /** Returns the defaults for a local repository under {@code stateDir}. */
    public static GitConfig defaults(Path stateDir) {
        return new GitConfig(stateDir.resolve("git"), null, DEFAULT_BRANCH, DEFAULT_AUTHOR_NAME,
                DEFAULT_AUTHOR_EMAIL, false, null, DEFAULT_PUSH_ATTEMPTS, DEFAULT_PUSH_BACKOFF);
    }

    /** Returns the remote the store pushes to, with this section's retry settings, or null without a remote. */
    public GitRemote gitRemote() {
        return remote == null ? null : new GitRemote(remote, pushAttempts, pushBackoff);
    }

    /**
     * The OpenPGP key that signs commits and tags (YAML section {@code git.signing-key}).
     *
     * @param keyring an OpenPGP secret keyring file, as {@code gpg --export-secret-keys --armor KEY-ID} writes it
     * @param keyId the key's 16-digit key id or 40-digit fingerprint
     * @param passphrase the secret that unlocks the key, or null when the key is not protected
     */
    public record Signing(Path keyring, String keyId, Secret passphrase) {

        /**
         * Returns the key for the Git store, with the passphrase read now.
         *
         * @throws IllegalStateException when the passphrase's variable or file has gone; the message names it
         */
        public SigningKey toSigningKey() {
            return new SigningKey(keyring, keyId, passphrase == null ? "" : passphrase.reveal());
        }
    }
}
