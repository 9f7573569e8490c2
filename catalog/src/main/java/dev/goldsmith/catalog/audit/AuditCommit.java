package dev.goldsmith.catalog.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One commit of the catalog's history as the audit reads it: when the change happened (the author date), the
 * subject, and the trailers. Keys compare without regard to case, as {@code git interpret-trailers} compares them.
 *
 * @param id       the commit id
 * @param at       when the change happened: the commit's author date
 * @param subject  the first line of the message
 * @param message  the whole message
 * @param trailers each trailer as key and value, in the order written
 */
public record AuditCommit(String id, Instant at, String subject, String message,
        List<Map.Entry<String, String>> trailers) {

    public AuditCommit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        trailers = List.copyOf(trailers);
    }

    /** Returns the values of every trailer named {@code key}, in order. */
    public List<String> values(String key) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> t : trailers) {
            if (t.getKey().equalsIgnoreCase(key)) {
                values.add(t.getValue().strip());
            }
        }
        return values;
    }

    /** Returns the first value of {@code key}, or null. */
    public String value(String key) {
        List<String> values = values(key);
        return values.isEmpty() ? null : values.get(0);
    }

    /** Returns the commit id abbreviated to 10 digits, as a reader quotes it. */
    public String shortId() {
        return id.substring(0, Math.min(10, id.length()));
    }

    /**
     * Returns what the subject says after {@code <image> <version>: } or {@code <image>: }: the change and its
     * reason in words.
     */
    public String what() {
        int colon = subject.indexOf(": ");
        return colon < 0 ? subject : subject.substring(colon + 2);
    }

    /** Returns the ids (advisories, CVEs) and words the message holds, upper-cased, without punctuation around them. */
    Set<String> words() {
        Set<String> words = new TreeSet<>();
        Arrays.stream(message.split("[\\s(),;\\[\\]]+")).map(AuditCommit::trimEnd)
                .filter(w -> !w.isEmpty()).forEach(w -> words.add(w.toUpperCase(Locale.ROOT)));
        return words;
    }

    /** Returns {@code word} without the dots and colons that end a sentence or a trailer key. */
    private static String trimEnd(String word) {
        int end = word.length();
        while (end > 0 && ".:".indexOf(word.charAt(end - 1)) >= 0) {
            end--;
        }
        return word.substring(0, end);
    }
}
