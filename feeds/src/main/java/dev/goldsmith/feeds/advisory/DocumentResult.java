package dev.goldsmith.feeds.advisory;

import java.util.List;
import java.util.Optional;

import dev.goldsmith.catalog.event.AdvisoryData;

/**
 * What one advisory document says: the advisory, unless nothing in it is an affected package Goldsmith can use,
 * and what was left out.
 *
 * @param advisory  the normalised advisory; null when the document yields none, with the reason among omissions
 * @param omissions what was left out of the advisory, by reason
 */
public record DocumentResult(AdvisoryData advisory, List<Omission> omissions) {

    public DocumentResult {
        omissions = List.copyOf(omissions);
    }

    /** Returns the advisory, if the document yields one. */
    public Optional<AdvisoryData> advisoryIfAny() {
        return Optional.ofNullable(advisory);
    }
}
