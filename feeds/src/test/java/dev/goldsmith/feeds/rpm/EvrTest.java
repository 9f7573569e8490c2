package dev.goldsmith.feeds.rpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvrTest {

    @ParameterizedTest(name = "{0}:{1}-{2} -> {3}")
    @CsvSource({
        "0, 1.0, 2.el9_3, 1.0-2.el9_3",
        "'', 1.0, 1.el9, 1.0-1.el9",
        ", 5.21, 1, 5.21-1",
        "2, 0.9, 1.el9, 2:0.9-1.el9",
        "' 1 ', 3.2.1, 4.fc40, 1:3.2.1-4.fc40",
        "0, 1.0~rc1, 1.el9, 1.0~rc1-1.el9"})
    void writesEpochOnlyWhenItIsNotZero(String epoch, String version, String release, String text) {
        assertEquals(text, Evr.of(epoch, version, release).toString());
    }

    @Test
    void refusesPartsThatWouldMakeTheTextAmbiguous() {
        assertThrows(IllegalArgumentException.class, () -> Evr.of("0", "1.0-1", "2"));
        assertThrows(IllegalArgumentException.class, () -> Evr.of("0", "1.0", "1:2"));
        assertThrows(IllegalArgumentException.class, () -> Evr.of("0", "1.0", ""));
        assertThrows(IllegalArgumentException.class, () -> Evr.of("x", "1.0", "1"));
        assertThrows(IllegalArgumentException.class, () -> Evr.of("-1", "1.0", "1"));
        assertThrows(IllegalArgumentException.class, () -> Evr.of("0", "1 0", "1"));
    }
}
