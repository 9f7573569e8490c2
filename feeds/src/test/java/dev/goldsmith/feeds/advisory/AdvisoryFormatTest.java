package dev.goldsmith.feeds.advisory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdvisoryFormatTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "{\"document\": {\"csaf_version\": \"2.0\"}}                  | CSAF",
        "{\"schema_version\": \"1.7.0\"}                               | OSV",
        "{\"id\": \"ALSA-2024:3163\", \"modified\": \"2024-05-29T14:42:42Z\"} | OSV",
        "{\"id\": \"ALSA-2024:3163\", \"affected\": []}                | OSV",
        "{\"id\": \"left-pad\"}                                       | -",
        "{\"document\": {\"title\": \"csaf without version\"}}          | -",
        "[]                                                          | -",
    })
    void recognisesTheFormatByContent(String json, AdvisoryFormat expected) throws Exception {
        assertEquals(Optional.ofNullable(expected), AdvisoryFormat.of(Fixtures.JSON.readTree(json)));
    }
}
