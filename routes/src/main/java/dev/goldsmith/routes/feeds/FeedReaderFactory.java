package dev.goldsmith.routes.feeds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.advisory.AdvisoryFeedReader;
import dev.goldsmith.feeds.advisory.AdvisoryFormat;
import dev.goldsmith.feeds.apt.AptRepositoryReader;
import dev.goldsmith.feeds.apt.AptSource;
import dev.goldsmith.feeds.apt.AptSources;
import dev.goldsmith.feeds.apt.AptSourcesReader;
import dev.goldsmith.feeds.apt.SignedBy;
import dev.goldsmith.feeds.poll.FeedReader;
import dev.goldsmith.feeds.rpm.RepoMdSignature;
import dev.goldsmith.feeds.rpm.RpmRepositoryReader;
import dev.goldsmith.feeds.rpm.UpdateInfoReader;
import dev.goldsmith.routes.config.FeedConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the readers of the configured feeds. Most feeds are one reader each; a {@code host-apt} feed becomes one
 * reader per suite the host's APT sources name, called {@code <feed>-<suite>}, each with its own snapshot.
 */
public final class FeedReaderFactory {

    private static final Logger LOG = LoggerFactory.getLogger(FeedReaderFactory.class);

    /** A reader under the name its snapshot, state, health and events carry. */
    public record NamedReader(String name, FeedReader reader) {
    }

    private final Path hostRoot;

    /** @param hostRoot the root directory whose {@code etc/apt} host-apt feeds read; {@code /} in production */
    public FeedReaderFactory(Path hostRoot) {
        this.hostRoot = hostRoot;
    }

    /** Returns the readers of {@code feed}; fails when a configured key or the host's APT sources cannot be read. */
    public List<NamedReader> create(FeedConfig feed) throws IOException, FeedException {
        return switch (feed.type()) {
            case APT -> List.of(new NamedReader(feed.name(), apt(feed)));
            case HOST_APT -> hostApt(feed.name(), List.of());
            case RPM -> List.of(new NamedReader(feed.name(),
                    new RpmRepositoryReader(feed.url(), feed.distribution(), signature(feed.gpgKey()))));
            case UPDATEINFO -> List.of(new NamedReader(feed.name(),
                    new UpdateInfoReader(feed.url(), feed.distribution(), signature(feed.gpgKey()))));
            case OSV -> List.of(new NamedReader(feed.name(), advisories(AdvisoryFormat.OSV, feed)));
            case CSAF -> List.of(new NamedReader(feed.name(), advisories(AdvisoryFormat.CSAF, feed)));
        };
    }

    /** Returns a reader of one ad-hoc APT suite, as a {@code deb URI SUITE COMPONENT...} line names it. */
    public static FeedReader aptLine(String line, Path keyring, List<String> architectures) throws IOException {
        dev.goldsmith.routes.config.AptSource parsed = dev.goldsmith.routes.config.AptSource.parse(line);
        AptSource source = new AptSource("command line", parsed.uri().toString(), parsed.suite(),
                parsed.components(), List.of(), SignedBy.keyring(keyring), Map.of());
        return new AptRepositoryReader(source, architectures, source.signedBy().verifier());
    }

    /**
     * Returns one reader per suite of the host's APT sources, named {@code <prefix>-<suite>}.
     *
     * @param architectures the architectures to read; empty for each source's own, or the host's
     */
    public List<NamedReader> hostApt(String prefix, List<String> architectures) throws IOException, FeedException {
        AptSources sources = new AptSourcesReader(hostRoot).read();
        sources.unsupported().forEach(what -> LOG.warn("host APT source skipped feed={} reason=\"{}\"", prefix, what));
        if (sources.sources().isEmpty()) {
            throw new IOException("no APT source to watch under " + hostRoot.resolve("etc/apt"));
        }
        List<NamedReader> readers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (AptSource source : sources.sources()) {
            if (source.signedBy() == null) {
                throw new IOException(source.distsUri() + ": no keys to verify it with (no Signed-By, and no "
                        + AptSourcesReader.DEFAULT_KEYRING + ")");
            }
            String name = prefix + "-" + source.suite().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            for (int n = 2; !names.add(name); n++) {
                name = prefix + "-" + source.suite() + "-" + n;
            }
            List<String> archs = !architectures.isEmpty() ? architectures
                    : !source.architectures().isEmpty() ? source.architectures() : List.of(hostArchitecture());
            readers.add(new NamedReader(name, new AptRepositoryReader(source, archs, source.signedBy().verifier())));
        }
        return readers;
    }

    private AptRepositoryReader apt(FeedConfig feed) throws IOException {
        Path keyring = feed.keyring() != null ? feed.keyring() : hostRoot.resolve(AptSourcesReader.DEFAULT_KEYRING);
        if (!Files.isReadable(keyring)) {
            throw new IOException("feed " + feed.name() + ": no keyring configured and " + keyring + " is missing");
        }
        AptSource source = new AptSource(feed.name(), feed.source().uri().toString(), feed.source().suite(),
                feed.source().components(), List.of(), SignedBy.keyring(keyring), Map.of());
        return new AptRepositoryReader(source, feed.architectures(), source.signedBy().verifier());
    }

    private static AdvisoryFeedReader advisories(AdvisoryFormat format, FeedConfig feed) {
        return feed.path() != null
                ? AdvisoryFeedReader.local(format, feed.path())
                : AdvisoryFeedReader.fetching(format, feed.url());
    }

    private static RepoMdSignature signature(Path key) throws IOException {
        return key == null ? null : RepoMdSignature.trusting(key);
    }

    /** Returns the Debian name of this machine's architecture, such as {@code amd64} or {@code arm64}. */
    static String hostArchitecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            case "x86", "i386", "i686" -> "i386";
            case "ppc64le" -> "ppc64el";
            default -> arch;
        };
    }
}
