package dev.goldsmith.feeds.advisory;

import java.util.Objects;

/**
 * Statements of an advisory document that did not become an {@link dev.goldsmith.catalog.event.AdvisoryData}
 * affected package, counted by reason, so that what a reader leaves out can be shown rather than lost.
 *
 * @param source     the file the statements were read from, such as {@code osv.zip!/ALSA-2024:3163.json}
 * @param advisoryId the document's advisory id
 * @param reason     why they were left out
 * @param count      how many statements were left out for this reason
 * @param example    one of them, such as a CSAF product id, so an operator can look it up
 */
public record Omission(String source, String advisoryId, Reason reason, int count, String example) {

    /** Why a statement of a document is not an affected package. */
    public enum Reason {
        /** The vendor states the product is not affected (CSAF {@code known_not_affected}). */
        NOT_AFFECTED,
        /** The vendor has not decided yet (CSAF {@code under_investigation}). */
        UNDER_INVESTIGATION,
        /** A CSAF status Goldsmith has no use for, such as {@code recommended}. */
        OTHER_STATUS,
        /** The product is not an RPM: a container image, a Maven artifact, a whole product without a purl. */
        NOT_A_PACKAGE,
        /** An RPM whose product has no CPE that names a release Goldsmith knows. */
        UNKNOWN_PLATFORM,
        /** The whole document: none of its statements named an affected package, so it yields no advisory. */
        NO_AFFECTED_PACKAGES,
        /** The whole document: the OSV record was withdrawn by its database. */
        WITHDRAWN,
        /** The whole document: another document of the same read has the same advisory id and was kept. */
        DUPLICATE
    }

    public Omission {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(advisoryId, "advisoryId");
        Objects.requireNonNull(reason, "reason");
        if (count < 1) {
            throw new IllegalArgumentException("an omission counts at least one statement, was " + count);
        }
    }

    @Override
    public String toString() {
        return source + ": " + advisoryId + " leaves out " + count + " " + reason
                + (example == null ? "" : " (e.g. " + example + ")");
    }
}
