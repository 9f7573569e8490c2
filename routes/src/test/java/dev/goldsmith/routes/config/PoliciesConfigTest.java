package dev.goldsmith.routes.config;

import static dev.goldsmith.routes.config.ConfigFixture.described;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.goldsmith.catalog.policy.Policies;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoliciesConfigTest {

    @TempDir
    Path dir;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
        fixture.write("blueprints/web.toml", """
                name = "web"
                distro = "debian-12"

                [goldsmith]
                channels = ["stable", "team-web"]
                """);
    }

    @Test
    void readPoliciesMapToTheEnginesValues() throws ConfigException {
        GoldsmithConfig config = fixture.load("""
                state-dir: state
                images:
                  - {name: web, blueprint: blueprints/web.toml}
                  - {name: base, blueprint: blueprints/base.toml}
                builders:
                  - {name: local}
                policies:
                  promote: {after-qa: true, soak: 6h, approval-channels: [team-web, latest]}
                  deprecate: {grace: 3d}
                  revoke: {enabled: false}
                  retire: {max-age: P30D, keep: 2}
                """);

        assertEquals(new Policies(
                new Policies.Promote(true, Duration.ofHours(6), List.of("team-web", "latest")),
                new Policies.Deprecate(Duration.ofDays(3)),
                new Policies.Revoke(false),
                new Policies.Retire(Duration.ofDays(30), 2)), config.policies().toPolicies());
    }

    @Test
    void defaultConfigurationGivesTheEnginesDefaults() {
        assertEquals(Policies.defaults(), PoliciesConfig.defaults().toPolicies());
    }

    @Test
    void badPolicyValuesAreReportedTogetherWithTheirFields() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                policies:
                  promote: {soak: -PT5M, approval-channels: [stable, "team/web", stable, 7]}
                  deprecate: {grace: -P1D}
                  retire: {max-age: 0s, keep: three}
                """);

        assertEquals(List.of(
                "policies.promote.approval-channels[3]: expected text, got number '7'",
                "policies.promote.approval-channels: 'team/web' is not a channel name: use up to 128 letters,"
                        + " digits, '.', '_' and '-', starting and ending with a letter or digit",
                "policies.promote.approval-channels: channel 'stable' is listed twice",
                "policies.promote.soak: must not be negative",
                "policies.deprecate.grace: must not be negative",
                "policies.retire.max-age: must be longer than zero",
                "policies.retire.keep: wrong type: expected a whole number, got text 'three'"), described(problems));
    }

    @Test
    void approvalChannelsAreNamedByTheirIndexWhenEveryItemIsText() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                policies:
                  promote: {approval-channels: [stable, "-beta", stable]}
                """);

        assertEquals(List.of(
                "policies.promote.approval-channels[1]: '-beta' is not a channel name: use up to 128 letters,"
                        + " digits, '.', '_' and '-', starting and ending with a letter or digit",
                "policies.promote.approval-channels[2]: channel 'stable' is listed twice"), described(problems));
    }

    @Test
    void approvalChannelThatNoImagePublishesToIsReportedWithTheNearestOne() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                images:
                  - {name: web, blueprint: blueprints/web.toml}
                  - {name: base, blueprint: blueprints/base.toml}
                builders:
                  - {name: local}
                policies:
                  promote: {approval-channels: [team-web, stabel]}
                """);

        assertEquals(List.of("policies.promote.approval-channels[1]: no image publishes to channel 'stabel'"
                + " (channels in use: latest, stable, team-web); did you mean 'stable'?"), described(problems));
    }

    @Test
    void environmentOverrideWithANegativeGraceIsReported() {
        List<ConfigProblem> problems = fixture.problems("state-dir: state\n",
                Map.of("GOLDSMITH_POLICIES_DEPRECATE_GRACE", "-PT1H"));

        assertEquals(List.of("policies.deprecate.grace: must not be negative (from environment variable"
                + " GOLDSMITH_POLICIES_DEPRECATE_GRACE)"), described(problems));
    }

    @Test
    void valuesBuiltWithoutTheReaderAreStillCheckedWhenMapped() {
        PoliciesConfig unchecked = new PoliciesConfig(PoliciesConfig.Promote.defaults(),
                PoliciesConfig.Deprecate.defaults(), PoliciesConfig.Revoke.defaults(),
                new PoliciesConfig.Retire(Duration.ofDays(90), 0));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, unchecked::toPolicies);

        assertEquals("retire.keep must be at least 1, was 0", refused.getMessage());
    }
}
