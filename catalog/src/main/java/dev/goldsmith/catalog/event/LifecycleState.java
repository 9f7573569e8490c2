package dev.goldsmith.catalog.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The states an image version moves through, as drawn in the architecture. On the wire the constants are
 * written in lowercase.
 */
public enum LifecycleState {
    @JsonProperty("building") BUILDING,
    @JsonProperty("built") BUILT,
    @JsonProperty("testing") TESTING,
    @JsonProperty("stable") STABLE,
    @JsonProperty("deprecated") DEPRECATED,
    @JsonProperty("revoked") REVOKED,
    @JsonProperty("failed") FAILED,
    @JsonProperty("retired") RETIRED
}
