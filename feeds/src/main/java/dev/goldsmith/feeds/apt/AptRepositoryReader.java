package dev.goldsmith.feeds.apt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.http.FetchResult;
import dev.goldsmith.feeds.http.Validators;
import dev.goldsmith.feeds.io.Compression;
import dev.goldsmith.feeds.io.SizeLimitExceededException;
import dev.goldsmith.feeds.io.XzProcess;
import dev.goldsmith.feeds.poll.FeedContent;
import dev.goldsmith.feeds.poll.FeedContext;
import dev.goldsmith.feeds.poll.FeedReader;
import dev.goldsmith.feeds.snapshot.PackageEntry;
import dev.goldsmith.feeds.snapshot.PackageSnapshot;

/**
 * Reads one suite of an APT repository as apt does: {@code InRelease} verified against the trusted keys (or
 * {@code Release} with {@code Release.gpg}), its dates checked, then each {@code Packages} index of the configured
 * components and architectures, fetched by hash where offered and checked against the signed SHA256 as it streams.
 *
 * <p>An unchanged {@code InRelease} (HTTP 304) means an unchanged suite, so nothing else is fetched.
 */
public final class AptRepositoryReader implements FeedReader {

    private static final Pattern DEBIAN_VERSION = Pattern.compile("^(\\d+)");
    private static final Pattern UBUNTU_VERSION = Pattern.compile("^(\\d+\\.\\d+)");

    private final AptSource source;
    private final List<String> architectures;
    private final OpenPgpVerifier verifier;

    /**
     * @param architectures the architectures to read, such as {@code amd64}; {@code all} packages come with them
     * @param verifier      the keys this repository's signatures must verify with
     */
    public AptRepositoryReader(AptSource source, List<String> architectures, OpenPgpVerifier verifier) {
        if (source.components().isEmpty()) {
            throw new IllegalArgumentException(source.distsUri() + " names no component");
        }
        if (architectures.isEmpty()) {
            throw new IllegalArgumentException(source.distsUri() + " names no architecture");
        }
        this.source = source;
        this.architectures = List.copyOf(architectures);
        this.verifier = verifier;
    }

    /** Returns the suite this reader reads. */
    public AptSource source() {
        return source;
    }

    @Override
    public FeedContent read(FeedContext context) throws FeedException {
        Signed signed = fetchRelease(context);
        if (signed == null) {
            return FeedContent.unchanged();
        }
        Release release = ReleaseParser.parse(signed.text().text(), signed.uri());
        new ReleaseChecks(context.clock()).check(release, source.suite(), context.state().lastSignedDate());
        String distribution = distributionOf(release);

        PackageSnapshot.Builder snapshot = new PackageSnapshot.Builder(distribution);
        List<PackageData> published = new ArrayList<>();
        List<String> files = new ArrayList<>(List.of(signed.name()));
        for (String component : source.components()) {
            for (String architecture : architectures) {
                IndexFile index = IndexFile.packages(release, component, architecture);
                readIndex(context, release, index, distribution, snapshot, published);
                files.add(index.path());
            }
        }
        String signer = signers(signed.text().signatures());
        return new FeedContent.Packages(snapshot.build(), published, new FeedContent.ReadDetails(files, signer,
                Map.of(signed.uri(), signed.validators()), release.date()));
    }

    /** The signed text of the suite's Release, and where it came from. */
    private record Signed(String uri, String name, VerifiedText text, Validators validators) {
    }

    private Signed fetchRelease(FeedContext context) throws FeedException {
        String inRelease = source.fileUri("InRelease");
        FetchResult result = context.fetch(URI.create(inRelease), context.state().validatorsFor(inRelease),
                context.workDir().resolve("InRelease"));
        if (result instanceof FetchResult.NotModified) {
            return null;
        }
        if (result instanceof FetchResult.Fetched fetched) {
            VerifiedText text = verifier.verifyCleartext(bytes(fetched.file(), inRelease), inRelease);
            return new Signed(inRelease, "InRelease", text, fetched.validators());
        }
        // No InRelease: the older pair, Release and its detached signature, both required.
        String releaseUri = source.fileUri("Release");
        String signatureUri = source.fileUri("Release.gpg");
        FetchResult.Fetched release = required(context, releaseUri, "Release", "neither InRelease nor Release");
        FetchResult.Fetched signature = required(context, signatureUri, "Release.gpg", "Release is not signed");
        byte[] releaseBytes = bytes(release.file(), releaseUri);
        VerifiedSignatures signatures =
                verifier.verifyDetached(releaseBytes, bytes(signature.file(), signatureUri), signatureUri);
        String text = new String(releaseBytes, java.nio.charset.StandardCharsets.UTF_8);
        return new Signed(releaseUri, "Release", new VerifiedText(text, signatures), Validators.none());
    }

