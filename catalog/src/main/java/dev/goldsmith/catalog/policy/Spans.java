package dev.goldsmith.catalog.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Writes durations as an operator reads them in a reason: "7 days", "1 day 12 hours", "90 seconds". */
final class Spans {

    private Spans() {
    }

    /** Returns {@code span} in days, hours, minutes, seconds and milliseconds, leaving out the parts that are 0. */
    static String text(Duration span) {
        List<String> parts = new ArrayList<>();
        add(parts, span.toDaysPart(), "day");
        add(parts, span.toHoursPart(), "hour");
        add(parts, span.toMinutesPart(), "minute");
        add(parts, span.toSecondsPart(), "second");
        add(parts, span.toMillisPart(), "millisecond");
        return parts.isEmpty() ? "0 seconds" : String.join(" ", parts);
    }

    private static void add(List<String> parts, long amount, String unit) {
        if (amount != 0) {
            parts.add(amount + " " + unit + (amount == 1 ? "" : "s"));
        }
    }
}
