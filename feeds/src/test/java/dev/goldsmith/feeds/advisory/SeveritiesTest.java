package dev.goldsmith.feeds.advisory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goldsmith.catalog.event.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeveritiesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "Critical, CRITICAL",
        "Important, HIGH",
        "important, HIGH",
        "HIGH, HIGH",
        "Moderate, MEDIUM",
        "medium, MEDIUM",
        "Low, LOW",
        "negligible, LOW",
        "none, NONE",
    })
    void mapsTheRatingWordsOfRedHatUbuntuAndCvss(String word, Severity expected) {
        assertEquals(Optional.of(expected), Severities.ofWord(word));
    }

    @Test
    void ignoresWordsThatAreNoRating() {
        assertEquals(Optional.empty(), Severities.ofWord("untriaged"));
        assertEquals(Optional.empty(), Severities.ofWord(null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H, 10.0",
        "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H, 5.5",
        "CVSS:3.1/AV:N/AC:L/PR:H/UI:R/S:C/C:H/I:H/A:N, 8.1",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N, 6.1",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N, 0.0",
        "CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N, 1.6",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C, 9.8",
    })
    void scoresCvss3BaseVectors(String vector, double expected) {
        assertEquals(expected, Severities.cvss3BaseScore(vector), 1e-9);
    }

    @Test
    void agreesWithEveryBaseScoreRedHatPublishesNextToItsVectors() throws IOException {
        List<JsonNode> scores = new ArrayList<>();
        for (Path file : Fixtures.filesBelow(Fixtures.root().resolve("csaf"), ".json")) {
            Fixtures.tree(file).path("vulnerabilities").forEach(v -> v.path("scores")
                    .forEach(s -> scores.add(s.path("cvss_v3"))));
        }

        int checked = 0;
        for (JsonNode cvss : scores) {
            if (cvss.has("vectorString")) {
                assertEquals(cvss.get("baseScore").doubleValue(),
                        Severities.cvss3BaseScore(cvss.get("vectorString").textValue()), 1e-9,
                        cvss.get("vectorString").textValue());
                checked++;
            }
        }
        assertTrue(checked >= 10, "expected the fixtures to hold at least 10 scored vectors, found " + checked);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0.0, NONE", "0.1, LOW", "3.9, LOW", "4.0, MEDIUM", "6.9, MEDIUM", "7.0, HIGH", "8.9, HIGH",
        "9.0, CRITICAL", "10.0, CRITICAL"})
    void bandsScoresByTheCvssQualitativeScale(double score, Severity expected) {
        assertEquals(expected, Severities.ofScore(score));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H | not a CVSS 3.0 or 3.1 vector",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N | not a CVSS 3.0 or 3.1 vector",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H | base metric A is missing",
        "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H | AV:X is not a CVSS v3 value",
        "CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H | metric AV appears twice",
        "CVSS:3.1/AV:N/AC | 'AC' is not a metric",
    })
    void rejectsVectorsItCannotScoreAndSaysWhy(String vector, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Severities.cvss3BaseScore(vector));

        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void takesTheWorseRatingAndTreatsUnknownAsNoRating() {
        assertEquals(Severity.HIGH, Severities.worse(Severity.MEDIUM, Severity.HIGH));
        assertEquals(Severity.LOW, Severities.worse(Severity.UNKNOWN, Severity.LOW));
        assertEquals(Severity.NONE, Severities.worse(Severity.NONE, Severity.UNKNOWN));
        assertEquals(Severity.UNKNOWN, Severities.worse(Severity.UNKNOWN, Severity.UNKNOWN));
    }
}