    private static FetchResult.Fetched required(FeedContext context, String uri, String name, String whenMissing)
            throws FeedException {
        FetchResult result = context.fetch(URI.create(uri), Validators.none(),
                context.workDir().resolve(name));
        if (result instanceof FetchResult.Fetched fetched) {
            return fetched;
        }
        FeedException.Kind kind = name.endsWith(".gpg") ? FeedException.Kind.SIGNATURE : FeedException.Kind.FETCH;
        throw new FeedException(kind, uri, whenMissing + " is served");
    }

    private void readIndex(FeedContext context, Release release, IndexFile index, String distribution,
            PackageSnapshot.Builder snapshot, List<PackageData> published) throws FeedException {
        String uri = source.fileUri(release.acquireByHash() ? index.downloadPath() : index.path());
        FetchResult result = context.fetch(URI.create(uri), Validators.none(),
                context.workDir().resolve("index" + index.compression().suffix()));
        if (!(result instanceof FetchResult.Fetched fetched)) {
            throw new FeedException(FeedException.Kind.FETCH, uri, "listed in the signed Release but not served");
        }
        String name = source.fileUri(index.path());
        // The whole download is checked against the signed checksum before a byte of it is decompressed, so a
        // damaged or substituted index is reported as such, and the decompressor only ever sees signed bytes.
        try (ChecksummedInputStream checked = new ChecksummedInputStream(Files.newInputStream(fetched.file()), index,
                name)) {
            checked.transferTo(OutputStream.nullOutputStream());
        } catch (ChecksumMismatchException e) {
            throw e.feedException();
        } catch (IOException e) {
            throw new FeedException(FeedException.Kind.FETCH, name, "cannot read the download: " + e.getMessage(), e);
        }
        try (InputStream packages = decompressed(fetched.file(), index.compression(), context.maxBytes(), name)) {
            PackagesParser.parse(packages, name, context.cancellation(), stanza -> {
                PackageEntry entry = new PackageEntry(stanza.name(), stanza.version(), stanza.architecture(),
                        stanza.sourceName(), stanza.sourceVersion());
                snapshot.add(entry);
                if (!context.previousPackages().contains(entry)) {
                    published.add(stanza.toPackageData(context.feed(), distribution));
                }
            });
        } catch (SizeLimitExceededException e) {
            throw new FeedException(FeedException.Kind.TOO_LARGE, name, e.getMessage(), e);
        } catch (IOException e) {
            throw new FeedException(FeedException.Kind.MALFORMED, name, "cannot decompress: " + e.getMessage(), e);
        }
    }

    /** Opens a checked index decompressed; {@code .xz} through the system's xz where there is one, for speed. */
    private static InputStream decompressed(Path file, Compression compression, long maxBytes, String name)
            throws IOException {
        if (compression == Compression.XZ && XzProcess.available()) {
            return XzProcess.open(file, maxBytes, name);
        }
        return compression.decompress(Files.newInputStream(file), maxBytes, name);
    }

    /**
     * Returns the distribution release a Release file describes, as osbuild names it: {@code debian-12} from
     * {@code Origin: Debian} and {@code Version: 12.15} (or {@code 12-updates}), {@code ubuntu-24.04} from
     * {@code Origin: Ubuntu} and {@code Version: 24.04}; the codename stands in when there is no version.
     */
    static String distributionOf(Release release) {
        String origin = release.origin() == null ? "unknown" : release.origin().toLowerCase(Locale.ROOT).strip()
                .replaceAll("[^a-z0-9]+", "-");
        if (release.version() != null) {
            Matcher m = ("ubuntu".equals(origin) ? UBUNTU_VERSION : DEBIAN_VERSION).matcher(release.version());
            if (m.find()) {
                return origin + "-" + m.group(1);
            }
        }
        String codename = release.codename() != null ? release.codename() : release.suite();
        return origin + "-" + (codename == null ? "unknown" : codename);
    }

    private static String signers(VerifiedSignatures signatures) {
        Set<String> names = new LinkedHashSet<>();
        for (Signer signer : signatures.signers()) {
            names.add(signer.userId() + " [" + signer.primaryFingerprint() + "]");
        }
        return String.join("; ", names);
    }

    private static byte[] bytes(Path file, String uri) throws FeedException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FeedException(FeedException.Kind.FETCH, uri, "cannot read the download", e);
        }
    }
}
