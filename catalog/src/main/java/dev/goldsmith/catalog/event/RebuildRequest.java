package dev.goldsmith.catalog.event;

import java.time.Instant;
import java.util.List;

/**
 * A request to rebuild one image, with the reasons that impact analysis found. Carried by
 * {@code rebuild.requested}.
 *
 * @param image       the image name; the record key
 * @param reasons     why the image needs rebuilding, one entry per package that has a newer version; never empty
 * @param fastLane    whether the request skips the coalescing window because a critical advisory is involved
 * @param requestedAt when the planner made the request
 * @param notes       what an operator should know about how the request came about, such as a parent image whose
 *                    build failed; empty for most requests. Added after the first release of the event, so older
 *                    producers leave it out and it reads as empty
 */
public record RebuildRequest(String image, List<Reason> reasons, boolean fastLane, Instant requestedAt,
        List<String> notes) implements EventData {

    public RebuildRequest {
        Require.text(image, "image");
        reasons = Require.nonEmpty(reasons, "reasons");
        Require.present(requestedAt, "requestedAt");
        notes = notes == null ? List.of() : Require.texts(notes, "notes");
    }

    /** Creates a request without notes. */
    public RebuildRequest(String image, List<Reason> reasons, boolean fastLane, Instant requestedAt) {
        this(image, reasons, fastLane, requestedAt, List.of());
    }

    /** Returns the image name, the key of {@link Topic#REBUILDS}. */
    @Override
    public String key() {
        return image;
    }

    /**
     * One package that the image has at an older version than the repositories now offer.
     *
     * @param packageName      the binary package name
     * @param installedVersion the version in the image's current manifest
     * @param availableVersion the version the rebuild is expected to install
     * @param advisoryIds      the advisories the newer version fixes; empty for a plain update
     * @param cves             the CVE ids among those advisories' aliases; may be empty
     * @param severity         the highest severity among those advisories, {@link Severity#NONE} for a plain update
     */
    public record Reason(
            String packageName,
            String installedVersion,
            String availableVersion,
            List<String> advisoryIds,
            List<String> cves,
            Severity severity) {

        public Reason {
            Require.text(packageName, "reason.packageName");
            Require.text(installedVersion, "reason.installedVersion");
            Require.text(availableVersion, "reason.availableVersion");
            advisoryIds = Require.texts(advisoryIds, "reason.advisoryIds");
            cves = Require.texts(cves, "reason.cves");
            Require.present(severity, "reason.severity");
        }
    }
}
