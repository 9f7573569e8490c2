package dev.goldsmith.feeds;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A signal that work in progress should give up, such as a poll when Goldsmith stops. Long loops check it between
 * steps ({@link #throwIfCancelled}); a wait that no loop can interrupt (a download whose server stalls) registers an
 * action that ends it ({@link #whenCancelled}).
 *
 * <p>Once cancelled, it stays cancelled. It is safe to use from any thread.
 */
public final class Cancellation {

    private static final Cancellation NEVER = new Cancellation(false);

    /** Ends a registration made with {@link #whenCancelled}. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final boolean cancellable;
    private final List<Runnable> actions = new ArrayList<>();
    private volatile String reason;

    /** Creates a signal that is not cancelled yet. */
    public Cancellation() {
        this(true);
    }

    private Cancellation(boolean cancellable) {
        this.cancellable = cancellable;
    }

    /** Returns a signal that is never cancelled, for work nothing will call off (a command-line poll, say). */
    public static Cancellation never() {
        return NEVER;
    }

    /**
     * Cancels: from now on {@link #isCancelled} is true, and the registered actions run, here, once each. A second
     * call changes nothing.
     *
     * @param why what called the work off, as the work's failure message will say it, such as
     *            {@code Goldsmith is stopping}
     */
    public void cancel(String why) {
        Objects.requireNonNull(why, "why");
        if (!cancellable) {
            throw new IllegalStateException("Cancellation.never() cannot be cancelled");
        }
        List<Runnable> toRun;
        synchronized (actions) {
            if (reason != null) {
                return;
            }
            reason = why;
            toRun = List.copyOf(actions);
            actions.clear();
        }
        toRun.forEach(Runnable::run);
    }

    /** Returns whether {@link #cancel} was called. */
    public boolean isCancelled() {
        return reason != null;
    }

    /** Returns why the work was called off, or null while it is not. */
    public String reason() {
        return reason;
    }

    /**
     * Throws a {@link FeedException.Kind#CANCELLED} failure naming {@code source} when cancelled; returns otherwise.
     *
     * @param source the URL, path or feed the work was busy with, as the failure names it
     */
    public void throwIfCancelled(String source) throws FeedException {
        if (reason != null) {
            throw cancelled(source);
        }
    }

    /** Returns the failure that reports work on {@code source} as called off; call it only once cancelled. */
    public FeedException cancelled(String source) {
        return cancelled(source, null);
    }

    /** Returns the failure that reports work on {@code source} as called off, caused by {@code cause}. */
    public FeedException cancelled(String source, Throwable cause) {
        String why = reason;
        if (why == null) {
            throw new IllegalStateException("not cancelled");
        }
        return new FeedException(FeedException.Kind.CANCELLED, source, "cancelled: " + why, cause);
    }

    /**
     * Runs {@code action} when cancelled, or at once if that has happened already, until the returned registration
     * is closed. The action runs on the thread that cancels, so it must be quick and must not throw: closing a
     * stream that a stalled read waits on is the use it is for.
     */
    public Registration whenCancelled(Runnable action) {
        Objects.requireNonNull(action, "action");
        if (!cancellable) {
            return () -> { };
        }
        synchronized (actions) {
            if (reason == null) {
                actions.add(action);
                return () -> {
                    synchronized (actions) {
                        actions.remove(action);
                    }
                };
            }
        }
        action.run();
        return () -> { };
    }
}
