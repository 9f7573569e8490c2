package dev.goldsmith.catalog.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.goldsmith.catalog.event.LifecycleState;
import dev.goldsmith.catalog.image.ImageVersionId;

/**
 * One version of an image as the catalog tracks it: where it is in its lifecycle and how it got there.
 *
 * @param version the version id
 * @param created when its build started
 * @param history every state it went through, oldest first; the last is the current state
 * @param qaPassed when its QA suite passed, or null while it has not; a version can pass QA and stay {@code testing}
 *                 (during a soak, or until someone promotes it), so the lifecycle state alone does not say this
 */
public record VersionEntry(ImageVersionId version, Instant created, List<StateChange> history,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant qaPassed) {

    public VersionEntry {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(created, "created");
        history = List.copyOf(history);
        if (history.isEmpty()) {
            throw new IllegalArgumentException("version " + version + " has no state");
        }
        for (int i = 1; i < history.size(); i++) {
            if (history.get(i).from() != history.get(i - 1).to()) {
                throw new IllegalArgumentException("version " + version + " history is broken at step " + (i + 1)
                        + ": it left " + history.get(i).from() + " but was " + history.get(i - 1).to());
            }
        }
        if (qaPassed != null && qaPassed.isBefore(created)) {
            throw new IllegalArgumentException("version " + version + " passed QA at " + qaPassed
                    + ", before it was created at " + created);
        }
    }

    /** Creates a version that has not passed QA. */
    public VersionEntry(ImageVersionId version, Instant created, List<StateChange> history) {
        this(version, created, history, null);
    }

    /** Returns a version that has just entered its first state, such as {@code building}. */
    public static VersionEntry started(ImageVersionId version, LifecycleState state, Instant at, String reason) {
        return new VersionEntry(version, at, List.of(new StateChange(null, state, at, reason)));
    }

    /** Returns the current state. */
    public LifecycleState state() {
        return last().to();
    }

    /** Returns when the version entered its current state. */
    public Instant since() {
        return last().at();
    }

    /** Returns when the version first entered {@code state}, or null when it never did. */
    public Instant enteredAt(LifecycleState state) {
        return history.stream().filter(c -> c.to() == state).map(StateChange::at).findFirst().orElse(null);
    }

    /** Returns this version moved to {@code to}; the caller has checked the lifecycle allows it. */
    VersionEntry movedTo(LifecycleState to, Instant at, String reason) {
        List<StateChange> next = new ArrayList<>(history);
        next.add(new StateChange(state(), to, at, reason));
        return new VersionEntry(version, created, next, qaPassed);
    }

    /** Returns this version with its QA suite passed at {@code at}. */
    VersionEntry withQaPassed(Instant at) {
        return new VersionEntry(version, created, history, at);
    }

    /** Returns whether its QA suite has passed. */
    public boolean passedQa() {
        return qaPassed != null;
    }

    private StateChange last() {
        return history.get(history.size() - 1);
    }
}
