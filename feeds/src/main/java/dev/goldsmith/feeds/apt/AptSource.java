package dev.goldsmith.feeds.apt;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One APT repository suite a host uses: a {@code deb} line of {@code sources.list}, or one URI and suite of a
 * deb822 {@code .sources} stanza (a stanza naming several URIs or suites gives one AptSource for each).
 *
 * @param origin        where the entry was read, such as {@code /etc/apt/sources.list.d/x.sources (stanza at line 1)}
 * @param uri           the repository's base URI, ending in {@code /}
 * @param suite         the suite or codename, such as {@code bookworm} or {@code stable-security}
 * @param components    the components to use, such as {@code main}
 * @param architectures the architectures the entry restricts itself to; empty for the host's own
 * @param signedBy      the keys trusted for this repository; null when neither the entry names any nor the default
 *                      archive keyring exists
 * @param options       any other options, lower-cased names, as written (such as {@code trusted}, {@code lang},
 *                      {@code check-valid-until}). Goldsmith verifies signatures whatever {@code trusted} says.
 */
public record AptSource(String origin, String uri, String suite, List<String> components, List<String> architectures,
        SignedBy signedBy, Map<String, String> options) {

    public AptSource {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(suite, "suite");
        if (!uri.endsWith("/")) {
            uri = uri + "/";
        }
        components = List.copyOf(components);
        architectures = List.copyOf(architectures);
        options = Map.copyOf(options);
    }

    /** Returns the URI of the suite's directory, such as {@code http://example.org/debian/dists/bookworm/}. */
    public String distsUri() {
        return uri + "dists/" + suite + "/";
    }

    /**
     * Returns the URI of a file in the suite's directory, such as {@code InRelease} or a path from the Release's
     * SHA256 list.
     */
    public String fileUri(String relativePath) {
        return distsUri() + relativePath;
    }
}
