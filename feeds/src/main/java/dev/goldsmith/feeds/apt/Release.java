package dev.goldsmith.feeds.apt;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an APT Release (or the signed text of an InRelease) says about a repository suite. Optional fields that
 * are absent are null; lists are empty.
 *
 * @param source       where the Release came from (URL or path and file), used in error messages
 * @param date         when the archive generated the Release; null when absent
 * @param validUntil   after when the Release must no longer be believed; null when it does not expire
 * @param acquireByHash whether index files can be fetched from their {@code by-hash/SHA256/} directory
 * @param files        the {@code SHA256} field, keyed by path in the order listed
 */
public record Release(String source, String origin, String label, String suite, String codename, String version,
        Instant date, Instant validUntil, List<String> architectures, List<String> components,
        boolean acquireByHash, Map<String, ReleaseFile> files) {

    public Release {
        Objects.requireNonNull(source, "source");
        architectures = List.copyOf(architectures);
        components = List.copyOf(components);
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** Returns the entry for a path listed in the {@code SHA256} field. */
    public Optional<ReleaseFile> file(String path) {
        return Optional.ofNullable(files.get(path));
    }

    /** Returns every {@code SHA256} entry, in the order the Release lists them. */
    public Collection<ReleaseFile> listedFiles() {
        return files.values();
    }
}
