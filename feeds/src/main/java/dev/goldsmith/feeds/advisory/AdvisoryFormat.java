package dev.goldsmith.feeds.advisory;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** The advisory document formats Goldsmith reads. */
public enum AdvisoryFormat {
    /** An OSV record, as AlmaLinux, Rocky Linux, Ubuntu, Debian and Red Hat publish them. */
    OSV,
    /** A CSAF 2.0 security advisory or VEX document, as Red Hat publishes them. */
    CSAF;

    /**
     * Returns the format of a parsed document by its content: CSAF has {@code document.csaf_version}; OSV has a
     * {@code schema_version}, or an {@code id} with {@code modified} or {@code affected}, since the AlmaLinux
     * records carry no schema version. Empty when it is neither.
     */
    public static Optional<AdvisoryFormat> of(JsonNode root) {
        if (!root.isObject()) {
            return Optional.empty();
        }
        if (root.path("document").has("csaf_version")) {
            return Optional.of(CSAF);
        }
        if (root.has("schema_version") || root.has("id") && (root.has("modified") || root.has("affected"))) {
            return Optional.of(OSV);
        }
        return Optional.empty();
    }
}
