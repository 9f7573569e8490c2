package dev.goldsmith.routes.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An APT repository as a one-line sources.list entry names it: {@code deb URI SUITE COMPONENT...}.
 *
 * <p>A suite ending in {@code /} is a flat repository and has no components; any other suite has at least one.
 *
 * @param uri the repository's base URI (http, https or file)
 * @param suite the distribution or suite, such as {@code bookworm-security}
 * @param components the components to read, such as {@code main}; empty for a flat repository
 */
public record AptSource(URI uri, String suite, List<String> components) {

    private static final Set<String> SCHEMES = Set.of("http", "https", "file");

    public AptSource {
        components = List.copyOf(components);
    }

    /**
     * Returns the source a one-line sources.list entry describes.
     *
     * @throws IllegalArgumentException if the line is not such an entry; the message says what is wrong
     */
    public static AptSource parse(String line) {
        List<String> words = Arrays.stream(line.trim().split("\\s+")).filter(word -> !word.isEmpty()).toList();
        if (words.isEmpty() || !words.get(0).equals("deb")) {
            throw new IllegalArgumentException(words.isEmpty() || !words.get(0).equals("deb-src")
                    ? "expected a line like 'deb URI SUITE COMPONENT...'"
                    : "deb-src lines name source packages; Goldsmith needs a 'deb' line");
        }
        if (words.size() > 1 && words.get(1).startsWith("[")) {
            throw new IllegalArgumentException(
                    "options in brackets are not read here; use the feed's 'architectures' and 'keyring' keys");
        }
        if (words.size() < 3) {
            throw new IllegalArgumentException("expected a URI and a suite after 'deb'");
        }
        URI uri = parseUri(words.get(1));
        String suite = words.get(2);
        List<String> components = words.subList(3, words.size());
        if (suite.endsWith("/") && !components.isEmpty()) {
            throw new IllegalArgumentException("suite '" + suite + "' is a flat repository and takes no components");
        }
        if (!suite.endsWith("/") && components.isEmpty()) {
            throw new IllegalArgumentException("suite '" + suite + "' needs at least one component, such as 'main'");
        }
        return new AptSource(uri, suite, components);
    }

    private static URI parseUri(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            // The reason and index are enough to find the mistake; the URI itself is not repeated.
            throw new IllegalArgumentException("repository URI is malformed: " + e.getReason() + " at index "
                    + e.getIndex());
        }
        if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("repository URI must use http, https or file");
        }
        if (!uri.getScheme().equalsIgnoreCase("file") && (uri.getHost() == null || uri.getHost().isEmpty())) {
            throw new IllegalArgumentException("repository URI has no host");
        }
        return uri;
    }

    /** Returns the entry as a sources.list line. */
    public String toLine() {
        return ("deb " + uri + " " + suite + " " + String.join(" ", components)).strip();
    }
}
