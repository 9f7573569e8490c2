package dev.goldsmith.routes.config;

import static dev.goldsmith.routes.config.ConfigFixture.described;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvOverridesTest {

    private static final String BASE = """
            state-dir: state
            event-bus:
              group-id: goldsmith
            feeds:
              - {name: host, type: host-apt, interval: 1h}
              - {name: other, type: host-apt}
            """;

    @TempDir
    Path dir;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
    }

    @Test
    void overridesReplaceOrAddSingleValues() throws ConfigException {
        Map<String, String> env = Map.of(
                "GOLDSMITH_HTTP_PORT", "9090",
                "GOLDSMITH_STATE_DIR", "/var/lib/goldsmith",
                "GOLDSMITH_EVENT_BUS_BOOTSTRAP_SERVERS", "kafka:9092",
                "GOLDSMITH_FEEDS_0_INTERVAL", "15m",
                "GOLDSMITH_FEEDS_1_CRON", "0 0 * * * ?",
                "GOLDSMITH_GIT_SIGN", "TRUE",
                "GOLDSMITH_POLICIES_RETIRE_KEEP", "7");

        fixture.write("keys/signing.asc", "-----BEGIN PGP PRIVATE KEY BLOCK-----\n");
        GoldsmithConfig config = fixture.load(BASE + """
                git:
                  signing-key: {keyring: keys/signing.asc, id: 0123456789ABCDEF}
                """, env);

        assertEquals(9090, config.http().port());
        assertEquals(Path.of("/var/lib/goldsmith"), config.stateDir());
        assertEquals(Path.of("/var/lib/goldsmith/git"), config.git().repository());
        assertEquals("kafka:9092", config.eventBus().bootstrapServers());
        assertFalse(config.eventBus().embedded());
        assertEquals(Duration.ofMinutes(15), config.feeds().get(0).interval());
        assertEquals("0 0 * * * ?", config.feeds().get(1).cron());
        assertTrue(config.git().sign());
        assertEquals(7, config.policies().retire().keep());
    }

    @Test
    void badOverrideValuesAreReportedWithTheirVariable() {
        Map<String, String> env = Map.of(
                "GOLDSMITH_HTTP_PORT", "eighty",
                "GOLDSMITH_FEEDS_0_INTERVAL", "PT5X",
                "GOLDSMITH_BUILDERS_0_CAPACITY", "0");

        List<ConfigProblem> problems = fixture.problems(BASE + """
                builders:
                  - {name: local}
                http: {port: 8080}
                """, env);

        assertEquals(List.of(
                "feeds[0].interval: cannot parse 'PT5X' as a duration (write e.g. 'PT15M' or '15m'; units ms, s, m, h,"
                        + " d) (from environment variable GOLDSMITH_FEEDS_0_INTERVAL)",
                "builders[0].capacity: must be at least 1, got 0 (from environment variable"
                        + " GOLDSMITH_BUILDERS_0_CAPACITY)",
                "http.port: wrong type: expected a whole number, got text 'eighty' (from environment variable"
                        + " GOLDSMITH_HTTP_PORT)"), described(problems));
    }

    @Test
    void variablesNamingNoFieldAreReported() {
        Map<String, String> env = Map.of(
                "GOLDSMITH_HTTP_PROT", "9090",
                "GOLDSMITH_FEEDS_5_INTERVAL", "1h",
                "GOLDSMITH_COLOUR", "blue",
                "GOLDSMITH_HTTP_API_TOKEN", "s3cr3t-value",
                "GOLDSMITH_FEEDS", "x");

        List<ConfigProblem> problems = fixture.problems(BASE, env);

        assertEquals(List.of(
                "GOLDSMITH_COLOUR: environment variable names no configuration field, and no secret refers to it",
                "feeds: is not a single value, so environment variable GOLDSMITH_FEEDS cannot set it",
                "GOLDSMITH_FEEDS_5_INTERVAL: environment variable names feeds[5], but feeds has 2 entries in the file",
                "http.api-token: is not a single value, so environment variable GOLDSMITH_HTTP_API_TOKEN cannot set"
                        + " it",
                "GOLDSMITH_HTTP_PROT: environment variable names no configuration field, and no secret refers to it;"
                        + " did you mean GOLDSMITH_HTTP_PORT?"), described(problems));
        assertFalse(problems.toString().contains("s3cr3t-value"));
    }

    @Test
    void variablesOutsideTheGoldsmithPrefixAreIgnored() throws ConfigException {
        GoldsmithConfig config = fixture.load(BASE, Map.of("HTTP_PORT", "1", "GOLDSMITHS_HTTP_PORT", "2",
                "PATH", "/usr/bin"));

        assertEquals(HttpConfig.DEFAULT_PORT, config.http().port());
    }

    @Test
    void variablesThatSecretsReadAreNotOverrides() throws ConfigException {
        GoldsmithConfig config = fixture.load(BASE + """
                images:
                  - {name: base, blueprint: blueprints/base.toml}
                builders:
                  - {name: local}
                subscriptions:
                  - name: team
                    images: [base]
                    webhook: https://example.org/hook
                    secret: {env: GOLDSMITH_WEBHOOK_SECRET}
                """, Map.of("GOLDSMITH_WEBHOOK_SECRET", "signing-key"));

        assertEquals("signing-key", config.subscriptions().get(0).secret().reveal());
    }

    @Test
    void overrideIntoAnAbsentSectionCreatesIt() throws ConfigException {
        GoldsmithConfig config = fixture.load("state-dir: state\n", Map.of("GOLDSMITH_POLICIES_PROMOTE_SOAK", "2h"));

        assertEquals(Duration.ofHours(2), config.policies().promote().soak());
    }
}
