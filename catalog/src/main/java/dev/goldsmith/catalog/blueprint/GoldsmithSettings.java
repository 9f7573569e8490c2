package dev.goldsmith.catalog.blueprint;

import java.util.List;

/**
 * Goldsmith's own {@code [goldsmith]} table, which osbuild does not read. Fields the blueprint leaves out are
 * null (or empty lists).
 *
 * @param base the base image to build from: an image name or an absolute path to a base artifact
 * @param parent the image this one is derived from, rebuilt first when both are affected
 * @param builderPool the builder pool that builds this image
 * @param qaSuite the QA suite run against each new version
 * @param channels the channels a promoted version is published to
 * @param subscribers who is told about new versions
 */
public record GoldsmithSettings(String base, String parent, String builderPool, String qaSuite,
        List<String> channels, List<String> subscribers) {

    /** Settings with nothing set. */
    public static final GoldsmithSettings NONE = new GoldsmithSettings(null, null, null, null, List.of(), List.of());

    public GoldsmithSettings {
        channels = List.copyOf(channels);
        subscribers = List.copyOf(subscribers);
    }

    /** Returns true when no field is set. */
    public boolean isEmpty() {
        return equals(NONE);
    }
}
