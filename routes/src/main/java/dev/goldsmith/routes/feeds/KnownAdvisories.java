package dev.goldsmith.routes.feeds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.feeds.snapshot.AdvisoryArchive;

/**
 * Every advisory the advisory feeds carried at their last good poll, read back from the archives they keep under
 * {@code <state-dir>/feeds/<feed>/}, found by advisory id or by one of its aliases (a CVE id).
 */
public final class KnownAdvisories {

    private final Map<String, AdvisoryData> byId = new TreeMap<>();
    private final Map<String, List<AdvisoryData>> byAlias = new TreeMap<>();
    private final List<String> problems;

    private KnownAdvisories(List<String> problems) {
        this.problems = List.copyOf(problems);
    }

    /** Loads the archives of every feed under {@code feedsDir}; unreadable ones are listed in {@link #problems}. */
    public static KnownAdvisories load(Path feedsDir) throws IOException {
        List<Path> archives = List.of();
        if (Files.isDirectory(feedsDir)) {
            try (Stream<Path> dirs = Files.list(feedsDir)) {
                archives = dirs.map(d -> d.resolve(AdvisoryArchive.FILE)).filter(Files::isRegularFile).sorted()
                        .toList();
            }
        }
        List<String> problems = new ArrayList<>();
        List<AdvisoryData> all = new ArrayList<>();
        for (Path archive : archives) {
            try {
                all.addAll(AdvisoryArchive.read(archive));
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
        KnownAdvisories known = new KnownAdvisories(problems);
        known.addAll(all);
        return known;
    }

    private void addAll(Collection<AdvisoryData> advisories) {
        for (AdvisoryData advisory : advisories) {
            byId.putIfAbsent(key(advisory.advisoryId()), advisory);
            for (String alias : advisory.aliases()) {
                byAlias.computeIfAbsent(key(alias), k -> new ArrayList<>()).add(advisory);
            }
        }
    }

    /**
     * Returns the advisories known as {@code idOrAlias}: the one with that id, or else every advisory that names it
     * as an alias (several distributions publish one advisory per CVE). Case does not matter.
     */
    public List<AdvisoryData> find(String idOrAlias) {
        AdvisoryData exact = byId.get(key(idOrAlias));
        if (exact != null) {
            return List.of(exact);
        }
        return List.copyOf(byAlias.getOrDefault(key(idOrAlias), List.of()));
    }

    /** Returns every known advisory, once each, ordered by id. */
    public List<AdvisoryData> all() {
        return List.copyOf(byId.values());
    }

    /** Returns how many advisories are known. */
    public int size() {
        return byId.size();
    }

    /** Returns the archives that could not be read, each with its reason. */
    public List<String> problems() {
        return problems;
    }

    private static String key(String id) {
        return id.toUpperCase(Locale.ROOT);
    }
}
