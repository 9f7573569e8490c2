package dev.goldsmith.catalog.image;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A build that gave up before it made a version, as the catalog records it: where and why it failed, what it was
 * built for, and where an operator finds what its guests printed. The catalog gives it a version of its own, in state
 * {@code failed}, so that the history shows the attempt and the advisories it was meant to fix.
 *
 * @param image            the image
 * @param buildId          the build's id, as its log lines and its failed-builds directory name it
 * @param blueprintVersion the version of the blueprint it was built from
 * @param step             the build step that failed, was cancelled or ran out of time, such as {@code build-vm}
 * @param guestStep        the provisioning step that failed inside the build VM, such as {@code packages}; null when
 *                         none did (the guest never reported, the host was lost, a program on the host failed)
 * @param exitStatus       the exit status of the guest step, or of the program the build step ran; null when there is
 *                         none
 * @param error            what went wrong, on one line, such as the last line the failed step printed
 * @param output           the failed step's output tail or the whole error, for an operator to read; may be empty
 * @param triggers         why the version was built, as a manifest records it
 * @param allocated        the version id the build had taken before it failed, or null when it failed before taking
 *                         one; the failed version keeps it unless the catalog already holds it
 * @param startedAt        when the build started
 * @param failedAt         when it gave up
 * @param consoles         the directory the guests' console files were kept in, or null when none was kept
 */
public record FailedBuild(String image, String buildId, String blueprintVersion, String step, String guestStep,
        Integer exitStatus, String error, String output, List<Manifest.Trigger> triggers, ImageVersionId allocated,
        Instant startedAt, Instant failedAt, String consoles) {

    public FailedBuild {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(buildId, "buildId");
        Objects.requireNonNull(blueprintVersion, "blueprintVersion");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(failedAt, "failedAt");
        if (failedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("build " + buildId + " of " + image + " failed at " + failedAt
                    + ", before it started at " + startedAt);
        }
        output = output == null ? "" : output;
        triggers = List.copyOf(triggers);
    }

    /** Returns where the build failed, such as {@code provisioning step packages} or {@code step build-vm}. */
    public String where() {
        return guestStep == null ? "step " + step : "provisioning step " + guestStep;
    }
}
