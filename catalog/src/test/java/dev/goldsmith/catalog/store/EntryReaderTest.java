package dev.goldsmith.catalog.store;

import static dev.goldsmith.catalog.store.ManifestReaderTest.outcome;
import static dev.goldsmith.catalog.store.SampleHistory.V1;
import static dev.goldsmith.catalog.store.SampleHistory.V2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.goldsmith.catalog.event.LifecycleState;
import dev.goldsmith.catalog.state.ImageEntry;
import dev.goldsmith.catalog.state.StateChange;
import dev.goldsmith.catalog.state.VersionEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming entry reader against {@link ImageEntry#fromJson}, which defines the format: the plain documents it
 * reads itself, to the same entry; every other document ends exactly as {@code fromJson} ends it.
 */
class EntryReaderTest {

    private static final String SOURCE = "catalog/debian-12-web.json";
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    @TempDir
    Path dir;

    private final EntryReader reader = new EntryReader(new Strings(new ConcurrentHashMap<>()));

    @Test
    void readsTheEntriesTheStoreWroteAsFromJsonDoes() throws Exception {
        Path repo = dir.resolve("catalog");
        SampleHistory.write(repo);

        for (String image : List.of(SampleHistory.MINIMAL, SampleHistory.WEB)) {
            assertReadPlain(Files.readString(repo.resolve(CatalogLayout.catalogEntry(image))));
        }
    }

    static Stream<Arguments> plainDocuments() {
        String json = sample().toJson();
        return Stream.of(
                Arguments.of("as written", json),
                Arguments.of("escapes and unicode in a reason", edit(json, "QA passed",
                        "QA \\\"passed\\\" \\u00e9 ü 😀")),
                Arguments.of("escape in a channel name", edit(json, "\"stable\" : \"2026.12.01.1\"",
                        "\"st\\u0061ble\" : \"2026.12.01.1\"")),
                Arguments.of("no channels", edit(json, "\"stable\" : \"2026.12.01.1\"", "")),
                Arguments.of("qaPassed missing", edit(json, ",\n    \"qaPassed\" : \"2026-12-01T09:40:00Z\"", "")),
                Arguments.of("fractions of a second", edit(json, "2026-12-01T09:40:00Z", "2026-12-01T09:40:00.001Z")),
                Arguments.of("no whitespace at all", json.replaceAll("\\s+(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plainDocuments")
    void readsPlainDocumentsItselfAndAgreesWithFromJson(String what, String json) throws Exception {
        assertReadPlain(json);
    }

    static Stream<Arguments> otherDocuments() {
        String json = sample().toJson();
        return Stream.of(
                Arguments.of("unknown field", edit(json, "\"channels\"", "\"owner\" : \"web team\",\n  \"channels\"")),
                Arguments.of("unknown field in a state change", edit(json, "\"reason\" : \"QA passed\"",
                        "\"reason\" : \"QA passed\", \"by\" : \"bot\"")),
                Arguments.of("state by its constant's name", edit(json, "\"to\" : \"stable\"", "\"to\" : \"STABLE\"")),
                Arguments.of("state by its number", edit(json, "\"to\" : \"stable\"", "\"to\" : 3")),
                Arguments.of("state that is none", edit(json, "\"to\" : \"stable\"", "\"to\" : \"golden\"")),
                Arguments.of("history that skips a state", edit(json, "\"from\" : \"built\"",
                        "\"from\" : \"building\"")),
                Arguments.of("channel twice", edit(json, "\"stable\" : \"2026.12.01.1\"",
                        "\"stable\" : \"2026.12.03.1\", \"stable\" : \"2026.12.01.1\"")),
                Arguments.of("channel at null", edit(json, "\"stable\" : \"2026.12.01.1\"", "\"stable\" : null")),
                Arguments.of("channel at a version it lacks", edit(json, "\"stable\" : \"2026.12.01.1\"",
                        "\"stable\" : \"2026.12.09.1\"")),
                Arguments.of("instant with an offset", edit(json, "2026-12-01T09:40:00Z", "2026-12-01T10:40:00+01:00")),
                Arguments.of("instant of no day", edit(json, "2026-12-01T09:40:00Z", "2026-11-31T09:40:00Z")),
                Arguments.of("something after the document", json + "]"),
                Arguments.of("not JSON", "{ \"image\" : "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherDocuments")
    void leavesEveryOtherDocumentToFromJson(String what, String json) throws Exception {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        assertNull(reader.readPlain(bytes), "the streaming reader must not read it itself");
        assertEquals(outcome(() -> ImageEntry.fromJson(json, SOURCE)), outcome(() -> reader.read(bytes, SOURCE)));
    }

    @Test
    void readsEveryDayOfFourCenturiesAsInstantParseDoes() {
        Strings strings = new Strings(new ConcurrentHashMap<>());
        for (LocalDate day = LocalDate.of(1799, 12, 1); day.isBefore(LocalDate.of(2201, 3, 2)); day = day.plusDays(1)) {
            String text = day + "T" + String.format("%02d:%02d:%02d", day.getDayOfMonth() % 24,
                    day.getDayOfYear() % 60, day.getMonthValue() * 4 + 11) + "Z";

            assertEquals(Instant.parse(text), instant(strings, text), text);
        }
        for (String text : List.of("0000-01-01T00:00:00Z", "0000-02-29T12:00:00Z", "0001-03-01T00:00:00Z",
                "1969-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59Z")) {
            assertEquals(Instant.parse(text), instant(strings, text), text);
        }
        for (String text : List.of("1900-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z",
                "2024-13-01T00:00:00Z", "2024-00-10T00:00:00Z", "2024-01-00T00:00:00Z", "2024-01-01T24:00:00Z",
                "2024-01-01T00:60:00Z", "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00.1234567890Z")) {
            assertThrows(PlainJson.Declined.class, () -> instant(strings, text), text);
        }
    }

    /** Reads {@code json} with the streaming reader alone, which must manage it, and checks it against fromJson. */
    private void assertReadPlain(String json) throws Exception {
        ImageEntry plain = reader.readPlain(json.getBytes(StandardCharsets.UTF_8));

        assertNotNull(plain, "the streaming reader must read this document itself");
        assertEquals(ImageEntry.fromJson(json, SOURCE), plain);
    }

    private static Instant instant(Strings strings, String text) {
        return new PlainJson(("\"" + text + "\"").getBytes(StandardCharsets.US_ASCII), strings).instantOrNull();
    }

    /** Returns an entry with two versions, one of them passed QA, and a channel. */
    private static ImageEntry sample() {
        VersionEntry first = new VersionEntry(V1, T0, List.of(
                new StateChange(null, LifecycleState.BUILDING, T0, "rebuild for DSA-5800-1"),
                new StateChange(LifecycleState.BUILDING, LifecycleState.BUILT, T0.plusSeconds(1200), "build passed"),
                new StateChange(LifecycleState.BUILT, LifecycleState.TESTING, T0.plusSeconds(1260), "QA started"),
                new StateChange(LifecycleState.TESTING, LifecycleState.STABLE, T0.plusSeconds(2400), "QA passed")),
                T0.plusSeconds(2400));
        VersionEntry second = VersionEntry.started(V2, LifecycleState.BUILDING, T0.plusSeconds(86_400 * 2),
                "rebuild for DSA-5801-1");
        return new ImageEntry(SampleHistory.WEB, List.of(first, second), Map.of("stable", V1));
    }

    private static String edit(String json, String text, String replacement) {
        assertTrue(json.contains(text), () -> "no '" + text + "' in " + json);
        return json.replace(text, replacement);
    }
}
