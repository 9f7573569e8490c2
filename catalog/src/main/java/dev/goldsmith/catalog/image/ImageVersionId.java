package dev.goldsmith.catalog.image;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The id of one built version of an image: the build's UTC date and its number on that day, {@code 2026.12.03.1}.
 * Ids order by date, then number, so the newest version is the greatest; and they are safe in paths and Git tags.
 */
public record ImageVersionId(LocalDate date, int number) implements Comparable<ImageVersionId> {

    private static final Pattern FORM = Pattern.compile("(\\d{4})\\.(\\d{2})\\.(\\d{2})\\.([1-9]\\d{0,5})");
    private static final Comparator<ImageVersionId> ORDER =
            Comparator.comparing(ImageVersionId::date).thenComparingInt(ImageVersionId::number);

    public ImageVersionId {
        Objects.requireNonNull(date, "date");
        if (number < 1 || number > 999_999) {
            throw new IllegalArgumentException("the number of a version on its day runs from 1 to 999999, was "
                    + number);
        }
    }

    /** Parses {@code YYYY.MM.DD.N}; fails with a message naming the bad value. */
    @JsonCreator
    public static ImageVersionId parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an image version like 2026.12.03.1");
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            return new ImageVersionId(date, Integer.parseInt(m.group(4)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not an image version: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the id of the next version built on {@code today}: number 1 on a new day, else one more than
     * {@code latest}. A {@code latest} after {@code today} (a clock set back) still yields an id greater than it.
     *
     * @param latest the newest existing version of the image, or null when there is none
     */
    public static ImageVersionId next(ImageVersionId latest, LocalDate today) {
        if (latest == null || latest.date.isBefore(today)) {
            return new ImageVersionId(today, 1);
        }
        return new ImageVersionId(latest.date, latest.number + 1);
    }

    @Override
    public int compareTo(ImageVersionId other) {
        return ORDER.compare(this, other);
    }

    /**
     * Returns {@code YYYY.MM.DD.N}. Built by hand rather than with {@code String.format}: the catalog formats every
     * version of every image while it loads, and a format string is parsed again on each call.
     */
    @JsonValue
    @Override
    public String toString() {
        int year = date.getYear();
        StringBuilder text = new StringBuilder(17);
        if (year >= 0 && year <= 9999) {
            twoDigits(text, year / 100);
            twoDigits(text, year % 100);
        } else {
            text.append(String.format("%04d", year));
        }
        twoDigits(text.append('.'), date.getMonthValue());
        twoDigits(text.append('.'), date.getDayOfMonth());
        return text.append('.').append(number).toString();
    }

    private static void twoDigits(StringBuilder text, int value) {
        text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
