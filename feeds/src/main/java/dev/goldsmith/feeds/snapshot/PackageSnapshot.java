package dev.goldsmith.feeds.snapshot;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import dev.goldsmith.catalog.io.AtomicFile;

/**
 * The package versions a repository offered at one poll: what the next poll is compared with.
 *
 * <p>On disk it is a gzip-compressed text file, one tab-separated entry per line, sorted, written to a temporary
 * file and moved into place, so a crash leaves either the old snapshot or the new one, never half of one.
 */
public final class PackageSnapshot {

    private static final String HEADER = "# goldsmith package snapshot v1 distribution=";

    private final String distribution;
    private final Set<PackageEntry> entries;

    private PackageSnapshot(String distribution, Set<PackageEntry> entries) {
        this.distribution = distribution;
        this.entries = Collections.unmodifiableSet(entries);
    }

    /** Returns a snapshot with no packages: what a feed that was never polled is compared with. */
    public static PackageSnapshot empty() {
        return new PackageSnapshot("", new HashSet<>());
    }

    /** Returns a snapshot of the given entries; entries with the same key collapse into one. */
    public static PackageSnapshot of(String distribution, Collection<PackageEntry> entries) {
        Builder builder = new Builder(distribution);
        entries.forEach(builder::add);
        return builder.build();
    }

    /** Returns the distribution release the packages belong to, such as {@code debian-12}; empty when unknown. */
    public String distribution() {
        return distribution;
    }

    /** Returns how many package versions the snapshot holds. */
    public int size() {
        return entries.size();
    }

    /** Returns whether the repository offered this package version. */
    public boolean contains(PackageEntry entry) {
        return entries.contains(entry);
    }

    /** Returns every entry, in no particular order. */
    public Set<PackageEntry> entries() {
        return entries;
    }

    /** Returns the entries of this snapshot that {@code newer} no longer has: the withdrawn package versions. */
    public List<PackageEntry> missingFrom(PackageSnapshot newer) {
        List<PackageEntry> missing = new ArrayList<>();
        for (PackageEntry entry : entries) {
            if (!newer.contains(entry)) {
                missing.add(entry);
            }
        }
        missing.sort(ORDER);
        return missing;
    }

    private static final Comparator<PackageEntry> ORDER = Comparator.comparing(PackageEntry::name)
            .thenComparing(PackageEntry::architecture)
            .thenComparing(PackageEntry::version);

    /** Writes the snapshot to {@code file} atomically. */
    public void write(Path file) throws IOException {
        List<PackageEntry> sorted = new ArrayList<>(entries);
        sorted.sort(ORDER);
        AtomicFile.write(file, stream -> {
            BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
                    new GZIPOutputStream(stream, 64 * 1024), StandardCharsets.UTF_8));
            out.write(HEADER);
            out.write(distribution);
            out.write('\n');
            for (PackageEntry e : sorted) {
                out.write(e.name());
                out.write('\t');
                out.write(e.version());
                out.write('\t');
                out.write(e.architecture());
                out.write('\t');
                out.write(e.sourceName().equals(e.name()) ? "" : e.sourceName());
                out.write('\t');
                out.write(e.sourceVersion().equals(e.version()) ? "" : e.sourceVersion());
                out.write('\n');
            }
            out.close();
        });
    }

    /** Reads a snapshot written by {@link #write}; a missing file reads as {@link #empty()}. */
    public static PackageSnapshot read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return empty();
        }
        Builder builder;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 64 * 1024), StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (header == null || !header.startsWith(HEADER)) {
                throw new IOException(file + ": not a Goldsmith package snapshot (first line '" + header + "')");
            }
            builder = new Builder(header.substring(HEADER.length()));
            String line;
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                String[] f = line.split("\t", -1);
                if (f.length != 5) {
                    throw new IOException(file + ":" + number + ": expected 5 tab-separated fields, found " + f.length);
                }
                builder.add(new PackageEntry(f[0], f[1], f[2], f[3].isEmpty() ? null : f[3],
                        f[4].isEmpty() ? null : f[4]));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return builder.build();
    }

    /**
     * Collects entries while an index streams by. Repeated strings (architectures, source names and versions shared
     * by many binaries) are kept once, which keeps a snapshot of a whole distribution small.
     */
    public static final class Builder {

        private final String distribution;
        private final Set<PackageEntry> entries = new HashSet<>();
        private final Map<String, String> strings = new HashMap<>();

        /** Starts a snapshot of packages of {@code distribution}, such as {@code debian-12}. */
        public Builder(String distribution) {
            if (distribution == null || distribution.contains("\n")) {
                throw new IllegalArgumentException("distribution must be one line of text, was " + distribution);
            }
            this.distribution = distribution;
        }

        /** Adds one entry; a second entry with the same name, version and architecture is ignored. */
        public Builder add(PackageEntry entry) {
            entries.add(new PackageEntry(entry.name(), shared(entry.version()), shared(entry.architecture()),
                    shared(entry.sourceName()), shared(entry.sourceVersion())));
            return this;
        }

        private String shared(String s) {
            String known = strings.putIfAbsent(s, s);
            return known != null ? known : s;
        }

        /** Returns the snapshot of everything added. */
        public PackageSnapshot build() {
            return new PackageSnapshot(distribution, entries);
        }
    }
}
