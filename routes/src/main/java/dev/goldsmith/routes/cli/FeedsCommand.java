package dev.goldsmith.routes.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.apt.AptSourcesReader;
import dev.goldsmith.feeds.http.HttpFetcher;
import dev.goldsmith.feeds.inspect.FeedFileInspector;
import dev.goldsmith.feeds.poll.FeedPoller;
import dev.goldsmith.feeds.poll.Poll;
import dev.goldsmith.routes.config.ConfigException;
import dev.goldsmith.routes.config.ConfigLoader;
import dev.goldsmith.routes.config.FeedConfig;
import dev.goldsmith.routes.config.GoldsmithConfig;
import dev.goldsmith.routes.feeds.FeedReaderFactory;
import dev.goldsmith.routes.feeds.FeedReaderFactory.NamedReader;
import dev.goldsmith.routes.feeds.FeedsFeature;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Looks at feeds from the command line: one poll now, or what a local feed file holds. */
@Command(name = "feeds", mixinStandardHelpOptions = true,
        description = "Polls feeds once, or inspects a local feed file.",
        subcommands = {FeedsCommand.PollCommand.class, FeedsCommand.InspectCommand.class})
final class FeedsCommand {

    @Command(name = "poll", mixinStandardHelpOptions = true,
            description = {
                "Runs one poll of each selected feed and prints what it found: files read, packages seen,"
                        + " published and withdrawn, advisories new and updated, the signer verified, the duration.",
                "Configured feeds are compared with their snapshots under the state directory; ad-hoc ones"
                        + " (--repo, --host-apt) with nothing, so everything they offer counts as published."
                        + " Nothing is published and no snapshot moves: 'goldsmith run' does that.",
                "Exits 0 when every feed was read and believed, 1 when any failed (the reason is printed)."
            })
    static final class PollCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = {"-c", "--config"}, paramLabel = "FILE",
                defaultValue = "${env:GOLDSMITH_CONFIG:-config/goldsmith.yaml}",
                description = "The configuration naming the feeds (default: ${DEFAULT-VALUE}).")
        Path config;

        @ArgGroup(exclusive = true)
        Selection selection = new Selection();

        static final class Selection {
            @Option(names = "--feed", paramLabel = "NAME", description = "Only this configured feed (repeatable).")
            List<String> feeds = new ArrayList<>();

            @ArgGroup(exclusive = false)
            AdHoc adHoc;

            @Option(names = "--host-apt", description = "The suites of this machine's own APT sources.")
            boolean hostApt;
        }

        static final class AdHoc {
            @Option(names = "--repo", required = true, paramLabel = "LINE",
                    description = "An APT repository as a sources.list line: \"deb URI SUITE COMPONENT...\".")
            String line;

            @Option(names = "--keyring", paramLabel = "FILE",
                    description = "The keyring its signatures must verify with (default: Debian's archive keyring).")
            Path keyring;
        }

        @Option(names = "--arch", paramLabel = "ARCH", split = ",",
                description = "Architectures of APT repositories to read (default: the sources' own, or this host's).")
        List<String> architectures = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            FeedReaderFactory factory = new FeedReaderFactory(Path.of("/"));
            List<NamedReader> readers = new ArrayList<>();
            Map<String, Long> limits = new HashMap<>();
            Path seed = null;
            try {
                if (selection.adHoc != null) {
                    Path keyring = selection.adHoc.keyring != null ? selection.adHoc.keyring
                            : Path.of("/").resolve(AptSourcesReader.DEFAULT_KEYRING);
                    List<String> archs = architectures.isEmpty() ? List.of("amd64") : architectures;
                    readers.add(new NamedReader("repo", FeedReaderFactory.aptLine(selection.adHoc.line, keyring,
                            archs)));
                } else if (selection.hostApt) {
                    readers.addAll(factory.hostApt("host-apt", architectures));
                } else {
                    GoldsmithConfig loaded = ConfigLoader.load(config, System.getenv());
                    seed = loaded.stateDir().resolve("feeds");
                    for (FeedConfig feed : loaded.feeds()) {
                        if (selection.feeds.isEmpty() || selection.feeds.contains(feed.name())) {
                            for (NamedReader reader : factory.create(feed)) {
                                readers.add(reader);
                                limits.put(reader.name(), feed.maxBytes());
                            }
                        }
                    }
                    if (readers.isEmpty()) {
                        err.println("no configured feed is called " + String.join(", ", selection.feeds));
                        return 2;
                    }
                }
            } catch (ConfigException e) {
                e.problems().forEach(err::println);
                return 2;
            } catch (IOException | FeedException | IllegalArgumentException e) {
                err.println(e.getMessage());
                return 2;
            }
            return pollAll(readers, limits, seed, out);
        }

        private int pollAll(List<NamedReader> readers, Map<String, Long> limits, Path seed, PrintWriter out)
                throws IOException {
            Path scratch = Files.createTempDirectory("goldsmith-feeds-poll");
            int failures = 0;
            long largest = limits.values().stream().mapToLong(Long::longValue).max().orElse(FeedsFeature.MAX_BYTES);
            try (HttpFetcher fetcher = new HttpFetcher(FeedsFeature.DOWNLOAD_TIMEOUT, largest)) {
                FeedPoller poller = new FeedPoller(scratch, fetcher, FeedsFeature.MAX_BYTES, Clock.systemUTC());
                for (NamedReader reader : readers) {
                    copySnapshot(seed, scratch, reader.name());
                    out.println(reader.name());
                    try {
                        print(out, poller.poll(reader.name(), reader.reader(),
                                limits.getOrDefault(reader.name(), FeedsFeature.MAX_BYTES)));
                    } catch (FeedException e) {
                        failures++;
                        out.printf("  FAILED (%s)     %s%n", e.kind().name().toLowerCase(Locale.ROOT),
                                e.getMessage());
                    }
                    out.flush();
                }
            } finally {
                deleteTree(scratch);
            }
            return failures == 0 ? 0 : 1;
        }

        private static void print(PrintWriter out, Poll poll) {
            if (poll.unchanged()) {
                out.println("  unchanged since the last poll");
            } else {
                out.printf("  files read     %s%n", String.join(", ", poll.filesRead()));
                out.printf("  packages       %d (published %d, withdrawn %d)%n", poll.packagesSeen(),
                        poll.published().size(), poll.withdrawn().size());
                out.printf("  advisories     %d (new %d, updated %d)%n", poll.advisoriesSeen(),
                        poll.newAdvisories().size(), poll.updatedAdvisories().size());
            }
            out.printf("  signer         %s%n", poll.signer() == null ? "none (unsigned source)" : poll.signer());
            out.printf("  duration       %.3f s%n", poll.duration().toMillis() / 1000.0);
        }

        private static void copySnapshot(Path seed, Path scratch, String feed) throws IOException {
            if (seed == null || !Files.isDirectory(seed.resolve(feed))) {
                return;
            }
            Path target = Files.createDirectories(scratch.resolve(feed));
            for (String file : List.of("state.json", "packages.snapshot.gz", "advisories.json")) {
                Path source = seed.resolve(feed).resolve(file);
                if (Files.exists(source)) {
                    Files.copy(source, target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }

        private static void deleteTree(Path dir) throws IOException {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = {
                "Reads a local feed file and prints what it holds: a Debian Packages index, an RPM repomd.xml,"
                        + " primary.xml or updateinfo.xml, or OSV or CSAF advisories (a JSON document, a zip or a"
                        + " directory), compressed or not; the format is recognised by content.",
                "Exits 1, naming the file and the reason, when the file does not parse."
            })
    static final class InspectCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PATH", description = "The file or directory to read.")
        Path path;

        @Override
        public Integer call() throws IOException {
            try {
                FeedFileInspector.Inspection found = new FeedFileInspector(FeedsFeature.MAX_BYTES).inspect(path);
                PrintWriter out = spec.commandLine().getOut();
                out.println(path + ": " + found.format());
                out.println("  " + found.summary());
                found.samples().forEach(sample -> out.println("  " + sample));
                out.flush();
                return 0;
            } catch (FeedException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 1;
            }
        }
    }
}
