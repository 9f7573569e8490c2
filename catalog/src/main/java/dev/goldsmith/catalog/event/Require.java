package dev.goldsmith.catalog.event;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Preconditions for the event records. Each failure names the field and shows the value it got, because the
 * message often ends up in a dead letter and is read far from the code that produced it.
 */
final class Require {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private Require() {
    }

    /** Returns {@code value} if it is present, else throws naming {@code field}. */
    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required, was null");
        }
        return value;
    }

    /** Returns {@code value} if it has at least one non-blank character. */
    static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, was " + quote(value));
        }
        return value;
    }

    /** Returns {@code value}, which may be null but not blank. */
    static String optionalText(String value, String field) {
        return value == null ? null : text(value, field);
    }

    /** Returns {@code value} if it is 64 lowercase hex digits. */
    static String sha256(String value, String field) {
        if (value == null || !SHA256.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 64 lowercase hex digits, was " + quote(value));
        }
        return value;
    }

    /** Returns {@code value} if it is zero or more. */
    static long notNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is present and zero or more. */
    static Duration notNegative(Duration value, String field) {
        if (present(value, field).isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }

    /** Returns an immutable copy of {@code values}, which must be present and hold no nulls. */
    static <T> List<T> list(List<T> values, String field) {
        present(values, field);
        for (int i = 0; i < values.size(); i++) {
            present(values.get(i), field + "[" + i + "]");
        }
        return List.copyOf(values);
    }

    /** Returns an immutable copy of {@code values}, which must be present and hold no blank strings. */
    static List<String> texts(List<String> values, String field) {
        present(values, field);
        for (int i = 0; i < values.size(); i++) {
            text(values.get(i), field + "[" + i + "]");
        }
        return List.copyOf(values);
    }

    /** Returns an immutable copy of {@code values} like {@link #list}, and insists on at least one element. */
    static <T> List<T> nonEmpty(List<T> values, String field) {
        List<T> copy = list(values, field);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        return copy;
    }

    private static String quote(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
