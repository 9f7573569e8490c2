package dev.goldsmith.catalog.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A machine-readable line at the end of a commit message, {@code Key: value}, as {@code git interpret-trailers}
 * reads it: {@code Image}, {@code Version}, {@code Triggered-By}, {@code Fixes}, {@code Transition}.
 */
public record Trailer(String key, String value) {

    private static final Pattern KEY = Pattern.compile("[A-Z][A-Za-z0-9-]*");

    public Trailer {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("trailer key '" + key + "' is not a word like Fixes or Triggered-By");
        }
        if (value.isBlank() || value.chars().anyMatch(c -> c == '\n' || c == '\r')) {
            throw new IllegalArgumentException("trailer " + key + " needs a one-line value, was '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return key + ": " + value;
    }
}
