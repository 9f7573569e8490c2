package dev.goldsmith.builders.libvirt;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** Preconditions shared by the domain description records; each failure names the field and the bad value. */
final class Values {

    private Values() {
    }

    /** Returns {@code path} when it is absolute, normalised and free of control characters. */
    static Path absolutePath(String field, Path path) {
        if (path == null) {
            throw new IllegalArgumentException(field + ": missing");
        }
        String text = path.toString();
        if (!path.isAbsolute() || !path.normalize().equals(path) || text.endsWith("/") && text.length() > 1) {
            throw new IllegalArgumentException(field + ": path must be absolute and normalised, was '"
                    + printable(text) + "'");
        }
        requireNoControls(field, text);
        return path;
    }

    /** Returns {@code value} when it matches {@code pattern}. */
    static String matching(String field, String value, Pattern pattern, String rule) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": missing");
        }
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": '" + printable(value) + "' " + rule);
        }
        return value;
    }

    /** Returns {@code value} when it is at most {@code max} characters and has no control characters. */
    static String text(String field, String value, int max) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": missing");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(field + ": longer than " + max + " characters");
        }
        requireNoControls(field, value);
        return value;
    }

    /** Returns {@code value} when it lies in {@code [min, max]}. */
    static int within(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + ": " + value + " is outside " + min + ".." + max);
        }
        return value;
    }

    private static void requireNoControls(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || c == 0xfffe || c == 0xffff
                    || Character.isSurrogate(c) && !validSurrogate(value, i)) {
                throw new IllegalArgumentException(field + ": control or unpaired character U+"
                        + String.format("%04X", (int) c) + " at index " + i + " in '" + printable(value) + "'");
            }
        }
    }

    private static boolean validSurrogate(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }

    /** Returns {@code value} with control characters shown as {@code \}{@code uXXXX}, for error messages. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
