package dev.goldsmith.catalog.version;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads the version pairs in {@code vercmp/} of the shared fixtures, labelled by the real dpkg and rpm. */
final class VercmpFixtures {

    /** A pair and the tool's verdict: -1, 0 or 1 as {@code left} is older than, equal to or newer than right. */
    record LabelledPair(int line, String left, String right, int expected) {
    }

    /** A pair dpkg refused to compare, with dpkg's message naming the version it refused. */
    record RefusedPair(int line, String left, String right, String message) {
    }

    private VercmpFixtures() {
    }

    /** Returns the pairs of {@code vercmp/dpkg_vercmp.tsv}. */
    static List<LabelledPair> dpkgPairs() {
        return labelledPairs("dpkg_vercmp.tsv");
    }

    /** Returns the pairs of {@code vercmp/rpm_vercmp.tsv}. */
    static List<LabelledPair> rpmPairs() {
        return labelledPairs("rpm_vercmp.tsv");
    }

    /** Returns the pairs of {@code vercmp/dpkg_vercmp.rejected.tsv}. */
    static List<RefusedPair> dpkgRefusedPairs() {
        List<RefusedPair> pairs = new ArrayList<>();
        for (Row row : rows("dpkg_vercmp.rejected.tsv")) {
            pairs.add(new RefusedPair(row.line(), row.fields()[0], row.fields()[1], row.fields()[2]));
        }
        return pairs;
    }

    /** Returns every distinct version of the given pairs, in order of first appearance. */
    static Set<String> versionsOf(List<LabelledPair> pairs) {
        Set<String> versions = new LinkedHashSet<>();
        for (LabelledPair pair : pairs) {
            versions.add(pair.left());
            versions.add(pair.right());
        }
        return versions;
    }

    /**
     * Returns the fixtures directory: the {@code goldsmith.fixtures} system property that surefire sets, else
     * {@code ../shared/fixtures} next to the repository root.
     */
    static Path directory() {
        String configured = System.getProperty("goldsmith.fixtures");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return repositoryRoot().resolve("../shared/fixtures").normalize();
    }

    private static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        // Without Git metadata, assume the build runs in a module directory one level below the root.
        return start.getParent() != null ? start.getParent() : start;
    }

    private static List<LabelledPair> labelledPairs(String fileName) {
        List<LabelledPair> pairs = new ArrayList<>();
        for (Row row : rows(fileName)) {
            String[] fields = row.fields();
            pairs.add(new LabelledPair(row.line(), fields[0], fields[1], Integer.parseInt(fields[2])));
        }
        return pairs;
    }

    private record Row(int line, String[] fields) {
    }

    private static List<Row> rows(String fileName) {
        Path file = directory().resolve("vercmp").resolve(fileName);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + file, e);
        }
        List<Row> rows = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 3) {
                throw new IllegalStateException(file + ":" + (i + 1) + ": expected 3 tab-separated fields");
            }
            rows.add(new Row(i + 1, fields));
        }
        return rows;
    }
}
