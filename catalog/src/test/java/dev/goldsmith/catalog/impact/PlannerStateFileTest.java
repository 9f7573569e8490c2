package dev.goldsmith.catalog.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.goldsmith.catalog.event.RebuildRequest;
import dev.goldsmith.catalog.event.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerStateFileTest {

    @TempDir
    Path dir;

    private static PlannerState state(String available) {
        Instant since = Instant.parse("2026-12-03T08:00:00Z");
        return new PlannerState(PlannerState.FORMAT,
                List.of(new PendingRebuild("desktop", "debian-12", since, false,
                        List.of(new RebuildRequest.Reason("thunderbird-l10n-lv", "1:140.12.0esr-1~deb12u1", available,
                                List.of(), List.of(), Severity.NONE)),
                        List.of(), new PendingRebuild.Hold("base", since), false)),
                List.of(), List.of(), List.of(new PlannerState.ParentBuild("base", since)),
                List.of(new AvailableVersions.Offered("debian-12", "thunderbird-l10n-lv", List.of(available))));
    }

    @Test
    void readsNothingBeforeTheFirstWriteAndThenWhatTheLastWriteWrote() throws IOException {
        PlannerStateFile file = new PlannerStateFile(dir.resolve("planner/state.json"));
        assertEquals(Optional.empty(), file.read());

        file.write(state("1:153.8.0esr-1~deb12u1"));
        file.write(state("1:153.9.0esr-1~deb12u1"));

        assertEquals(Optional.of(state("1:153.9.0esr-1~deb12u1")), file.read());
        try (var files = Files.list(dir.resolve("planner"))) {
            assertEquals(List.of("state.json"), files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file is left behind");
        }
    }

    @Test
    void refusesAFileThatIsNotAPlannerStateNamingTheFile() throws IOException {
        Path path = dir.resolve("state.json");
        Files.writeString(path, "{\"format\": 7, \"pending\": []}");

        IOException e = assertThrows(IOException.class, () -> new PlannerStateFile(path).read());

        assertTrue(e.getMessage().startsWith(path.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("format 7"), e.getMessage());
        Files.writeString(path, "null");
        assertFalse(assertThrows(IOException.class, () -> new PlannerStateFile(path).read()).getMessage().isEmpty());
    }
}
