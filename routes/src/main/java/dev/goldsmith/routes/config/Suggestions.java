package dev.goldsmith.routes.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known word a mistyped one was most likely meant to be, for "did you mean" hints.
 */
final class Suggestions {

    private Suggestions() {
    }

    /** Returns the candidate closest to {@code word}, if one is close enough to be a plausible typo. */
    static Optional<String> closest(String word, Collection<String> candidates) {
        String folded = fold(word);
        Optional<String> sameLetters = candidates.stream().filter(candidate -> fold(candidate).equals(folded))
                .findFirst();
        if (sameLetters.isPresent()) {
            return sameLetters;
        }
        int allowed = Math.max(1, Math.min(3, word.length() / 3));
        return candidates.stream()
                .filter(candidate -> distance(folded, fold(candidate)) <= allowed)
                .min(Comparator.comparingInt(candidate -> distance(folded, fold(candidate))));
    }

    /** Returns " did you mean 'x'?" for the closest candidate, or an empty string. */
    static String didYouMean(String word, Collection<String> candidates) {
        return closest(word, candidates).map(match -> "; did you mean '" + match + "'?").orElse("");
    }

    // Case, '-' and '_' do not count, so camelCase and snake_case spellings of a kebab-case key still match.
    private static String fold(String word) {
        return word.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** Returns the edit distance, counting a swap of two neighbouring letters as one edit. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
