package dev.goldsmith.catalog.lifecycle;

import static dev.goldsmith.catalog.event.LifecycleState.BUILDING;
import static dev.goldsmith.catalog.event.LifecycleState.BUILT;
import static dev.goldsmith.catalog.event.LifecycleState.DEPRECATED;
import static dev.goldsmith.catalog.event.LifecycleState.FAILED;
import static dev.goldsmith.catalog.event.LifecycleState.RETIRED;
import static dev.goldsmith.catalog.event.LifecycleState.REVOKED;
import static dev.goldsmith.catalog.event.LifecycleState.STABLE;
import static dev.goldsmith.catalog.event.LifecycleState.TESTING;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.goldsmith.catalog.event.LifecycleState;

/**
 * The lifecycle of an image version, as the architecture draws it:
 * <pre>
 * building ─► built ─► testing ─► stable ─► deprecated ─► retired
 *     │          │         │        │
 *     └──────────┴─► failed └───────┴─► revoked ─► retired
 * </pre>
 * plus what the policies need around it: a version whose QA fails while testing is {@code failed}; a deprecated
 * version that an advisory with an available fix affects is revoked like a stable one; a failed version is retired
 * by the retention policy. Nothing leaves {@code retired}, and nothing goes back.
 */
public final class Lifecycle {

    private static final Map<LifecycleState, Set<LifecycleState>> NEXT = new EnumMap<>(LifecycleState.class);

    static {
        NEXT.put(BUILDING, EnumSet.of(BUILT, FAILED));
        NEXT.put(BUILT, EnumSet.of(TESTING, FAILED));
        NEXT.put(TESTING, EnumSet.of(STABLE, FAILED, REVOKED));
        NEXT.put(STABLE, EnumSet.of(DEPRECATED, REVOKED));
        NEXT.put(DEPRECATED, EnumSet.of(RETIRED, REVOKED));
        NEXT.put(REVOKED, EnumSet.of(RETIRED));
        NEXT.put(FAILED, EnumSet.of(RETIRED));
        NEXT.put(RETIRED, EnumSet.noneOf(LifecycleState.class));
    }

    private Lifecycle() {
    }

    /** Returns the states a version in {@code state} may move to. */
    public static Set<LifecycleState> next(LifecycleState state) {
        Set<LifecycleState> next = NEXT.get(state);
        return next.isEmpty() ? EnumSet.noneOf(LifecycleState.class) : EnumSet.copyOf(next);
    }

    /** Returns whether channels may point at a version in {@code state}: never at a revoked, retired or failed one. */
    public static boolean channelsMayPointAt(LifecycleState state) {
        return state == STABLE || state == DEPRECATED || state == TESTING || state == BUILT;
    }

    /** Checks that {@code image} {@code version} may go from {@code from} to {@code to}; fails saying why not. */
    public static void check(String image, String version, LifecycleState from, LifecycleState to)
            throws IllegalTransitionException {
        if (NEXT.get(from).contains(to)) {
            return;
        }
        String reason;
        if (from == to) {
            reason = "it is " + lower(from) + " already";
        } else if (from == RETIRED) {
            reason = "a retired version is gone for good";
        } else if (NEXT.get(from).isEmpty()) {
            reason = "nothing follows " + lower(from);
        } else {
            reason = "from " + lower(from) + " it can only go to " + String.join(" or ",
                    NEXT.get(from).stream().map(Lifecycle::lower).toList());
        }
        throw new IllegalTransitionException(image, version, from, to, reason);
    }

    private static String lower(LifecycleState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
