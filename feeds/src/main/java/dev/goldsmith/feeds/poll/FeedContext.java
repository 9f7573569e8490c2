package dev.goldsmith.feeds.poll;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

import dev.goldsmith.feeds.Cancellation;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.http.FetchResult;
import dev.goldsmith.feeds.http.HttpFetcher;
import dev.goldsmith.feeds.http.Validators;
import dev.goldsmith.feeds.snapshot.PackageSnapshot;

/**
 * What a reader gets to work with in one poll.
 *
 * @param feed             the configured feed's name, which sources and messages carry
 * @param fetcher          downloads with conditional requests, a deadline and a size limit
 * @param workDir          a directory of this feed's for downloads; emptied before each poll
 * @param state            what earlier polls left: validators, the newest signed date seen
 * @param previousPackages the packages the last successful poll saw; empty for advisory feeds
 * @param maxBytes         the largest file, compressed or not, a reader may accept
 * @param clock            the time signed dates and {@code Valid-Until} are checked against
 * @param cancellation     calls the poll off; long loops check it, and fetches end when it fires
 */
public record FeedContext(
        String feed,
        HttpFetcher fetcher,
        Path workDir,
        FeedState state,
        PackageSnapshot previousPackages,
        long maxBytes,
        Clock clock,
        Cancellation cancellation) {

    /**
     * Fetches {@code uri} into {@code target} within this feed's size limit, giving up when the poll is cancelled;
     * see {@link HttpFetcher#fetch}.
     */
    public FetchResult fetch(URI uri, Validators validators, Path target) throws FeedException {
        return fetcher.fetch(uri, validators, target, maxBytes, cancellation);
    }
}
