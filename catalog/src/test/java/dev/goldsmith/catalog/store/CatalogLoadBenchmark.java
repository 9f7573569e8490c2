package dev.goldsmith.catalog.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.goldsmith.catalog.event.LifecycleState;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.InstalledPackage;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.image.PackageLock;
import dev.goldsmith.catalog.state.ImageEntry;
import dev.goldsmith.catalog.state.StateChange;
import dev.goldsmith.catalog.state.VersionEntry;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Issue 4, item 5: rebuilding the catalog at start-up from a repository of 1,000 images with 20 versions each, under
 * 2 s. Seeded data, so runs are comparable. Not a test: surefire does not run it; {@code scripts/bench-catalog} runs
 * each mode in its own JVM.
 *
 * <p>Each image has 20 versions: 16 retired, 1 revoked, then 1 deprecated, 1 stable and 1 testing, so 3 live
 * versions per image, 3,000 in all. A live version's manifest lists 400 packages (out of 8,000 names); a dead
 * version's lists 40, since the loader never opens it and only the tree it sits in matters. Every version also has
 * its {@code lock.toml} and {@code qa.xml}; every image its blueprint and catalog entry. All of it is one commit.
 *
 * <p>Usage: {@code generate DIR} writes the work tree and commits it; {@code cold DIR git|files} times one first
 * load in this JVM through Git objects or, as the reference, by reading the checked-out work tree with java.nio and
 * the same Jackson parsing; {@code warm DIR RUNS} times both, alternately, after a warm-up.
 */
public final class CatalogLoadBenchmark {

    private static final int IMAGES = 1_000;
    private static final int VERSIONS = 20;
    private static final int LIVE_PACKAGES = 400;
    private static final int DEAD_PACKAGES = 40;
    private static final int PACKAGE_NAMES = 8_000;
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final Set<LifecycleState> DEAD = EnumSet.of(LifecycleState.RETIRED, LifecycleState.FAILED,
            LifecycleState.REVOKED);

