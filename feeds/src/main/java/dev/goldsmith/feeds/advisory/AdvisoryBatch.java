package dev.goldsmith.feeds.advisory;

import java.util.List;

import dev.goldsmith.catalog.event.AdvisoryData;

/**
 * The advisories read from one path, in reading order, and what the documents stated that did not become one.
 *
 * @param advisories the normalised advisories, one per advisory id
 * @param omissions  what was left out, by document and reason
 */
public record AdvisoryBatch(List<AdvisoryData> advisories, List<Omission> omissions) {

    public AdvisoryBatch {
        advisories = List.copyOf(advisories);
        omissions = List.copyOf(omissions);
    }

    /** Returns how many statements were left out for {@code reason}, over all documents. */
    public int omitted(Omission.Reason reason) {
        return omissions.stream().filter(o -> o.reason() == reason).mapToInt(Omission::count).sum();
    }
}
