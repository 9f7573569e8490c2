package dev.goldsmith.catalog.impact;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.goldsmith.catalog.event.RebuildRequest;

/**
 * A rebuild the planner has decided on but not requested yet: the reasons gathered so far for one image, since when,
 * and what it waits for.
 *
 * @param distro   the image's distribution release, whose version order merges the reasons
 * @param since    when the first fact that touched the image arrived; the window runs from here
 * @param fastLane whether an advisory at or above the fast-lane severity makes it due at once
 * @param reasons  one per package, in the order they arrived
 * @param notes    what the request will tell an operator about how it came about
 * @param hold     the parent whose new version it waits for, or null when it does not wait
 * @param released whether a hold ended (the parent became stable, failed or took too long), making it due at once
 */
public record PendingRebuild(String image, String distro, Instant since, boolean fastLane,
        List<RebuildRequest.Reason> reasons, List<String> notes, Hold hold, boolean released) {

    public PendingRebuild {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(distro, "distro");
        Objects.requireNonNull(since, "since");
        reasons = List.copyOf(reasons);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * A child image's request held back until its parent's new version is stable.
     *
     * @param parent the parent image
     * @param since  when the request was due and held instead
     */
    public record Hold(String parent, Instant since) {

        public Hold {
            Objects.requireNonNull(parent, "parent");
            Objects.requireNonNull(since, "since");
        }
    }

    /**
     * Returns when the request becomes due with {@code window}: at once in the fast lane or once released, never
     * while held, else one window after {@code since}.
     */
    public Instant dueAt(Duration window) {
        if (hold != null) {
            return Instant.MAX;
        }
        return fastLane || released ? since : since.plus(window);
    }
}
