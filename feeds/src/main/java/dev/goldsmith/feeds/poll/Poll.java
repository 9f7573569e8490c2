package dev.goldsmith.feeds.poll;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.PackageData;

/**
 * The facts one successful read of a feed yields, and the means to make the poll count once they are published.
 *
 * <p>Nothing is written until {@link #commit()}: if publishing the facts fails, the snapshot stays where it was and
 * the next poll yields the same facts again (with the same event ids, so consumers can tell).
 */
public final class Poll {

    /** Makes a poll count: writes the new snapshot and state. */
    @FunctionalInterface
    interface Commit {
        void run() throws IOException;
    }

    private final String feed;
    private final FeedContent content;
    private final List<PackageData> withdrawn;
    private final List<AdvisoryData> added;
    private final List<AdvisoryData> updated;
    private final Duration duration;
    private final Commit commit;

    Poll(String feed, FeedContent content, List<PackageData> withdrawn, List<AdvisoryData> added,
            List<AdvisoryData> updated, Duration duration, Commit commit) {
        this.feed = feed;
        this.content = content;
        this.withdrawn = List.copyOf(withdrawn);
        this.added = List.copyOf(added);
        this.updated = List.copyOf(updated);
        this.duration = duration;
        this.commit = commit;
    }

    /** Returns the feed's name. */
    public String feed() {
        return feed;
    }

    /** Returns whether the feed was unchanged since the last poll. */
    public boolean unchanged() {
        return content instanceof FeedContent.Unchanged;
    }

    /** Returns the package versions that appeared since the last poll. */
    public List<PackageData> published() {
        return content instanceof FeedContent.Packages p ? p.published() : List.of();
    }

    /** Returns the package versions that disappeared since the last poll. */
    public List<PackageData> withdrawn() {
        return withdrawn;
    }

    /** Returns the advisories seen for the first time. */
    public List<AdvisoryData> newAdvisories() {
        return added;
    }

    /** Returns the advisories whose revision changed since the last poll. */
    public List<AdvisoryData> updatedAdvisories() {
        return updated;
    }

    /** Returns how many package versions the feed offers now; 0 for advisory feeds and unchanged feeds. */
    public int packagesSeen() {
        return content instanceof FeedContent.Packages p ? p.snapshot().size() : 0;
    }

    /** Returns how many advisories the feed carries now; 0 for package feeds and unchanged feeds. */
    public int advisoriesSeen() {
        return content instanceof FeedContent.Advisories a ? a.advisories().size() : 0;
    }

    /** Returns the files that were read and believed. */
    public List<String> filesRead() {
        return content.details().filesRead();
    }

    /** Returns who signed the metadata, as verified, or null. */
    public String signer() {
        return content.details().signer();
    }

    /** Returns how long reading the feed took. */
    public Duration duration() {
        return duration;
    }

    /** Returns whether the poll yields any fact to publish. */
    public boolean hasFacts() {
        return !published().isEmpty() || !withdrawn.isEmpty() || !added.isEmpty() || !updated.isEmpty();
    }

    /** Writes the new snapshot and state: call once the facts are published. */
    public void commit() throws IOException {
        commit.run();
    }
}
