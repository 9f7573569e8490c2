package dev.goldsmith.catalog.impact;

import dev.goldsmith.catalog.event.Severity;

/** Orders severities by how urgent a rebuild is. */
final class Severities {

    private Severities() {
    }

    /**
     * Returns the urgency of {@code severity}: critical highest, then high, medium, low; an advisory the feed did
     * not rate still ranks above a plain update ({@link Severity#NONE}), which ranks lowest.
     */
    static int rank(Severity severity) {
        switch (severity) {
            case CRITICAL:
                return 5;
            case HIGH:
                return 4;
            case MEDIUM:
                return 3;
            case LOW:
                return 2;
            case UNKNOWN:
                return 1;
            default:
                return 0;
        }
    }

    /** Returns the more urgent of two severities. */
    static Severity higher(Severity a, Severity b) {
        return rank(a) >= rank(b) ? a : b;
    }
}
