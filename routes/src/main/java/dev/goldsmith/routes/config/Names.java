package dev.goldsmith.routes.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the {@code name} of each entry of one list and reports names that are malformed or used twice.
 *
 * <p>Names end up in file paths, Git tags and Kafka keys, so they are held to a safe alphabet.
 */
final class Names {

    private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9._-]{0,61}[a-z0-9])?");

    private final Map<String, String> firstUse = new HashMap<>();

    /** Returns the entry's name, or null when it is missing, malformed or already taken in this list. */
    String claim(Mapping entry) {
        String name = entry.requiredText("name");
        if (name == null) {
            return null;
        }
        Optional<String> invalid = invalidReason(name);
        if (invalid.isPresent()) {
            entry.problem("name", invalid.get());
            return null;
        }
        String previous = firstUse.putIfAbsent(name, entry.pathOf("name"));
        if (previous != null) {
            entry.problem("name", "duplicate name '" + name + "'; " + previous + " has it already");
            return null;
        }
        return name;
    }

    /** Returns why {@code name} is not a valid name, or empty when it is one. */
    static Optional<String> invalidReason(String name) {
        if (NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of("'" + name + "' is not a valid name: use up to 63 lower-case letters, digits, '.', '_'"
                + " and '-', starting and ending with a letter or digit");
    }
}
