package dev.goldsmith.routes.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the two ways a duration may be written: ISO-8601 ({@code PT15M}, {@code P7D}) or numbers with units
 * ({@code 15m}, {@code 1h30m}, {@code 500ms}; units ms, s, m, h, d).
 */
final class Durations {

    private static final Pattern WITH_UNITS = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Returns the duration {@code text} describes.
     *
     * @throws IllegalArgumentException if it describes none; the message quotes the text and shows the formats
     */
    static Duration parse(String text) {
        String trimmed = text.strip();
        if (trimmed.equals("0")) {
            return Duration.ZERO;
        }
        try {
            if (trimmed.toUpperCase(Locale.ROOT).startsWith("P") || trimmed.startsWith("-P")) {
                return Duration.parse(trimmed);
            }
            if (WITH_UNITS.matcher(trimmed).matches()) {
                return sumOfParts(trimmed);
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            // Falls through to the one message that shows both accepted formats.
        }
        String hint = trimmed.matches("\\d+") ? "; a number needs a unit" : "";
        throw new IllegalArgumentException("cannot parse '" + text + "' as a duration" + hint
                + " (write e.g. 'PT15M' or '15m'; units ms, s, m, h, d)");
    }

    private static Duration sumOfParts(String text) {
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        return total;
    }
}
