package dev.goldsmith.feeds.apt;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import dev.goldsmith.feeds.http.HttpFetcher;
import dev.goldsmith.feeds.poll.FeedPoller;
import dev.goldsmith.feeds.poll.Poll;
import dev.goldsmith.feeds.snapshot.PackageSnapshot;
import dev.goldsmith.feeds.testing.StaticFileServer;

/**
 * Times a whole poll of a real APT suite from a loopback HTTP server, for {@code scripts/bench-poll}: InRelease
 * (signed here with a throwaway key) verified, the {@code Packages.xz} fetched by hash, checked, decompressed, parsed
 * and compared with the snapshot. Beside it, in the same run, {@code xz -dc} alone on the same file. Then the heap one
 * snapshot of the suite takes. Not a test: surefire does not run it.
 *
 * <p>Usage: {@code AptPollBenchmark PACKAGES.XZ [WARM-UP-RUNS [MEASURED-RUNS]]}. Two kinds of poll are timed: the
 * first poll of a feed (every package published) and a repeat poll against the snapshot of the previous one (the
 * usual case: InRelease changed, the index mostly not).
 */
public final class AptPollBenchmark {

    private static final Instant NOW = Instant.now();

    private AptPollBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: AptPollBenchmark PACKAGES.XZ [WARM-UP-RUNS [MEASURED-RUNS]]");
            System.exit(2);
        }
        Path index = Path.of(args[0]);
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        Path work = Files.createTempDirectory("goldsmith-bench-poll");
        try {
            run(index, warmups, runs, work);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Collections.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void run(Path index, int warmups, int runs, Path work) throws Exception {
        TestKey key = TestKey.generate();
        Path www = work.resolve("www");
        publish(index, www, key);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        try (StaticFileServer server = new StaticFileServer(www);
                HttpFetcher fetcher = new HttpFetcher(Duration.ofMinutes(2), 1L << 30)) {
            AptSource source = new AptSource("bench", server.uri("debian/").toString(), "bookworm", List.of("main"),
                    List.of(), null, Map.of());
            AptRepositoryReader reader = new AptRepositoryReader(source, List.of("amd64"),
                    OpenPgpVerifier.fromBytes(key.keyring(), "bench.gpg").withClock(clock));

            List<Double> xz = new ArrayList<>();
            List<Double> first = new ArrayList<>();
            List<Double> repeat = new ArrayList<>();
            int packages = 0;
            for (int i = 0; i < warmups + runs; i++) {
                boolean measured = i >= warmups;
                double xzSeconds = xzDecompress(index);
                Path state = work.resolve("state-" + i);
                FeedPoller poller = new FeedPoller(state, fetcher, 1L << 30, clock);
                long t0 = System.nanoTime();
                Poll poll = poller.poll("bookworm", reader);
                double firstSeconds = (System.nanoTime() - t0) / 1e9;
                poll.commit();
                packages = poll.packagesSeen();
                // Forget the validators so InRelease is fetched again, as after the suite changed.
                Files.delete(state.resolve("bookworm/state.json"));
                long t1 = System.nanoTime();
                Poll again = poller.poll("bookworm", reader);
                double repeatSeconds = (System.nanoTime() - t1) / 1e9;
                if (again.hasFacts()) {
                    throw new IllegalStateException("a repeat poll of the same index yielded facts");
                }
                if (measured) {
                    xz.add(xzSeconds);
                    first.add(firstSeconds);
                    repeat.add(repeatSeconds);
                }
            }
            long heap = snapshotHeap(work.resolve("state-0/bookworm/packages.snapshot.gz"));
            System.out.printf(Locale.ROOT, "%-58s %8s %8s%n", "", "best", "median");
            System.out.printf(Locale.ROOT, "%-58s %8.3f %8.3f%n", "xz -dc Packages.xz > /dev/null", min(xz),
                    median(xz));
            System.out.printf(Locale.ROOT, "%-58s %8.3f %8.3f%n", "first poll (fetch, verify, xz, sha256, parse, diff)",
                    min(first), median(first));
            System.out.printf(Locale.ROOT, "%-58s %8.3f %8.3f%n", "repeat poll against the previous snapshot",
                    min(repeat), median(repeat));
            System.out.printf(Locale.ROOT, "packages %d; snapshot heap %.1f MB%n", packages, heap / 1e6);
            System.out.printf(Locale.ROOT, "result xz=%.4f first=%.4f repeat=%.4f packages=%d heap=%d%n",
                    median(xz), median(first), median(repeat), packages, heap);
        }
    }

    private static void publish(Path index, Path www, TestKey key) throws Exception {
        byte[] xz = Files.readAllBytes(index);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(xz));
        Path suite = www.resolve("debian/dists/bookworm");
        Path byHash = Files.createDirectories(suite.resolve("main/binary-amd64/by-hash/SHA256"));
        Files.write(byHash.resolve(sha), xz);
        DateTimeFormatter date = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ROOT);
        String release = "Origin: Debian\nLabel: Debian\nSuite: bookworm\nVersion: 12\nCodename: bookworm\n"
                + "Date: " + date.format(NOW.minusSeconds(3600).atZone(ZoneOffset.UTC)) + "\n"
                + "Acquire-By-Hash: yes\nArchitectures: amd64\nComponents: main\nSHA256:\n"
                + " " + sha + " " + xz.length + " main/binary-amd64/Packages.xz\n";
        Files.writeString(suite.resolve("InRelease"), key.clearsign(release));
    }

    private static double xzDecompress(Path index) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process xz = new ProcessBuilder("xz", "-dc", index.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (xz.waitFor() != 0) {
            throw new IOException("xz -dc " + index + " failed with " + xz.exitValue());
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Returns the heap a snapshot read from {@code file} occupies, measured around its loading. */
    private static long snapshotHeap(Path file) throws IOException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        settle();
        long before = memory.getHeapMemoryUsage().getUsed();
        PackageSnapshot snapshot = PackageSnapshot.read(file);
        settle();
        long after = memory.getHeapMemoryUsage().getUsed();
        if (snapshot.size() == 0) {
            throw new IllegalStateException("empty snapshot");
        }
        return after - before;
    }

    private static void settle() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
