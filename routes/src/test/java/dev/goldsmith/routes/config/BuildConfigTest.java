package dev.goldsmith.routes.config;

import static dev.goldsmith.routes.config.ConfigFixture.described;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.goldsmith.builders.build.BuildSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildConfigTest {

    @TempDir
    Path dir;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
    }

    @Test
    void theShippedFileAndAFileWithoutTheBuildSectionBothGetTheDefaults() throws ConfigException {
        assertEquals(BuildConfig.defaults(), ConfigLoader.load(Path.of("../config/goldsmith.yaml"), Map.of())
                .build());
        assertEquals(BuildConfig.defaults(), fixture.load("state-dir: state\n").build());
        assertEquals(new BuildConfig(Path.of("/var/cache/goldsmith/bases"), 2), BuildConfig.defaults());
    }

    @Test
    void readsTheBaseCacheAndHowManyBasesToKeepIntoTheBuildSettings() throws ConfigException {
        GoldsmithConfig config = fixture.load("""
                state-dir: state
                build: {base-cache: /srv/goldsmith/../goldsmith-bases, keep-bases: 3}
                """);

        assertEquals(new BuildConfig(Path.of("/srv/goldsmith-bases"), 3), config.build());
        BuildSettings settings = config.build().settings(config.stateDir());
        assertEquals(Path.of("/srv/goldsmith-bases"), settings.baseCache());
        assertEquals(3, settings.keepBases());
        assertEquals(dir.resolve("state/scratch"), settings.scratchDir());
    }

    @Test
    void environmentVariablesOverrideTheBaseCacheAndKeepBases() throws ConfigException {
        GoldsmithConfig config = fixture.load("state-dir: state\n", Map.of(
                "GOLDSMITH_BUILD_BASE_CACHE", "/mnt/bases", "GOLDSMITH_BUILD_KEEP_BASES", "1"));

        assertEquals(new BuildConfig(Path.of("/mnt/bases"), 1), config.build());
    }

    @Test
    void reportsARelativeBaseCacheAndKeepingNoBasesWithTheirFields() throws Exception {
        Files.writeString(dir.resolve("a-file"), "");

        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                build: {base-cache: cache/bases, keep-bases: 0}
                """);
        List<ConfigProblem> notADirectory = fixture.problems("""
                state-dir: state
                build: {base-cache: %s, keep-bases: two, keep-base: 2}
                """.formatted(dir.resolve("a-file")));

        assertEquals(List.of(
                "build.base-cache: must be an absolute path, got 'cache/bases'",
                "build.keep-bases: must be at least 1, got 0"), described(problems));
        assertEquals(dir.resolve("goldsmith.yaml"), problems.get(0).file());
        assertEquals(List.of(
                "build.keep-base: unknown key; did you mean 'keep-bases'?",
                "build.base-cache: not a directory: " + dir.resolve("a-file"),
                "build.keep-bases: wrong type: expected a whole number, got text 'two'"), described(notADirectory));
    }
}
