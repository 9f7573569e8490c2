package dev.goldsmith.feeds.advisory;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.goldsmith.catalog.event.Severity;

/**
 * Turns the ratings advisory feeds write into a {@link Severity}: the words distributions use, and CVSS v3 base
 * vectors, scored with the formula of the CVSS v3.0 and v3.1 specifications.
 */
public final class Severities {

    private static final Map<String, Severity> WORDS = Map.ofEntries(
            Map.entry("critical", Severity.CRITICAL),
            Map.entry("important", Severity.HIGH),
            Map.entry("high", Severity.HIGH),
            Map.entry("moderate", Severity.MEDIUM),
            Map.entry("medium", Severity.MEDIUM),
            Map.entry("low", Severity.LOW),
            // Ubuntu's lowest priority is still a vulnerability, so not NONE, which means "fixes none".
            Map.entry("negligible", Severity.LOW),
            Map.entry("none", Severity.NONE));

    private static final String[] BASE_METRICS = {"AV", "AC", "PR", "UI", "S", "C", "I", "A"};

    private Severities() {
    }

    /**
     * Returns the severity a rating word stands for, ignoring case: Red Hat's Critical, Important, Moderate and
     * Low, Ubuntu's priorities critical to negligible, and the CVSS names. Empty for words such as
     * {@code untriaged}.
     */
    public static Optional<Severity> ofWord(String word) {
        return word == null ? Optional.empty()
                : Optional.ofNullable(WORDS.get(word.strip().toLowerCase(Locale.ROOT)));
    }

    /** Returns the severity band of a CVSS v3 score: 0 none, to 3.9 low, to 6.9 medium, to 8.9 high, else critical. */
    public static Severity ofScore(double score) {
        if (score <= 0.0) {
            return Severity.NONE;
        } else if (score < 4.0) {
            return Severity.LOW;
        } else if (score < 7.0) {
            return Severity.MEDIUM;
        } else if (score < 9.0) {
            return Severity.HIGH;
        }
        return Severity.CRITICAL;
    }

    /** Returns the worse of two severities; {@link Severity#UNKNOWN} counts as no rating at all. */
    public static Severity worse(Severity a, Severity b) {
        if (a == Severity.UNKNOWN) {
            return b;
        }
        if (b == Severity.UNKNOWN) {
            return a;
        }
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    /**
     * Returns the base score of a CVSS v3 vector such as {@code CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H}.
     * Temporal and environmental metrics may follow and do not change the base score.
     *
     * @throws IllegalArgumentException if the vector is not CVSS 3.0 or 3.1, lacks a base metric, repeats one,
     *                                  or has a value the metric does not define
     */
    public static double cvss3BaseScore(String vector) {
        String[] parts = vector.strip().split("/");
        boolean v30 = parts[0].equals("CVSS:3.0");
        if (!v30 && !parts[0].equals("CVSS:3.1")) {
            throw new IllegalArgumentException("not a CVSS 3.0 or 3.1 vector: '" + vector + "'");
        }
        Map<String, String> metrics = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split(":", -1);
            if (kv.length != 2 || kv[0].isEmpty() || kv[1].isEmpty()) {
                throw new IllegalArgumentException("'" + parts[i] + "' is not a metric in '" + vector + "'");
            }
            if (metrics.put(kv[0], kv[1]) != null) {
                throw new IllegalArgumentException("metric " + kv[0] + " appears twice in '" + vector + "'");
            }
        }
        for (String metric : BASE_METRICS) {
            if (!metrics.containsKey(metric)) {
                throw new IllegalArgumentException("base metric " + metric + " is missing from '" + vector + "'");
            }
        }
        boolean changed = weight(metrics, "S", vector, "U", 0, "C", 1) == 1;
        double av = weight(metrics, "AV", vector, "N", 0.85, "A", 0.62, "L", 0.55, "P", 0.2);
        double ac = weight(metrics, "AC", vector, "L", 0.77, "H", 0.44);
        double pr = changed ? weight(metrics, "PR", vector, "N", 0.85, "L", 0.68, "H", 0.5)
                : weight(metrics, "PR", vector, "N", 0.85, "L", 0.62, "H", 0.27);
        double ui = weight(metrics, "UI", vector, "N", 0.85, "R", 0.62);
        double c = weight(metrics, "C", vector, "H", 0.56, "L", 0.22, "N", 0);
        double i = weight(metrics, "I", vector, "H", 0.56, "L", 0.22, "N", 0);
        double a = weight(metrics, "A", vector, "H", 0.56, "L", 0.22, "N", 0);

        double iss = 1 - (1 - c) * (1 - i) * (1 - a);
        double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
        double exploitability = 8.22 * av * ac * pr * ui;
        if (impact <= 0) {
            return 0.0;
        }
        double raw = changed ? Math.min(1.08 * (impact + exploitability), 10) : Math.min(impact + exploitability, 10);
        return v30 ? Math.ceil(raw * 10) / 10 : roundUp31(raw);
    }

    /** Returns the severity band of a CVSS v3 vector's base score. */
    public static Severity ofCvss3(String vector) {
        return ofScore(cvss3BaseScore(vector));
    }

    private static double weight(Map<String, String> metrics, String metric, String vector, Object... table) {
        String value = metrics.get(metric);
        for (int k = 0; k < table.length; k += 2) {
            if (table[k].equals(value)) {
                return ((Number) table[k + 1]).doubleValue();
            }
        }
        throw new IllegalArgumentException(metric + ":" + value + " is not a CVSS v3 value in '" + vector + "'");
    }

    /** The Roundup of CVSS v3.1, which avoids the floating-point surprises of a plain ceiling. */
    private static double roundUp31(double value) {
        long scaled = Math.round(value * 100_000);
        if (scaled % 10_000 == 0) {
            return scaled / 100_000.0;
        }
        return (Math.floorDiv(scaled, 10_000) + 1) / 10.0;
    }
}
