package dev.goldsmith.feeds.advisory;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.http.FetchResult;
import dev.goldsmith.feeds.poll.FeedContent;
import dev.goldsmith.feeds.poll.FeedContext;
import dev.goldsmith.feeds.poll.FeedReader;

/**
 * Reads an advisory feed of one format (OSV or CSAF) from a local path (a document, a directory or a zip) or from a
 * URL serving one document or a zip, fetched conditionally: an unchanged file ends the poll.
 */
public final class AdvisoryFeedReader implements FeedReader {

    private final AdvisoryFormat format;
    private final URI url;
    private final Path path;

    private AdvisoryFeedReader(AdvisoryFormat format, URI url, Path path) {
        this.format = format;
        this.url = url;
        this.path = path;
    }

    /** Returns a reader of the document or zip served at {@code url}. */
    public static AdvisoryFeedReader fetching(AdvisoryFormat format, URI url) {
        return new AdvisoryFeedReader(format, url, null);
    }

    /** Returns a reader of the document, directory or zip at {@code path}, read anew at every poll. */
    public static AdvisoryFeedReader local(AdvisoryFormat format, Path path) {
        return new AdvisoryFeedReader(format, null, path);
    }

    @Override
    public FeedContent read(FeedContext context) throws FeedException {
        AdvisoryReader reader = new AdvisoryReader(context.feed(), Set.of(format), context.maxBytes(),
                context.cancellation());
        if (path != null) {
            return new FeedContent.Advisories(reader.readAdvisories(path),
                    new FeedContent.ReadDetails(List.of(path.toString()), null, Map.of(), null));
        }
        String name = Path.of(url.getPath()).getFileName() == null ? "advisories"
                : Path.of(url.getPath()).getFileName().toString();
        FetchResult result = context.fetch(url, context.state().validatorsFor(url.toString()),
                context.workDir().resolve(name));
        if (result instanceof FetchResult.NotModified) {
            return FeedContent.unchanged();
        }
        if (!(result instanceof FetchResult.Fetched fetched)) {
            throw new FeedException(FeedException.Kind.FETCH, url.toString(), "not served (HTTP "
                    + ((FetchResult.Missing) result).status() + ")");
        }
        return new FeedContent.Advisories(reader.readAdvisories(fetched.file()), new FeedContent.ReadDetails(
                List.of(name), null, Map.of(url.toString(), fetched.validators()), null));
    }
}
