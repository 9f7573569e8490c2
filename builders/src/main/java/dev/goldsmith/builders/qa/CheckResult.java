package dev.goldsmith.builders.qa;

import java.time.Duration;
import java.util.Objects;

/**
 * The result of one check of a QA run: a guest check read from the console, or a check the host made itself.
 *
 * @param name   the check's name; a JUnit test case
 * @param kind   what kind of check, such as {@code service-active} or, on the host, {@code advisories}
 * @param origin where the check ran
 * @param passed whether it passed
 * @param detail what was found, such as {@code PasswordAuthentication yes}; never null
 * @param time   how long the check took, or null when that is not known
 */
public record CheckResult(String name, String kind, Origin origin, boolean passed, String detail, Duration time) {

    /** Where a check ran. */
    public enum Origin {
        /** Inside the VM booted from the new image. */
        GUEST,
        /** On the host, from the manifest, the advisories and the VM's report. */
        HOST
    }

    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(detail, "detail");
        if (time != null && time.isNegative()) {
            throw new IllegalArgumentException("a check's time cannot be negative, was " + time);
        }
    }
}
