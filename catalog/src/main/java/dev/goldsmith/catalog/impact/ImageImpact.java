package dev.goldsmith.catalog.impact;

import java.util.List;

/** What facts mean for one image version: the packages that should move, and why. */
public record ImageImpact(ImpactIndex.ImageRef image, List<Change> changes) {

    public ImageImpact {
        changes = List.copyOf(changes);
    }

    /** Returns whether any change waits for a fix that is not published yet. */
    public boolean waitingForFix() {
        return changes.stream().anyMatch(c -> c.available() == null);
    }
}
