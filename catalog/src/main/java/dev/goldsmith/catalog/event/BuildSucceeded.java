package dev.goldsmith.catalog.event;

import java.util.List;

/**
 * A build that produced an artifact. Carried by {@code build.succeeded}.
 *
 * @param image        the image name; the record key
 * @param version      the new image version
 * @param builderHost  the libvirt host the builder VM ran on
 * @param artifactPath where the qcow2 artifact was written
 * @param sha256       the artifact's SHA-256, 64 lowercase hex digits
 * @param size         the artifact's size in bytes
 * @param steps        the steps in the order they ran, with their durations
 */
public record BuildSucceeded(
        String image,
        String version,
        String builderHost,
        String artifactPath,
        String sha256,
        long size,
        List<StepTiming> steps) implements EventData {

    public BuildSucceeded {
        Require.text(image, "image");
        Require.text(version, "version");
        Require.text(builderHost, "builderHost");
        Require.text(artifactPath, "artifactPath");
        Require.sha256(sha256, "sha256");
        Require.notNegative(size, "size");
        steps = Require.list(steps, "steps");
    }

    /** Returns the image name, the key of {@link Topic#BUILDS}. */
    @Override
    public String key() {
        return image;
    }
}
