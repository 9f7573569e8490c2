package dev.goldsmith.catalog.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the vendor says can be done about an affected package, in the categories of CSAF 2.0 remediations. On the
 * wire the constants are written as CSAF writes them, in lowercase with underscores.
 *
 * <p>It matters most while there is no fixed version: {@link #NONE_AVAILABLE} means a fix may still come, so a
 * rebuild may help later, while {@link #NO_FIX_PLANNED} means it will not, so only a notice helps.
 */
public enum Remediation {
    /** The vendor ships a fix; with a fixed version it is the update to install. */
    @JsonProperty("vendor_fix") VENDOR_FIX,
    /** A configuration change or other step avoids the vulnerability without an update. */
    @JsonProperty("workaround") WORKAROUND,
    /** A step that lessens the impact without removing the vulnerability. */
    @JsonProperty("mitigation") MITIGATION,
    /** No fix exists yet; the vendor may still release one. */
    @JsonProperty("none_available") NONE_AVAILABLE,
    /** The vendor does not intend to fix it in this product, for example because it is out of support. */
    @JsonProperty("no_fix_planned") NO_FIX_PLANNED
}
