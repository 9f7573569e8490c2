package dev.goldsmith.feeds.rpm;

import java.util.Objects;

/**
 * An RPM package version: epoch, version and release.
 *
 * <p>As text it is {@code [epoch:]version-release}, with the epoch written only when it is not zero: {@code 1.0-2.el9},
 * {@code 2:0.9-1.el9}. That is how {@code rpm -q} prints versions and how AlmaLinux's OSV data and Red Hat's CSAF
 * write fixed versions, and rpm's own comparison reads a missing epoch as zero, so the two spellings compare equal.
 *
 * @param epoch   zero or more; RPM metadata writes {@code 0} for packages without one
 * @param version the upstream version, such as {@code 1.0~rc1} or {@code 1.0^20240101git1a2b3c}
 * @param release the release, such as {@code 10.module+el8.4.0+570+c2eaf144}
 */
public record Evr(int epoch, String version, String release) {

    public Evr {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative, was " + epoch);
        }
        checkPart(version, "version");
        checkPart(release, "release");
    }

    /**
     * Returns the version with {@code epoch} as metadata writes it: absent or empty means zero.
     *
     * @throws IllegalArgumentException naming the bad part
     */
    public static Evr of(String epoch, String version, String release) {
        return new Evr(parseEpoch(epoch), version, release);
    }

    /** Returns {@code [epoch:]version-release}, the epoch only when it is not zero. */
    @Override
    public String toString() {
        return (epoch == 0 ? "" : epoch + ":") + version + "-" + release;
    }

    private static int parseEpoch(String epoch) {
        if (epoch == null || epoch.isBlank()) {
            return 0;
        }
        String digits = epoch.strip();
        if (digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("epoch must be a small whole number, was '" + epoch + "'");
        }
        return Integer.parseInt(digits);
    }

    private static void checkPart(String part, String name) {
        Objects.requireNonNull(part, name);
        if (part.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        // These would make [epoch:]version-release ambiguous; rpmbuild refuses them too.
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '-' || c == ':' || Character.isWhitespace(c)) {
                throw new IllegalArgumentException(name + " must not contain '-', ':' or whitespace, was '" + part
                        + "'");
            }
        }
    }
}
