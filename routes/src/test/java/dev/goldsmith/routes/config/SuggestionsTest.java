package dev.goldsmith.routes.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {

    private static final List<String> KEYS = List.of("state-dir", "event-bus", "feeds", "images", "qa-suites", "env");

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource({
        "feedz, feeds, one letter wrong",
        "stateDir, state-dir, camelCase spelling",
        "QA_SUITES, qa-suites, snake case spelling",
        "evn, env, two letters swapped",
        "imgaes, images, two letters swapped in a longer word",
        "colour, '', nothing close",
    })
    void suggestsOnlyPlausibleTypos(String word, String expected, String reason) {
        assertEquals(expected.isEmpty() ? Optional.empty() : Optional.of(expected), Suggestions.closest(word, KEYS),
                reason);
    }
}
