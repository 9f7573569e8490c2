package dev.goldsmith.catalog.event;

import java.util.List;

/**
 * A build that gave up. Carried by {@code build.failed}.
 *
 * @param image       the image name; the record key
 * @param version     the version the catalog recorded the failed build as, in state {@code failed}
 * @param builderHost the libvirt host the builder VM ran on, or null when none had been chosen yet
 * @param failedStep  the step that failed
 * @param reason      what went wrong, for an operator to read
 * @param steps       the steps that ran, in order, the failed one last
 */
public record BuildFailed(
        String image,
        String version,
        String builderHost,
        String failedStep,
        String reason,
        List<StepTiming> steps) implements EventData {

    public BuildFailed {
        Require.text(image, "image");
        Require.text(version, "version");
        Require.optionalText(builderHost, "builderHost");
        Require.text(failedStep, "failedStep");
        Require.text(reason, "reason");
        steps = Require.list(steps, "steps");
    }

    /** Returns the image name, the key of {@link Topic#BUILDS}. */
    @Override
    public String key() {
        return image;
    }
}
