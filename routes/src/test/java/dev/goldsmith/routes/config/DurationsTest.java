package dev.goldsmith.routes.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "PT15M, PT15M",
        "pt15m, PT15M",
        "P7D, PT168H",
        "15m, PT15M",
        "1h30m, PT1H30M",
        "500ms, PT0.5S",
        "2d, PT48H",
        "90s, PT1M30S",
        "0, PT0S",
    })
    void acceptsIsoAndUnitForms(String text, String expected) {
        assertEquals(Duration.parse(expected), Durations.parse(text));
    }

    @ParameterizedTest(name = "rejects {0}")
    @CsvSource({
        "PT5X, cannot parse 'PT5X' as a duration (write",
        "15, cannot parse '15' as a duration; a number needs a unit",
        "15 m, cannot parse '15 m' as a duration (write",
        "1w, cannot parse '1w' as a duration (write",
        "P1M, cannot parse 'P1M' as a duration (write",
        "99999999999999999999d, cannot parse '99999999999999999999d' as a duration (write",
    })
    void rejectsAnythingElseQuotingIt(String text, String messageStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));

        assertEquals(messageStart, e.getMessage().substring(0, messageStart.length()));
    }
}
