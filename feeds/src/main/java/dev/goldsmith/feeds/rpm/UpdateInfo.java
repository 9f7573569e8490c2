package dev.goldsmith.feeds.rpm;

import java.util.List;
import java.util.Objects;

import dev.goldsmith.catalog.event.AdvisoryData;

/**
 * The advisories read from one updateinfo.xml, with an account of the errata that did not become one.
 *
 * @param advisories one per erratum that was in scope and could be mapped, in document order
 * @param report     the counts, and why each skipped erratum was skipped
 */
public record UpdateInfo(List<AdvisoryData> advisories, Report report) {

    public UpdateInfo {
        advisories = List.copyOf(advisories);
        Objects.requireNonNull(report, "report");
    }

    /**
     * What became of the errata of one file.
     *
     * @param advisories how many errata became advisories
     * @param outOfScope how many were left out because their type is outside the parser's scope
     * @param skipped    the errata that were in scope but could not be mapped, each with the reason
     */
    public record Report(int advisories, int outOfScope, List<Skipped> skipped) {

        public Report {
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * An erratum that could not become an advisory.
     *
     * @param position its place in the file, counting {@code <update>} elements from 1
     * @param id       its id, or null when it has none
     * @param reason   why it was skipped
     */
    public record Skipped(int position, String id, String reason) {

        public Skipped {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
