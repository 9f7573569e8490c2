package dev.goldsmith.catalog.store;

import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import org.eclipse.jgit.transport.URIish;

/**
 * The shared repository the audit trail is pushed to, as remote {@code origin}, and how hard a push tries.
 *
 * <p>A URL may carry a password or token ({@code https://user:token@host/repo.git}); {@link #toString()} and every
 * message this package writes show it {@linkplain #redact(String) redacted}.
 *
 * @param url          where to push: a URL Git understands or a path to a bare repository
 * @param pushAttempts how many times one push fetches, rebases and pushes before it gives up, at least 1
 * @param backoff      the wait after the first rejected attempt; each further wait doubles, plus up to half again
 */
public record GitRemote(String url, int pushAttempts, Duration backoff) {

    /** The name the remote has in the local repository. */
    public static final String NAME = "origin";
    public static final int DEFAULT_PUSH_ATTEMPTS = 5;
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);

    public GitRemote {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(backoff, "backoff");
        if (url.isBlank() || url.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("a remote URL is one word without spaces or control characters");
        }
        if (pushAttempts < 1) {
            throw new IllegalArgumentException("push attempts must be at least 1, was " + pushAttempts);
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("push backoff must not be negative, was " + backoff);
        }
    }

    /** Returns a remote at {@code url} with the default attempts and backoff. */
    public static GitRemote of(String url) {
        return new GitRemote(url, DEFAULT_PUSH_ATTEMPTS, DEFAULT_BACKOFF);
    }

    /**
     * Returns {@code text} with this remote's credentials replaced by {@code ***}: the password of its URL, and the
     * user of an HTTP URL without a password, which is how tokens are often written.
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        URIish parsed;
        try {
            parsed = new URIish(url);
        } catch (URISyntaxException e) {
            return text;
        }
        String redacted = text;
        if (parsed.getPass() != null && !parsed.getPass().isEmpty()) {
            redacted = redacted.replace(parsed.getPass(), "***");
        } else if (parsed.getUser() != null && parsed.getScheme() != null
                && parsed.getScheme().toLowerCase(Locale.ROOT).startsWith("http")) {
            redacted = redacted.replace(parsed.getUser() + "@", "***@");
        }
        return redacted;
    }

    /** Returns the URL with its credentials, if any, replaced by {@code ***}. */
    public String safeUrl() {
        return redact(url);
    }

    @Override
    public String toString() {
        return "GitRemote[" + safeUrl() + ", attempts " + pushAttempts + ", backoff " + backoff + "]";
    }
}
