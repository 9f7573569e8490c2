package dev.goldsmith.routes.config;

import static dev.goldsmith.routes.config.ConfigFixture.described;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.goldsmith.catalog.event.Severity;
import dev.goldsmith.catalog.impact.PlannerSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerConfigTest {

    @TempDir
    Path dir;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
    }

    @Test
    void theShippedFileAndAFileWithoutThePlannerSectionBothGetTheDefaults() throws ConfigException {
        assertEquals(PlannerConfig.defaults(), ConfigLoader.load(Path.of("../config/goldsmith.yaml"), Map.of())
                .planner());
        assertEquals(PlannerConfig.defaults(), fixture.load("state-dir: state\n").planner());
        assertEquals(PlannerSettings.defaults(), PlannerConfig.defaults().settings());
        assertEquals(new PlannerConfig(Duration.ofMinutes(10), Severity.CRITICAL, Duration.ofHours(24)),
                PlannerConfig.defaults());
    }

    @Test
    void readsTheWindowTheFastLaneSeverityAndTheLongestHold() throws ConfigException {
        GoldsmithConfig config = fixture.load("""
                state-dir: state
                planner: {window: 0s, fast-lane-severity: High, max-hold: PT6H}
                """);

        assertEquals(new PlannerConfig(Duration.ZERO, Severity.HIGH, Duration.ofHours(6)), config.planner());
    }

    @Test
    void anEnvironmentVariableOverridesTheWindow() throws ConfigException {
        GoldsmithConfig config = fixture.load("state-dir: state\n", Map.of("GOLDSMITH_PLANNER_WINDOW", "2m"));

        assertEquals(Duration.ofMinutes(2), config.planner().window());
    }

    @Test
    void reportsEveryBadPlannerValueWithItsField() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                planner: {window: -PT5M, fast-lane-severity: none, max-hold: 0s, windows: 5m}
                """);

        assertEquals(List.of(
                "planner.windows: unknown key; did you mean 'window'?",
                "planner.window: must not be negative",
                "planner.fast-lane-severity: 'none' is not a severity; expected one of critical, high, medium, low",
                "planner.max-hold: must be longer than zero"), described(problems));
    }
}
