package dev.goldsmith.catalog.impact;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.InstalledPackage;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.version.VersionScheme;

/**
 * Issue 4, item 8: the impact of 10,000 package facts against 1,000 images of 400 installed packages each, through
 * the index and, in the same run, by the naive scan of every image; and the heap the index takes. Seeded, so every run
 * sees the same data. Not a test: surefire does not run it. Usage: {@code ImpactBenchmark [RUNS]}.
 */
public final class ImpactBenchmark {

    private static final int IMAGES = 1_000;
    private static final int PACKAGES_PER_IMAGE = 400;
    private static final int PACKAGE_NAMES = 8_000;
    private static final int FACTS = 10_000;
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private ImpactBenchmark() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        SplittableRandom random = new SplittableRandom(20261203);
        long heapBefore = usedHeap();
        List<Manifest> manifests = manifests(random);
        ImpactIndex index = new ImpactIndex();
        manifests.forEach(index::add);
        long heapAfter = usedHeap();
        List<PackageData> facts = facts(random);

        List<Double> indexed = new ArrayList<>();
        List<Double> naive = new ArrayList<>();
        int hits = 0;
        int naiveHits = 0;
        for (int i = 0; i < runs + 5; i++) {
            long t0 = System.nanoTime();
            hits = index.packagesPublished(facts).stream().mapToInt(x -> x.changes().size()).sum();
            long t1 = System.nanoTime();
            naiveHits = naiveScan(manifests, facts);
            long t2 = System.nanoTime();
            if (i >= 5) {
                indexed.add((t1 - t0) / 1e6);
                naive.add((t2 - t1) / 1e6);
            }
        }
        if (hits != naiveHits) {
            throw new IllegalStateException("index found " + hits + " changes, the scan " + naiveHits);
        }
        System.out.printf(Locale.ROOT, "%d images x %d packages, %d facts, %d (image, package) changes found%n",
                IMAGES, PACKAGES_PER_IMAGE, FACTS, hits);
        System.out.printf(Locale.ROOT, "%-44s %8s %8s%n", "", "best ms", "median");
        System.out.printf(Locale.ROOT, "%-44s %8.1f %8.1f%n", "impact through the index", min(indexed),
                median(indexed));
        System.out.printf(Locale.ROOT, "%-44s %8.1f %8.1f%n", "naive scan of every image", min(naive),
                median(naive));
        System.out.printf(Locale.ROOT, "heap of the manifests and the index: %.1f MB%n",
                (heapAfter - heapBefore) / 1e6);
        System.out.printf(Locale.ROOT, "result indexed=%.2f naive=%.2f heap=%d%n", median(indexed), median(naive),
                heapAfter - heapBefore);
    }

    /** Each image installs 400 of the 8,000 names; versions vary a little between images, as real fleets do. */
    private static List<Manifest> manifests(SplittableRandom random) {
        List<Manifest> manifests = new ArrayList<>(IMAGES);
        for (int i = 0; i < IMAGES; i++) {
            List<InstalledPackage> packages = new ArrayList<>(PACKAGES_PER_IMAGE);
            Set<Integer> chosen = new HashSet<>();
            while (chosen.size() < PACKAGES_PER_IMAGE) {
                chosen.add(random.nextInt(PACKAGE_NAMES));
            }
            for (int n : chosen) {
                packages.add(new InstalledPackage("pkg" + n, version(n, random.nextInt(3)), "amd64",
                        "src" + (n / 4)));
            }
            manifests.add(new Manifest("image-" + i, ImageVersionId.parse("2026.12.01.1"), "debian-12", "0.0.1",
                    packages, new Manifest.Artifact("/images/image-" + i + ".qcow2", "qcow2", SHA, 1), "local",
                    List.of(new Manifest.Step("provision", Duration.ofSeconds(1))), List.of(),
                    Instant.parse("2026-12-01T00:00:00Z")));
        }
        return manifests;
    }

    /** Facts about random names, at the newest image version, one newer, or one older. */
    private static List<PackageData> facts(SplittableRandom random) {
        List<PackageData> facts = new ArrayList<>(FACTS);
        for (int i = 0; i < FACTS; i++) {
            int n = random.nextInt(PACKAGE_NAMES);
            String version = version(n, random.nextInt(4));
            facts.add(new PackageData("bookworm-security", "debian-12", "pkg" + n, version, "amd64", "src" + (n / 4),
                    version, new PackageData.PackageFile("pool/pkg" + n + ".deb", 1, SHA)));
        }
        return facts;
    }

    private static String version(int name, int revision) {
        return (1 + name % 7) + "." + (name % 13) + "-" + (revision + 1) + "+deb12u" + revision;
    }

    /** For each image and each fact: is the package installed, and older than offered? Versions parsed each time. */
    private static int naiveScan(List<Manifest> manifests, List<PackageData> facts) {
        int found = 0;
        for (Manifest m : manifests) {
            Map<String, String> installed = new HashMap<>();
            m.packages().forEach(p -> installed.put(p.name(), p.version()));
            Map<String, String> newest = new HashMap<>();
            for (PackageData fact : facts) {
                String version = installed.get(fact.name());
                if (version != null && VersionScheme.DPKG.compare(version, fact.version()) < 0) {
                    newest.merge(fact.name(), fact.version(),
                            (a, b) -> VersionScheme.DPKG.compare(a, b) >= 0 ? a : b);
                }
            }
            found += newest.size();
        }
        return found;
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
