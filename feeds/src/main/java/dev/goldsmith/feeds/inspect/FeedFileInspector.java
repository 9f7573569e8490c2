package dev.goldsmith.feeds.inspect;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.advisory.AdvisoryBatch;
import dev.goldsmith.feeds.advisory.AdvisoryReader;
import dev.goldsmith.feeds.apt.PackagesParser;
import dev.goldsmith.feeds.io.Compression;
import dev.goldsmith.feeds.rpm.PrimaryParser;
import dev.goldsmith.feeds.rpm.RepoMd;
import dev.goldsmith.feeds.rpm.RpmPackage;
import dev.goldsmith.feeds.rpm.UpdateInfo;
import dev.goldsmith.feeds.rpm.UpdateInfoParser;

/**
 * Says what a local feed file holds, whatever its format and compression: a Debian {@code Packages} index, an RPM
 * {@code repomd.xml}, {@code primary.xml} or {@code updateinfo.xml}, OSV or CSAF advisories (a document, a zip, a
 * directory). The format is recognised by content, not by name.
 */
public final class FeedFileInspector {

    private static final int SAMPLE = 5;

    private final long maxBytes;

    /** @param maxBytes the largest file accepted, decompressed */
    public FeedFileInspector(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** What a file holds: its format, a one-line summary and a few sample entries. */
    public record Inspection(String format, String summary, List<String> samples) {
    }

    /** Reads {@code path} whole, as its format demands, and describes it. */
    public Inspection inspect(Path path) throws FeedException, IOException {
        if (Files.isDirectory(path) || startsWithZipMagic(path)) {
            return advisories(path);
        }
        String head = head(path);
        if (head.startsWith("{")) {
            return advisories(path);
        }
        if (head.startsWith("<")) {
            String root = rootElement(head);
            return switch (root) {
                case "metadata" -> primary(path);
                case "updates" -> updateInfo(path);
                case "repomd" -> repomd(path);
                default -> throw new FeedException(FeedException.Kind.UNSUPPORTED, path.toString(),
                        "XML with root element <" + root + "> is none of repomd, primary or updateinfo");
            };
        }
        return packages(path);
    }

    private Inspection packages(Path path) throws FeedException, IOException {
        Map<String, Integer> architectures = new TreeMap<>();
        List<String> samples = new ArrayList<>();
        Set<String> sources = new HashSet<>();
        long count;
        try (InputStream in = open(path)) {
            count = PackagesParser.parse(in, path.toString(), stanza -> {
                architectures.merge(stanza.architecture(), 1, Integer::sum);
                sources.add(stanza.sourceName());
                if (samples.size() < SAMPLE) {
                    samples.add(stanza.name() + " " + stanza.version() + " " + stanza.architecture()
                            + " (source " + stanza.sourceName() + " " + stanza.sourceVersion() + ")");
                }
            });
        }
        return new Inspection("Debian Packages index", count + " stanzas, " + sources.size()
                + " source packages, architectures " + architectures, samples);
    }

    private Inspection primary(Path path) throws FeedException, IOException {
        List<RpmPackage> packages;
        try (InputStream in = Files.newInputStream(path)) {
            packages = new PrimaryParser(maxBytes).readAll(in, path.toString(), null);
        }
        Map<String, Long> architectures = packages.stream()
                .collect(Collectors.groupingBy(RpmPackage::arch, TreeMap::new, Collectors.counting()));
        return new Inspection("RPM primary metadata", packages.size() + " packages, architectures " + architectures,
                packages.stream().limit(SAMPLE).map(p -> p.name() + " " + p.version() + " " + p.arch()
                        + " (source " + p.sourceName() + ")").toList());
    }

    private Inspection updateInfo(Path path) throws FeedException, IOException {
        UpdateInfo errata;
        try (InputStream in = Files.newInputStream(path)) {
            errata = new UpdateInfoParser("unknown-0", "inspect", UpdateInfoParser.Scope.SECURITY, maxBytes)
                    .readAll(in, path.toString(), null);
        }
        return new Inspection("RPM updateinfo", errata.advisories().size() + " security advisories, "
                + errata.report().outOfScope() + " other errata, " + errata.report().skipped().size()
                + " skipped", describe(errata.advisories()));
    }

    private Inspection repomd(Path path) throws FeedException, IOException {
        RepoMd repomd;
        try (InputStream in = Files.newInputStream(path)) {
            repomd = RepoMd.parse(in, path.toString());
        }
        return new Inspection("RPM repomd.xml", "revision " + repomd.revision() + ", " + repomd.data().size()
                + " metadata files", repomd.data().stream().map(d -> d.type() + " " + d.location()).toList());
    }

    private Inspection advisories(Path path) throws FeedException {
        AdvisoryBatch batch = new AdvisoryReader("inspect").read(path);
        int affected = batch.advisories().stream().mapToInt(a -> a.affected().size()).sum();
        String omitted = batch.omissions().isEmpty() ? "" : ", left out: " + batch.omissions().stream()
                .collect(Collectors.groupingBy(o -> o.reason().name().toLowerCase(Locale.ROOT),
                        TreeMap::new, Collectors.summingInt(o -> o.count())));
        return new Inspection("advisories (OSV or CSAF)", batch.advisories().size() + " advisories, " + affected
                + " affected packages" + omitted, describe(batch.advisories()));
    }

    private static List<String> describe(List<AdvisoryData> advisories) {
        return advisories.stream().limit(SAMPLE).map(a -> a.advisoryId() + " " + a.severity().name().toLowerCase(
                Locale.ROOT) + " " + a.aliases().stream().limit(3).toList() + " " + a.affected().size()
                + " packages, e.g. " + a.affected().get(0).release() + " " + a.affected().get(0).packageName()
                + " fixed " + a.affected().get(0).fixed()).toList();
    }

    private InputStream open(Path path) throws IOException {
        return Compression.detectAndDecompress(Files.newInputStream(path), maxBytes, path.toString());
    }

    private String head(Path path) throws IOException {
        try (InputStream in = new BufferedInputStream(open(path))) {
            byte[] bytes = in.readNBytes(512);
            String text = new String(bytes, StandardCharsets.UTF_8);
            return text.replace("\uFEFF", "").stripLeading();
        }
    }

    private static String rootElement(String head) {
        int i = 0;
        while ((i = head.indexOf('<', i)) >= 0) {
            if (i + 1 < head.length() && Character.isLetter(head.charAt(i + 1))) {
                int end = i + 1;
                while (end < head.length() && (Character.isLetterOrDigit(head.charAt(end))
                        || head.charAt(end) == ':' || head.charAt(end) == '-')) {
                    end++;
                }
                String name = head.substring(i + 1, end);
                return name.contains(":") ? name.substring(name.indexOf(':') + 1) : name;
            }
            i++;
        }
        return "";
    }

    private static boolean startsWithZipMagic(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }
}
