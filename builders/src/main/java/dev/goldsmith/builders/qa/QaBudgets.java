package dev.goldsmith.builders.qa;

import java.time.Duration;

/**
 * The limits a new image version must keep, checked on the host without a VM.
 *
 * @param maxArtifactSize the largest acceptable artifact, in bytes; null for no limit
 * @param maxBootTime     the longest acceptable time from power-on to the QA run; null for no limit
 */
public record QaBudgets(Long maxArtifactSize, Duration maxBootTime) {

    /** No limits. */
    public static final QaBudgets NONE = new QaBudgets(null, null);

    public QaBudgets {
        if (maxArtifactSize != null && maxArtifactSize <= 0) {
            throw new IllegalArgumentException("an artifact size budget must be positive, was " + maxArtifactSize);
        }
        if (maxBootTime != null && (maxBootTime.isNegative() || maxBootTime.isZero())) {
            throw new IllegalArgumentException("a boot time budget must be positive, was " + maxBootTime);
        }
    }
}
