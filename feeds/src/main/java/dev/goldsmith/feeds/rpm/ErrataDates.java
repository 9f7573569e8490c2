package dev.goldsmith.feeds.rpm;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code issued} and {@code updated} dates of updateinfo errata, which every publisher writes its own way:
 * {@code 2023-01-01 00:00:00} (createrepo, Red Hat), {@code 2023-01-01} (Oracle), {@code 2011-09-27 22:46} (Amazon),
 * {@code 2013-01-27 16:08:05 UTC}, ISO 8601 with {@code T} and an offset, and seconds since 1970 (SUSE). A date
 * without a zone is taken as UTC.
 */
final class ErrataDates {

    /** Seconds since 1970: nine digits reach back to 1973, twelve forward to the year 33658. */
    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{9,12}(\\.\\d{1,9})?");
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})"
            + "(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?"
            + "\\s*(Z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)?");

    private ErrataDates() {
    }

    /** Returns the instant {@code text} names, or null when it is absent or in no format known here. */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        String date = text.strip();
        try {
            if (EPOCH_SECONDS.matcher(date).matches()) {
                BigDecimal seconds = new BigDecimal(date);
                long whole = seconds.longValue();
                return Instant.ofEpochSecond(whole, seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9)
                        .longValue());
            }
            Matcher m = DATE_TIME.matcher(date);
            if (!m.matches()) {
                return null;
            }
            LocalDateTime local = LocalDateTime.of(number(m.group(1)), number(m.group(2)), number(m.group(3)),
                    number(m.group(4)), number(m.group(5)), number(m.group(6)), nanos(m.group(7)));
            return local.toInstant(offset(m.group(8)));
        } catch (DateTimeException | ArithmeticException e) {
            // A well-shaped but impossible date, such as 2023-02-30: no date at all.
            return null;
        }
    }

    private static int number(String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }

    private static int nanos(String fraction) {
        return fraction == null ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null || zone.equals("Z") || zone.equals("UTC") || zone.equals("GMT")) {
            return ZoneOffset.UTC;
        }
        return ZoneOffset.of(zone);
    }
}
