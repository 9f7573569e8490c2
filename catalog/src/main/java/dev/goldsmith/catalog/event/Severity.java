package dev.goldsmith.catalog.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How bad an advisory is, as the feed rated it. On the wire the constants are written in lowercase.
 */
public enum Severity {
    @JsonProperty("critical") CRITICAL,
    @JsonProperty("high") HIGH,
    @JsonProperty("medium") MEDIUM,
    @JsonProperty("low") LOW,
    /** The update fixes no known vulnerability. */
    @JsonProperty("none") NONE,
    /** The feed gave no rating, or one Goldsmith cannot map. */
    @JsonProperty("unknown") UNKNOWN
}
