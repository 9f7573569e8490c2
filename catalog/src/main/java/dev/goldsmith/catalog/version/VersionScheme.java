package dev.goldsmith.catalog.version;

import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A packaging system's rules for writing and ordering versions.
 *
 * <p>{@link #compare} and {@link #validate} parse their arguments on every call. Code that compares the same
 * versions many times should parse them once ({@link DebianVersion#parse}, {@link RpmVersion#parse}) and
 * compare the parsed values.
 */
public enum VersionScheme {

    /** Debian packages, ordered as {@code dpkg --compare-versions} orders them; see {@link DebianVersion}. */
    @JsonProperty("dpkg") DPKG("dpkg"),

    /** RPM packages, ordered as {@code rpm.vercmp} orders them; see {@link RpmVersion}. */
    @JsonProperty("rpm") RPM("rpm");

    private final String schemeName;

    VersionScheme(String schemeName) {
        this.schemeName = schemeName;
    }

    /** Returns the scheme's name as users write it, such as {@code dpkg}. */
    public String schemeName() {
        return schemeName;
    }

    /**
     * Returns the scheme called {@code name} (any case), or throws {@link IllegalArgumentException} listing the
     * known names.
     */
    public static VersionScheme named(String name) {
        Objects.requireNonNull(name, "name");
        for (VersionScheme scheme : values()) {
            if (scheme.schemeName.equals(name.toLowerCase(Locale.ROOT))) {
                return scheme;
            }
        }
        throw new IllegalArgumentException("unknown version scheme '" + name + "'; expected one of " + names());
    }

    /**
     * Returns -1, 0 or 1 as {@code a} is older than, equal to or newer than {@code b}.
     *
     * @throws InvalidVersionException if either is not a valid version of this scheme
     */
    public int compare(String a, String b) {
        return switch (this) {
            case DPKG -> Integer.signum(DebianVersion.parse(a).compareTo(DebianVersion.parse(b)));
            case RPM -> Integer.signum(RpmVersion.parse(a).compareTo(RpmVersion.parse(b)));
        };
    }

    /**
     * Checks that {@code version} is a valid version of this scheme.
     *
     * @throws InvalidVersionException naming the value and the reason if it is not
     */
    public void validate(String version) {
        parse(version);
    }

    /** Returns the parsed version; a switch expression, so that a new scheme cannot be forgotten here. */
    private Object parse(String version) {
        return switch (this) {
            case DPKG -> DebianVersion.parse(version);
            case RPM -> RpmVersion.parse(version);
        };
    }

    private static String names() {
        StringBuilder names = new StringBuilder();
        for (VersionScheme scheme : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(scheme.schemeName);
        }
        return names.toString();
    }
}
