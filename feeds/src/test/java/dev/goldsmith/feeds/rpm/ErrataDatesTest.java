package dev.goldsmith.feeds.rpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrataDatesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "2023-01-01 00:00:00         | 2023-01-01T00:00:00Z",
        "2023-11-15 12:30:00         | 2023-11-15T12:30:00Z",
        "2023-01-01                  | 2023-01-01T00:00:00Z",
        "2011-09-27 22:46            | 2011-09-27T22:46:00Z",
        "2013-01-27 16:08:05 UTC     | 2013-01-27T16:08:05Z",
        "2024-03-05T07:08:09Z        | 2024-03-05T07:08:09Z",
        "2024-03-05T09:08:09+02:00   | 2024-03-05T07:08:09Z",
        "2024-03-05 09:08:09 +0200   | 2024-03-05T07:08:09Z",
        "2024-03-05 07:08:09.250     | 2024-03-05T07:08:09.250Z",
        "1555429284                  | 2019-04-16T15:41:24Z",
        "1320316512.52               | 2011-11-03T10:35:12.520Z",
        "'  2023-01-01  '            | 2023-01-01T00:00:00Z"})
    void readsDatesTheWayPublishersWriteThemInUtc(String text, Instant expected) {
        assertEquals(expected, ErrataDates.parse(text));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "15mangled2", "2023-02-30", "2023-13-01", "20230101", "yesterday", "12345"})
    void returnsNullForWhatIsNoDate(String text) {
        assertNull(ErrataDates.parse(text));
    }
}
