package dev.goldsmith.routes.feeds;

import java.io.IOException;
import java.nio.file.Path;

import dev.goldsmith.feeds.poll.FeedReader;
import dev.goldsmith.feeds.rpm.RepoMdSignature;
import dev.goldsmith.feeds.rpm.RpmRepositoryReader;
import dev.goldsmith.feeds.rpm.UpdateInfoReader;
import dev.goldsmith.routes.config.FeedConfig;

/** Builds the reader of each configured feed from its configuration. */
public final class FeedReaderFactory {

    /** Returns the reader of {@code feed}; fails when a configured key file cannot be read. */
    public FeedReader create(FeedConfig feed) throws IOException {
        return switch (feed.type()) {
            case RPM -> new RpmRepositoryReader(feed.url(), feed.distribution(), signature(feed.gpgKey()));
            case UPDATEINFO -> new UpdateInfoReader(feed.url(), feed.distribution(), signature(feed.gpgKey()));
            case APT, HOST_APT, OSV, CSAF -> throw new IllegalArgumentException(
                    "feed " + feed.name() + ": " + feed.type().key() + " feeds are not readable in this build");
        };
    }

    private static RepoMdSignature signature(Path key) throws IOException {
        return key == null ? null : RepoMdSignature.trusting(key);
    }
}
