package dev.goldsmith.catalog.event;

import java.util.List;
import java.util.Objects;

/**
 * A catalog policy moving an image version from one lifecycle state to another. Carried by
 * {@code image.promoted}, {@code image.deprecated}, {@code image.revoked} and {@code image.retired}; the event
 * type fixes the state the version moves to.
 *
 * @param image          the image name; the record key
 * @param version        the image version that moved
 * @param from           the state it left
 * @param to             the state it entered
 * @param reason         why the policy moved it, such as the advisory that revoked it
 * @param channelChanges the channels that moved as a consequence; may be empty
 */
public record ImageTransition(
        String image,
        String version,
        LifecycleState from,
        LifecycleState to,
        String reason,
        List<ChannelChange> channelChanges) implements EventData {

    public ImageTransition {
        Require.text(image, "image");
        Require.text(version, "version");
        Require.present(from, "from");
        Require.present(to, "to");
        if (from == to) {
            throw new IllegalArgumentException("from and to are both " + from + " for " + image + " " + version);
        }
        Require.text(reason, "reason");
        channelChanges = Require.list(channelChanges, "channelChanges");
    }

    /** Returns the image name, the key of {@link Topic#CATALOG}. */
    @Override
    public String key() {
        return image;
    }

    /**
     * A channel that now points somewhere else.
     *
     * @param channel         the channel name, such as {@code stable} or {@code latest}
     * @param previousVersion the version it pointed at before, or null when it pointed at none
     * @param newVersion      the version it points at now, or null when it points at none
     */
    public record ChannelChange(String channel, String previousVersion, String newVersion) {

        public ChannelChange {
            Require.text(channel, "channel");
            Require.optionalText(previousVersion, "previousVersion");
            Require.optionalText(newVersion, "newVersion");
            if (Objects.equals(previousVersion, newVersion)) {
                throw new IllegalArgumentException("channel " + channel + " does not move: previousVersion and"
                        + " newVersion are both " + previousVersion);
            }
        }
    }
}
