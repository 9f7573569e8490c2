package dev.goldsmith.feeds.poll;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.feeds.http.Validators;
import dev.goldsmith.feeds.snapshot.PackageSnapshot;

/** What a reader found in a feed: all its packages, all its advisories, or no change since the last poll. */
public sealed interface FeedContent {

    /** Returns how the content was read: indexes, signer, validators, signed date. */
    ReadDetails details();

    /**
     * Every package version a repository offers now.
     *
     * @param published the entries of {@code snapshot} that the previous snapshot lacked, in full
     */
    record Packages(PackageSnapshot snapshot, List<PackageData> published, ReadDetails details)
            implements FeedContent {

        public Packages {
            published = List.copyOf(published);
        }
    }

    /** Every advisory an advisory source carries now. */
    record Advisories(List<AdvisoryData> advisories, ReadDetails details) implements FeedContent {

        public Advisories {
            advisories = List.copyOf(advisories);
        }
    }

    /** The feed's signed metadata or files are unchanged since the last poll, so nothing else was read. */
    record Unchanged(ReadDetails details) implements FeedContent {
    }

    /** Returns the content of a feed whose first file answered "not modified". */
    static FeedContent unchanged() {
        return new Unchanged(new ReadDetails(List.of(), null, Map.of(), null));
    }

    /**
     * How a poll read its feed.
     *
     * @param filesRead  the files read and believed (indexes, advisory files), for the poll summary
     * @param signer     who signed the metadata, as verified, or null for an unsigned source
     * @param validators per URL, what to send next time for a conditional request
     * @param signedDate the date of the signed metadata, for the rollback check of later polls, or null
     */
    record ReadDetails(List<String> filesRead, String signer, Map<String, Validators> validators,
            Instant signedDate) {

        public ReadDetails {
            filesRead = List.copyOf(filesRead);
            validators = Map.copyOf(validators);
        }
    }
}
