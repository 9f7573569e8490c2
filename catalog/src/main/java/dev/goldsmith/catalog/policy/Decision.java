package dev.goldsmith.catalog.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.goldsmith.catalog.event.ImageTransition;
import dev.goldsmith.catalog.event.ImageTransition.ChannelChange;
import dev.goldsmith.catalog.state.ImageEntry;
import dev.goldsmith.catalog.state.ImageEntry.Moved;

/**
 * What a policy or an operator command decided about one image version: the image's entry after it, what to record
 * and one line that says why. A decision may change the entry without a lifecycle transition: a QA pass during a
 * soak is recorded, and an approval moves a channel, while the version stays where it is.
 *
 * @param before         the entry the decision started from
 * @param after          the entry after it; equal to {@code before} when nothing changed
 * @param transition     the lifecycle transition to record, carrying every channel that moved with it; null when no
 *                       version changed state
 * @param channelChanges every channel that moved, with or without a transition
 * @param explanation    what was decided and why, one line: "QA passed; soaking until 2026-12-05T10:00:00Z"
 */
public record Decision(ImageEntry before, ImageEntry after, ImageTransition transition,
        List<ChannelChange> channelChanges, String explanation) {

    public Decision {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        channelChanges = List.copyOf(channelChanges);
        if (explanation == null || explanation.isBlank() || explanation.contains("\n")) {
            throw new IllegalArgumentException("a decision needs a one-line explanation, was '" + explanation + "'");
        }
    }

    /** Returns a decision that changes nothing, saying why. */
    static Decision unchanged(ImageEntry entry, String explanation) {
        return new Decision(entry, entry, null, List.of(), explanation);
    }

    /** Returns a decision that moved a version, with the channels the move carried. */
    static Decision moved(ImageEntry before, Moved moved, String explanation) {
        return new Decision(before, moved.entry(), moved.transition(), moved.transition().channelChanges(),
                explanation);
    }

    /** Returns the transition as the catalog store records it, when a version changed state. */
    public Optional<Moved> moved() {
        return transition == null ? Optional.empty() : Optional.of(new Moved(after, transition));
    }

    /** Returns whether the entry changed and so has to be recorded. */
    public boolean changed() {
        return !before.equals(after);
    }
}
