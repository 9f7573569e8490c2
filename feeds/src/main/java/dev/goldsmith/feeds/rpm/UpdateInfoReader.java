package dev.goldsmith.feeds.rpm;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.poll.FeedContent;
import dev.goldsmith.feeds.poll.FeedContext;
import dev.goldsmith.feeds.poll.FeedReader;

/**
 * Reads the security errata of an RPM repository ({@code updateinfo} in its {@code repomd.xml}) as advisories.
 *
 * <p>Only {@code type="security"} errata become advisories: the packages of bugfix and enhancement errata reach
 * Goldsmith as package facts of the repository itself.
 */
public final class UpdateInfoReader implements FeedReader {

    private final URI base;
    private final String distribution;
    private final RepoMdSignature signature;

    /**
     * @param base         the repository's base URL, the directory holding {@code repodata/}
     * @param distribution the release the errata's packages belong to, such as {@code rhel-9}
     * @param signature    the keys {@code repomd.xml.asc} must verify with, or null to read the repository unsigned
     */
    public UpdateInfoReader(URI base, String distribution, RepoMdSignature signature) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.distribution = distribution;
        this.signature = signature;
    }

    @Override
    public FeedContent read(FeedContext context) throws FeedException {
        RpmRepositoryReader.Signed repomd = RpmRepositoryReader.fetchRepoMd(context, base, signature);
        if (repomd == null) {
            return FeedContent.unchanged();
        }
        RepoMd.Data updateinfo = repomd.metadata().find("updateinfo").orElseThrow(() -> new FeedException(
                FeedException.Kind.UNSUPPORTED, repomd.uri().toString(), "lists no updateinfo metadata"));
        Path file = RpmRepositoryReader.fetchListed(context, base, updateinfo);
        UpdateInfo errata = new UpdateInfoParser(distribution, context.feed(), UpdateInfoParser.Scope.SECURITY,
                context.maxBytes(), context.cancellation()).readAll(file, updateinfo);
        return new FeedContent.Advisories(errata.advisories(), new FeedContent.ReadDetails(
                List.of("repodata/repomd.xml", updateinfo.location()), repomd.signer(), repomd.validators(), null));
    }
}