    private CatalogLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "generate" -> generate(dir);
            case "cold" -> cold(dir, args[2]);
            case "warm" -> warm(dir, Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("mode is generate, cold or warm, not " + args[0]);
        }
    }

    /** Loads once in a fresh JVM and prints the time and the heap the loaded catalog holds. */
    private static void cold(Path dir, String how) throws IOException {
        long heapBefore = usedHeap();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        Counted loaded = how.equals("git") ? viaGit(dir) : viaFiles(dir);
        double ms = (System.nanoTime() - t0) / 1e6;
        double cpu = (processCpuNanos() - cpu0) / 1e6;
        long heap = usedHeap() - heapBefore;
        System.out.printf(Locale.ROOT, "cold %-5s %8.1f ms (process CPU %.0f ms)  %d entries, %d live manifests,"
                + " %d problems, heap %.1f MB%n", how, ms, cpu, loaded.entries, loaded.manifests, loaded.problems,
                heap / 1e6);
        System.out.printf(Locale.ROOT, "result cold-%s=%.2f cpu-%s=%.0f heap-%s=%d%n", how, ms, how, cpu, how, heap);
        if (loaded.keep == null) {
            throw new IllegalStateException("nothing loaded");
        }
    }

    private static void warm(Path dir, int runs) throws IOException {
        List<Double> git = new ArrayList<>();
        List<Double> files = new ArrayList<>();
        for (int i = 0; i < runs + 3; i++) {
            long t0 = System.nanoTime();
            Counted a = viaGit(dir);
            long t1 = System.nanoTime();
            Counted b = viaFiles(dir);
            long t2 = System.nanoTime();
            if (a.manifests != b.manifests || a.entries != b.entries) {
                throw new IllegalStateException("Git loaded " + a + ", the files " + b);
            }
            if (i >= 3) {
                git.add((t1 - t0) / 1e6);
                files.add((t2 - t1) / 1e6);
            }
        }
        System.out.printf(Locale.ROOT, "%-52s %8s %8s%n", "warm, " + runs + " runs", "best ms", "median");
        System.out.printf(Locale.ROOT, "%-52s %8.1f %8.1f%n", "CatalogLoader (Git objects of HEAD)", min(git),
                median(git));
        System.out.printf(Locale.ROOT, "%-52s %8.1f %8.1f%n", "reference: work tree via java.nio + Jackson",
                min(files), median(files));
        System.out.printf(Locale.ROOT, "result warm-git=%.2f warm-files=%.2f%n", median(git), median(files));
    }

    private static Counted viaGit(Path dir) throws IOException {
        LoadedCatalog catalog = CatalogLoader.load(dir);
        return new Counted(catalog.entries().size(), catalog.liveManifests().size(), catalog.problems().size(),
                catalog);
    }

    /** The reference: the same files, found by listing the work tree and read with java.nio. */
    private static Counted viaFiles(Path dir) throws IOException {
        Map<String, ImageEntry> entries = new TreeMap<>();
        List<Manifest> manifests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve(CatalogLayout.CATALOG))) {
            for (Path file : files.sorted().toList()) {
                ImageEntry entry = ImageEntry.fromJson(Files.readString(file), file.toString());
                entries.put(entry.image(), entry);
            }
        }
        for (ImageEntry entry : entries.values()) {
            for (VersionEntry v : entry.versions()) {
                if (!DEAD.contains(v.state())) {
                    Path file = dir.resolve(CatalogLayout.manifest(entry.image(), v.version()));
                    manifests.add(Manifest.fromJson(Files.readString(file), file.toString()));
                }
            }
        }
        return new Counted(entries.size(), manifests.size(), 0, List.of(entries, manifests));
    }

    private record Counted(int entries, int manifests, int problems, Object keep) {
    }

    /** Writes the work tree, inserts every file as a blob and commits the tree, in one commit on {@code main}. */
    private static void generate(Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(20261203);
        long t0 = System.nanoTime();
        Files.createDirectories(dir);
        try (Repository repository = FileRepositoryBuilder.create(dir.resolve(Constants.DOT_GIT).toFile())) {
            repository.create();
            // Configured as GitStore configures the audit repository, so `git gc` packs it the same way.
            RepositoryUpkeep.configure(repository);
            RefUpdate.Result linked = repository.getRefDatabase().newUpdate(Constants.HEAD, false)
                    .link("refs/heads/main");
            if (linked != RefUpdate.Result.NEW && linked != RefUpdate.Result.FORCED) {
                throw new IOException("cannot point HEAD at main: " + linked);
            }
            DirCache index = repository.lockDirCache();
            DirCacheBuilder builder = index.builder();
            long bytes = 0;
            try (ObjectInserter inserter = repository.newObjectInserter()) {
                for (int i = 0; i < IMAGES; i++) {
                    bytes += image(dir, "image-" + i, random, builder, inserter);
                }
                builder.finish();
                ObjectId tree = index.writeTree(inserter);
                CommitBuilder commit = new CommitBuilder();
                PersonIdent who = new PersonIdent("Goldsmith", "goldsmith@example.org");
                commit.setAuthor(who);
                commit.setCommitter(who);
                commit.setTreeId(tree);
                commit.setMessage("benchmark: " + IMAGES + " images x " + VERSIONS + " versions\n");
                ObjectId id = inserter.insert(commit);
                inserter.flush();
                RefUpdate update = repository.updateRef("refs/heads/main");
                update.setNewObjectId(id);
                update.setExpectedOldObjectId(ObjectId.zeroId());
                RefUpdate.Result result = update.update();
                if (result != RefUpdate.Result.NEW) {
                    throw new IOException("cannot create main: " + result);
                }
            }
            index.write();
            index.commit();
            System.out.printf(Locale.ROOT, "generated %d files, %.0f MB, in %.1f s%n", index.getEntryCount(),
                    bytes / 1e6, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Writes one image's files; returns how many bytes. */
    private static long image(Path dir, String image, SplittableRandom random, DirCacheBuilder builder,
            ObjectInserter inserter) throws IOException {
        Set<Integer> chosen = new HashSet<>();
        while (chosen.size() < LIVE_PACKAGES) {
            chosen.add(random.nextInt(PACKAGE_NAMES));
        }
        List<Integer> names = chosen.stream().sorted().toList();
        List<VersionEntry> versions = new ArrayList<>();
        Map<String, String> files = new TreeMap<>();
        LocalDate day = LocalDate.of(2025, 1, 1);
        for (int v = 0; v < VERSIONS; v++) {
            ImageVersionId version = new ImageVersionId(day.plusDays(7L * v + random.nextInt(3)), 1);
            Instant built = version.date().atStartOfDay().toInstant(java.time.ZoneOffset.UTC).plusSeconds(3600);
            List<LifecycleState> path = statesOf(v);
            List<StateChange> history = new ArrayList<>();
            LifecycleState from = null;
            Instant at = built.minusSeconds(1200);
            for (LifecycleState to : path) {
                history.add(new StateChange(from, to, at, to == LifecycleState.REVOKED ? "DSA-" + (5000 + v)
                        + "-1 fixed in a newer version" : "policy moved it to " + to.name().toLowerCase(Locale.ROOT)));
                from = to;
                at = at.plusSeconds(3600);
            }
            versions.add(new VersionEntry(version, built.minusSeconds(1200), history));
            int count = DEAD.contains(path.get(path.size() - 1)) ? DEAD_PACKAGES : LIVE_PACKAGES;
            List<InstalledPackage> packages = new ArrayList<>(count);
            for (int n : names.subList(0, count)) {
                packages.add(new InstalledPackage("pkg" + n, (1 + n % 7) + "." + (n % 13) + "-" + (v / 4 + 1)
                        + "+deb12u" + (v % 4), "amd64", "src" + (n / 4)));
            }
            Manifest manifest = new Manifest(image, version, "debian-12", "1.0." + v, packages,
                    new Manifest.Artifact("/var/lib/goldsmith/images/" + image + "/" + version + ".qcow2", "qcow2",
                            SHA, 524_288_000L),
                    "local", List.of(new Manifest.Step("provision", Duration.ofMinutes(20))),
                    List.of(new Manifest.Trigger("pkg" + names.get(v), "1.0-1", "1.0-2", List.of("DSA-" + (5000 + v)
                            + "-1"), List.of("CVE-2025-" + (10000 + v)), null)), built);
            files.put(CatalogLayout.manifest(image, version), manifest.toJson());
            files.put(CatalogLayout.lock(image, version), PackageLock.of(manifest).toToml());
            files.put(CatalogLayout.qa(image, version), "<testsuite name=\"base\" tests=\"3\" failures=\"0\"/>\n");
        }
        ImageEntry entry = new ImageEntry(image, versions, Map.of("stable", versions.get(VERSIONS - 2).version()));
        files.put(CatalogLayout.catalogEntry(image), entry.toJson());
        files.put(CatalogLayout.blueprint(image), "name = \"" + image + "\"\nversion = \"1.0." + VERSIONS
                + "\"\ndistro = \"debian-12\"\n");
        long bytes = 0;
        for (Map.Entry<String, String> file : files.entrySet()) {
            byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, content);
            DirCacheEntry cached = new DirCacheEntry(file.getKey());
            cached.setFileMode(FileMode.REGULAR_FILE);
            cached.setLength(content.length);
            cached.setObjectId(inserter.insert(Constants.OBJ_BLOB, content));
            builder.add(cached);
            bytes += content.length;
        }
        return bytes;
    }

    /** Versions 0-15 retired, 16 revoked, 17 deprecated, 18 stable, 19 testing. */
    private static List<LifecycleState> statesOf(int v) {
        List<LifecycleState> path = new ArrayList<>(List.of(LifecycleState.BUILDING, LifecycleState.BUILT,
                LifecycleState.TESTING));
        if (v == VERSIONS - 1) {
            return path;
        }
        path.add(LifecycleState.STABLE);
        if (v == VERSIONS - 2) {
            return path;
        }
        if (v == VERSIONS - 4) {
            path.add(LifecycleState.REVOKED);
            return path;
        }
        path.add(LifecycleState.DEPRECATED);
        if (v < VERSIONS - 4) {
            path.add(LifecycleState.RETIRED);
        }
        return path;
    }

    /** Returns the CPU time of the whole process, JIT and GC included, so a busy machine can be told apart. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
