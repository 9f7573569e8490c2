package dev.goldsmith.feeds.apt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

import dev.goldsmith.feeds.FeedException;

/**
 * Times {@link PackagesParser} on a whole, uncompressed {@code Packages} file, for {@code scripts/bench-packages},
 * which compares it with grep-dctrl and python3-debian on the same file. Not a test: surefire does not run it.
 *
 * <p>Usage: {@code PackagesParserBenchmark FILE [WARM-UP-RUNS [MEASURED-RUNS]]}. Each run opens the file, parses
 * every stanza into a {@link PackageStanza} and drops it, as a streaming consumer would. The warm-up runs (at least
 * one, the cold run, whose time is shown apart) let the JIT compile the parser before anything is measured. A last,
 * untimed run keeps every stanza in a list to show the heap the parsed index takes.
 *
 * <p>Besides the human-readable lines it prints one {@code result} and one {@code heap} line of {@code key=value}
 * pairs for the script to read.
 */
public final class PackagesParserBenchmark {

    private PackagesParserBenchmark() {
    }

    public static void main(String[] args) throws IOException, FeedException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: PackagesParserBenchmark FILE [WARM-UP-RUNS [MEASURED-RUNS]]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int warmUps = Math.max(1, args.length > 1 ? Integer.parseInt(args[1]) : 10);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        long bytes = Files.size(file);

        // The first run is timed on its own: a cold JVM, interpreting the parser, is what a one-off parse gets.
        long coldStart = System.nanoTime();
        long stanzas = checkedRun(file, 0);
        double cold = (System.nanoTime() - coldStart) / 1e9;
        for (int i = 1; i < warmUps; i++) {
            stanzas = checkedRun(file, stanzas);
        }
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            stanzas = checkedRun(file, stanzas);
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        double best = seconds[0];
        double median = runs % 2 == 1 ? seconds[runs / 2] : (seconds[runs / 2 - 1] + seconds[runs / 2]) / 2;

        System.out.printf(Locale.ROOT, "PackagesParser: %d stanzas, %.1f MB, %d warm-up and %d measured runs%n",
                stanzas, bytes / 1e6, warmUps, runs);
        System.out.printf(Locale.ROOT, "  best %.4f s (%.0f MB/s), median %.4f s, worst %.4f s%n",
                best, bytes / 1e6 / best, median, seconds[runs - 1]);
        System.out.printf(Locale.ROOT, "  the first, cold run (JVM just started, parser not yet compiled): %.4f s%n",
                cold);
        System.out.printf(Locale.ROOT, "result best=%.4f median=%.4f stanzas=%d runs=%d cold=%.4f%n",
                best, median, stanzas, runs, cold);

        long before = usedHeapAfterGc();
        ArrayList<PackageStanza> kept = new ArrayList<>();
        parse(file, kept::add);
        kept.trimToSize();
        long after = usedHeapAfterGc();
        long retained = after - before;
        System.out.printf(Locale.ROOT, "  the %d stanzas kept in an ArrayList take %.1f MB of heap, %d bytes each%n",
                kept.size(), retained / 1e6, retained / Math.max(1, kept.size()));
        System.out.printf(Locale.ROOT, "heap bytes=%d stanzas=%d digest=%s%n", retained, kept.size(), digest(kept));
    }

    /**
     * Returns the SHA-256 of the kept fields, a line per stanza with tab-separated values (absent ones empty), which
     * the script's python3-debian run computes too: equal digests show both read the same facts.
     */
    private static String digest(List<PackageStanza> stanzas) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        for (PackageStanza s : stanzas) {
            String line = String.join("\t", s.name(), s.version(), s.architecture(), s.sourceName(),
                    s.sourceVersion(), s.filename(), Long.toString(s.size()), s.sha256(),
                    Objects.toString(s.depends(), ""), Objects.toString(s.preDepends(), "")) + "\n";
            sha256.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Parses the file once, dropping each stanza, and fails if the count differs from the previous run's. */
    private static long checkedRun(Path file, long previous) throws IOException, FeedException {
        long[] sink = new long[1];
        long count = parse(file, stanza -> sink[0] += stanza.size() + stanza.sha256().length());
        if (previous != 0 && count != previous) {
            throw new IllegalStateException("run read " + count + " stanzas, the one before " + previous);
        }
        if (sink[0] == 0) {
            throw new IllegalStateException("no stanza in " + file);
        }
        return count;
    }

    private static long parse(Path file, Consumer<PackageStanza> action)
            throws IOException, FeedException {
        try (InputStream in = Files.newInputStream(file)) {
            return PackagesParser.parse(in, file.toString(), action);
        }
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        // A few collections in a row, keeping the lowest reading, settle what one alone may leave behind.
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
