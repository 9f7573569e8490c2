package dev.goldsmith.feeds.apt;

import java.util.List;

/**
 * What a host's APT sources hold.
 *
 * @param sources     the usable entries, in the order apt reads them
 * @param unsupported entries that are valid for apt but that Goldsmith cannot follow, each with where it is and why
 *                    (flat repositories, for now)
 */
public record AptSources(List<AptSource> sources, List<String> unsupported) {

    public AptSources {
        sources = List.copyOf(sources);
        unsupported = List.copyOf(unsupported);
    }
}
