package dev.goldsmith.catalog.version;

import java.util.Objects;

/**
 * Thrown when a string is not a version the packaging tool of a {@link VersionScheme} would accept.
 */
public class InvalidVersionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final VersionScheme scheme;
    private final String value;
    private final String reason;

    /**
     * Creates the exception for {@code value}, refused by {@code scheme} because of {@code reason}.
     */
    public InvalidVersionException(VersionScheme scheme, String value, String reason) {
        super("invalid " + scheme.schemeName() + " version " + quote(value) + ": " + reason);
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.value = Objects.requireNonNull(value, "value");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Returns the scheme whose rules the value broke. */
    public VersionScheme scheme() {
        return scheme;
    }

    /** Returns the refused string, exactly as given. */
    public String value() {
        return value;
    }

    /** Returns why the value was refused, in the words of the packaging tool where it has any. */
    public String reason() {
        return reason;
    }

    /** Returns the value in single quotes, with control characters escaped so that a log line stays one line. */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('\'').toString();
    }
}
