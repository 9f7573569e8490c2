package dev.goldsmith.feeds.rpm;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.http.FetchResult;
import dev.goldsmith.feeds.http.Validators;
import dev.goldsmith.feeds.poll.FeedContent;
import dev.goldsmith.feeds.poll.FeedContext;
import dev.goldsmith.feeds.poll.FeedReader;
import dev.goldsmith.feeds.snapshot.PackageEntry;
import dev.goldsmith.feeds.snapshot.PackageSnapshot;

/**
 * Reads an RPM repository: {@code repodata/repomd.xml} (its signature checked when a key is configured), then the
 * {@code primary} metadata it names, checked against repomd's size and checksums while it streams.
 *
 * <p>An unchanged {@code repomd.xml} (HTTP 304) means an unchanged repository, so nothing else is fetched.
 */
public final class RpmRepositoryReader implements FeedReader {

    private final URI base;
    private final String distribution;
    private final RepoMdSignature signature;

    /**
     * @param base         the repository's base URL, the directory holding {@code repodata/}
     * @param distribution the release the packages belong to, such as {@code almalinux-9}
     * @param signature    the keys {@code repomd.xml.asc} must verify with, or null to read the repository unsigned
     */
    public RpmRepositoryReader(URI base, String distribution, RepoMdSignature signature) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.distribution = distribution;
        this.signature = signature;
    }

    @Override
    public FeedContent read(FeedContext context) throws FeedException {
        Signed repomd = fetchRepoMd(context, base, signature);
        if (repomd == null) {
            return FeedContent.unchanged();
        }
        RepoMd.Data primary = repomd.metadata().find("primary").orElseThrow(() -> new FeedException(
                FeedException.Kind.MALFORMED, repomd.uri().toString(), "lists no primary metadata"));
        Path file = fetchListed(context, base, primary);

        PackageSnapshot.Builder snapshot = new PackageSnapshot.Builder(distribution);
        List<PackageData> published = new ArrayList<>();
        List<FeedException> conversions = new ArrayList<>();
        new PrimaryParser(context.maxBytes(), context.cancellation()).read(open(file, primary),
                base.resolve(primary.location()).toString(), primary, rpm -> {
                    PackageEntry entry = new PackageEntry(rpm.name(), rpm.version(), rpm.arch(), rpm.sourceName(),
                            rpm.sourceVersion());
                    snapshot.add(entry);
                    if (!context.previousPackages().contains(entry)) {
                        try {
                            published.add(rpm.toPackageData(context.feed(), distribution));
                        } catch (FeedException e) {
                            conversions.add(e);
                        }
                    }
                });
        if (!conversions.isEmpty()) {
            throw conversions.get(0);
        }
        return new FeedContent.Packages(snapshot.build(), published, new FeedContent.ReadDetails(
                List.of("repodata/repomd.xml", primary.location()), repomd.signer(), repomd.validators(), null));
    }

    /** The fetched, parsed and (where a key is configured) verified {@code repomd.xml}. */
    record Signed(URI uri, RepoMd metadata, String signer, Map<String, Validators> validators) {
    }

    /** Fetches and verifies {@code repodata/repomd.xml}; returns null when it is unchanged since the last poll. */
    static Signed fetchRepoMd(FeedContext context, URI base, RepoMdSignature signature) throws FeedException {
        URI uri = base.resolve("repodata/repomd.xml");
        FetchResult result = context.fetch(uri, context.state().validatorsFor(uri.toString()),
                context.workDir().resolve("repomd.xml"));
        if (result instanceof FetchResult.NotModified) {
            return null;
        }
        if (result instanceof FetchResult.Missing missing) {
            throw new FeedException(FeedException.Kind.FETCH, uri.toString(), "HTTP " + missing.status()
                    + ": not an RPM repository, or the url does not point at the directory holding repodata/");
        }
        FetchResult.Fetched fetched = (FetchResult.Fetched) result;
        byte[] xml = readAll(fetched.file(), uri);
        String signer = null;
        if (signature != null) {
            URI ascUri = base.resolve("repodata/repomd.xml.asc");
            FetchResult asc = context.fetch(ascUri, Validators.none(), context.workDir().resolve("asc"));
            byte[] ascBytes = asc instanceof FetchResult.Fetched f ? readAll(f.file(), ascUri) : null;
            signer = signature.verify(xml, ascBytes, ascUri.toString());
        }
        Map<String, Validators> validators = new HashMap<>();
        validators.put(uri.toString(), fetched.validators());
        return new Signed(uri, RepoMd.parse(xml, uri.toString()), signer, validators);
    }

    /** Downloads a file that repomd lists; its size and checksums are checked while it is parsed. */
    static Path fetchListed(FeedContext context, URI base, RepoMd.Data data) throws FeedException {
        URI uri = base.resolve(data.location());
        Path target = context.workDir().resolve(data.fileName());
        FetchResult result = context.fetch(uri, Validators.none(), target);
        if (result instanceof FetchResult.Fetched fetched) {
            return fetched.file();
        }
        throw new FeedException(FeedException.Kind.FETCH, uri.toString(),
                "listed in repomd.xml but not served (" + result.getClass().getSimpleName() + ")");
    }

    private static InputStream open(Path file, RepoMd.Data data) throws FeedException {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new FeedException(FeedException.Kind.FETCH, file.toString(), "cannot read " + data.location(), e);
        }
    }

    private static byte[] readAll(Path file, URI uri) throws FeedException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FeedException(FeedException.Kind.FETCH, uri.toString(), "cannot read the download", e);
        }
    }
}
