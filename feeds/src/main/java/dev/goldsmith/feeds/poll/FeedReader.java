package dev.goldsmith.feeds.poll;

import dev.goldsmith.feeds.FeedException;

/**
 * Reads what one feed offers now: an APT or RPM repository's packages, or an advisory source's advisories.
 *
 * <p>A reader either returns the whole content, verified, or throws; it never returns part of a feed. It does not
 * write the snapshot or the state: {@link FeedPoller} does, once the facts derived from the content are published.
 */
public interface FeedReader {

    /** Reads the feed, fetching what changed since the state in {@code context}. */
    FeedContent read(FeedContext context) throws FeedException;
}
