package dev.goldsmith.catalog.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The version ordering that applies to a package's versions. On the wire the constants are written in lowercase.
 */
public enum VersionScheme {
    /** Debian and derivatives: epoch, upstream version, Debian revision, with {@code ~} sorting first. */
    @JsonProperty("dpkg") DPKG,
    /** RPM distributions: epoch, version, release, compared with rpmvercmp. */
    @JsonProperty("rpm") RPM
}
