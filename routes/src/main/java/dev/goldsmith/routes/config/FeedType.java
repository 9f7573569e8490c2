package dev.goldsmith.routes.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of feed Goldsmith watches, with the YAML keys each kind takes besides the common ones.
 */
public enum FeedType {
    /** An APT repository named by a sources.list line. */
    APT("apt", Set.of("source", "architectures", "keyring")),
    /** The APT repositories the host itself is configured with. */
    HOST_APT("host-apt", Set.of()),
    /** An RPM repository (its base URL, holding {@code repodata/}). */
    RPM("rpm", Set.of("url", "gpg-key", "distribution")),
    /** OSV advisories, from a URL or a local directory. */
    OSV("osv", Set.of("url", "path")),
    /** CSAF or VEX documents, from a URL or a local directory. */
    CSAF("csaf", Set.of("url", "path")),
    /** An RPM repository's {@code updateinfo} advisories. */
    UPDATEINFO("updateinfo", Set.of("url", "gpg-key", "distribution"));

    private final String key;
    private final Set<String> optionKeys;

    FeedType(String key, Set<String> optionKeys) {
        this.key = key;
        this.optionKeys = optionKeys;
    }

    /** Returns the type as written in YAML, such as {@code host-apt}. */
    public String key() {
        return key;
    }

    /** Returns the type-specific keys a feed of this type may have. */
    Set<String> optionKeys() {
        return optionKeys;
    }

    /** Returns the type written as {@code key} in YAML, if there is one. */
    public static Optional<FeedType> fromKey(String key) {
        return Arrays.stream(values()).filter(type -> type.key.equals(key)).findFirst();
    }

    /** Returns the YAML spelling of every type, in declaration order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(FeedType::key).toList();
    }
}
