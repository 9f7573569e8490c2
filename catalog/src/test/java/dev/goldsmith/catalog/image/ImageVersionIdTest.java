package dev.goldsmith.catalog.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageVersionIdTest {

    private static final LocalDate DEC_3 = LocalDate.of(2026, 12, 3);

    @Test
    void ordersByDateThenNumberNotAsText() {
        List<ImageVersionId> ids = new ArrayList<>(List.of(ImageVersionId.parse("2026.12.03.10"),
                ImageVersionId.parse("2026.12.03.2"), ImageVersionId.parse("2026.11.30.7")));

        Collections.sort(ids);

        assertEquals(List.of("2026.11.30.7", "2026.12.03.2", "2026.12.03.10"),
                ids.stream().map(ImageVersionId::toString).toList());
    }

    @Test
    void nextIsOneOnANewDayAndCountsUpWithinADay() {
        assertEquals("2026.12.03.1", ImageVersionId.next(null, DEC_3).toString());
        assertEquals("2026.12.03.1", ImageVersionId.next(ImageVersionId.parse("2026.12.02.4"), DEC_3).toString());
        assertEquals("2026.12.03.5", ImageVersionId.next(ImageVersionId.parse("2026.12.03.4"), DEC_3).toString());
    }

    @Test
    void clockSetBackStillYieldsAGreaterId() {
        ImageVersionId latest = ImageVersionId.parse("2026.12.04.1");

        assertTrue(ImageVersionId.next(latest, DEC_3).compareTo(latest) > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-03", "0005-01-09", "0999-10-31", "9999-12-31", "+12345-06-07", "-0005-02-28"})
    void writesTheDateZeroPaddedAsFormatDoes(String date) {
        LocalDate day = LocalDate.parse(date);

        for (int number : new int[] {1, 9, 10, 999_999}) {
            assertEquals(String.format("%04d.%02d.%02d.%d", day.getYear(), day.getMonthValue(), day.getDayOfMonth(),
                    number), new ImageVersionId(day, number).toString());
        }
    }

    @Test
    void readsBackWhatItWrites() {
        ImageVersionId id = new ImageVersionId(LocalDate.of(2026, 1, 5), 12);

        assertEquals("2026.01.05.12", id.toString());
        assertEquals(id, ImageVersionId.parse(id.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026.12.3.1", "2026.12.03.0", "2026.13.01.1", "2026.02.30.1", "2026.12.03.1/..",
        "v2026.12.03.1", "2026.12.03.01"})
    void refusesWhatIsNotAVersionId(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageVersionId.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }
}
