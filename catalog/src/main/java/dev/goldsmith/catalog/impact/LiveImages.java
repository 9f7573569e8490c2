package dev.goldsmith.catalog.impact;

import java.util.Optional;
import java.util.Set;

import dev.goldsmith.catalog.image.Manifest;

/**
 * The images of the catalog as the rebuild planner sees them: which exist, what each one's current version is made
 * of, and which image each is derived from. The catalog state loaded from Git provides it; the planner asks again
 * before every decision, so an implementation answers from what it holds now and must be safe to call from the
 * thread that feeds the planner.
 */
public interface LiveImages {

    /** Returns the names of the images in the catalog, built or not. */
    Set<String> images();

    /**
     * Returns the manifest of the image's current version, the one its next rebuild moves on from; empty while the
     * image has never been built.
     */
    Optional<Manifest> current(String image);

    /** Returns the image that {@code image}'s blueprint names as its parent ({@code [goldsmith] parent}), if any. */
    Optional<String> parent(String image);
}
