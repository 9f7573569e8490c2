package dev.goldsmith.feeds.apt;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Reads dates as APT archives write them in Release files, the RFC 2822 form {@code Sat, 11 Jul 2026 10:16:37 UTC}.
 * The day name is optional and not checked against the date; the zone is {@code UTC}, {@code GMT}, {@code UT},
 * {@code Z} or a numeric offset such as {@code +0000}.
 */
final class AptDate {

    private static final List<String> DAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");
    private static final List<String> MONTHS = List.of(
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");

    private AptDate() {
    }

    /** Returns the instant {@code value} names, or throws IllegalArgumentException saying what is wrong with it. */
    static Instant parse(String value) {
        String[] parts = value.trim().split("[ \t]+");
        int i = 0;
        if (parts.length == 6) {
            String day = parts[0];
            if (!day.endsWith(",") || !DAYS.contains(day.substring(0, day.length() - 1))) {
                throw new IllegalArgumentException("'" + day + "' is not a day name");
            }
            i = 1;
        } else if (parts.length != 5) {
            throw new IllegalArgumentException("expected 'Day, DD Mon YYYY HH:MM:SS UTC'");
        }
        int dayOfMonth = number(parts[i], 1, 2, "day of month");
        int month = MONTHS.indexOf(parts[i + 1]) + 1;
        if (month == 0) {
            throw new IllegalArgumentException("'" + parts[i + 1] + "' is not a month name");
        }
        int year = number(parts[i + 2], 4, 4, "year");
        String[] hms = parts[i + 3].split(":", -1);
        if (hms.length != 3) {
            throw new IllegalArgumentException("'" + parts[i + 3] + "' is not HH:MM:SS");
        }
        int hour = number(hms[0], 2, 2, "hour");
        int minute = number(hms[1], 2, 2, "minute");
        int second = number(hms[2], 2, 2, "second");
        ZoneOffset offset = zone(parts[i + 4]);
        try {
            return LocalDateTime.of(year, month, dayOfMonth, hour, minute, second).toInstant(offset);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static ZoneOffset zone(String zone) {
        switch (zone) {
            case "UTC", "GMT", "UT", "Z":
                return ZoneOffset.UTC;
            default:
                break;
        }
        if (zone.length() == 5 && (zone.charAt(0) == '+' || zone.charAt(0) == '-')) {
            int hours = number(zone.substring(1, 3), 2, 2, "zone hours");
            int minutes = number(zone.substring(3), 2, 2, "zone minutes");
            int sign = zone.charAt(0) == '-' ? -1 : 1;
            try {
                return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("'" + zone + "' is not a valid offset", e);
            }
        }
        throw new IllegalArgumentException("'" + zone + "' is not a time zone apt writes (UTC, GMT or +HHMM)");
    }

    private static int number(String s, int minDigits, int maxDigits, String what) {
        if (s.length() < minDigits || s.length() > maxDigits) {
            throw new IllegalArgumentException("'" + s + "' is not a valid " + what);
        }
        int n = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("'" + s + "' is not a valid " + what);
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
