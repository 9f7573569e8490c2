package dev.goldsmith.routes.config;

import static dev.goldsmith.routes.config.ConfigFixture.described;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretTest {

    private static final String VALUE = "s3cr3t-Value-42";

    @TempDir
    Path dir;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
    }

    @Test
    void revealsTheValueFromTheEnvironmentOrAFile() {
        Path file = fixture.write("token", VALUE + "\r\n");

        assertEquals(VALUE, Secret.fromEnv("API_TOKEN", Map.of("API_TOKEN", VALUE)).reveal());
        assertEquals(VALUE, Secret.fromFile(file).reveal());
    }

    @Test
    void toStringNamesTheSourceNeverTheValue() {
        Path file = fixture.write("token", VALUE);

        assertEquals("Secret[env:API_TOKEN]", Secret.fromEnv("API_TOKEN", Map.of("API_TOKEN", VALUE)).toString());
        assertEquals("Secret[file:" + file + "]", Secret.fromFile(file).toString());
    }

    @Test
    void loadedConfigurationNeverPrintsSecretValues() throws ConfigException {
        fixture.write("token", VALUE);

        GoldsmithConfig config = fixture.load("""
                state-dir: state
                images:
                  - {name: base, blueprint: blueprints/base.toml}
                builders:
                  - {name: local}
                subscriptions:
                  - {name: team, images: [base], webhook: "https://example.org/hook", secret: {env: HOOK_KEY}}
                http:
                  api-token: {file: token}
                """, Map.of("HOOK_KEY", VALUE));

        assertFalse(config.toString().contains(VALUE), config.toString());
        assertEquals(VALUE, config.http().apiToken().reveal());
        assertEquals(VALUE, config.subscriptions().get(0).secret().reveal());
    }

    @Test
    void unavailableSecretsAreProblemsNamingTheirSource() {
        fixture.write("empty", "");

        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                images:
                  - {name: base, blueprint: blueprints/base.toml}
                builders:
                  - {name: local}
                subscriptions:
                  - {name: a, images: [base], webhook: "https://example.org/a", secret: {env: UNSET_KEY}}
                  - {name: b, images: [base], webhook: "https://example.org/b", secret: {env: BLANK_KEY}}
                  - {name: c, images: [base], webhook: "https://example.org/c", secret: {file: empty}}
                http:
                  api-token: {file: absent}
                """, Map.of("BLANK_KEY", "  "));

        assertEquals(List.of(
                "subscriptions[0].secret: environment variable UNSET_KEY is not set",
                "subscriptions[1].secret: environment variable BLANK_KEY is empty",
                "subscriptions[2].secret: secret file " + dir.resolve("empty") + " is empty",
                "http.api-token: secret file " + dir.resolve("absent") + " not found"), described(problems));
    }

    @Test
    void secretWrittenInTheFileIsRejectedWithoutQuotingIt() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                http:
                  api-token: %s
                subscriptions:
                  - {name: a, images: [], topic: team.a, secret: {env: "%s"}}
                  - {name: b, images: [], topic: team.b, secret: {value: "%s"}}
                """.formatted(VALUE, VALUE, VALUE));

        assertEquals(List.of(
                "subscriptions[0].images: must name at least one image",
                "subscriptions[0].secret.env: expected an environment variable name (letters, digits and '_')",
                "subscriptions[0].secret: only webhook notices are signed, and this subscription has no webhook",
                "subscriptions[1].images: must name at least one image",
                "subscriptions[1].secret.value: unknown key; known keys here: env, file",
                "subscriptions[1].secret: only webhook notices are signed, and this subscription has no webhook",
                "http.api-token: expected {env: NAME} or {file: PATH}; a secret's value is never written in this file"),
                described(problems));
        assertFalse(problems.toString().contains(VALUE), problems.toString());
    }

    @Test
    void revealingAnUnavailableSecretFailsWithoutAValue() {
        Secret secret = Secret.fromEnv("UNSET_KEY", Map.of());

        IllegalStateException e = assertThrows(IllegalStateException.class, secret::reveal);

        assertEquals("environment variable UNSET_KEY is not set", e.getMessage());
    }

    @Test
    void referenceMustNameEnvOrFileButNotBoth() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                http:
                  api-token: {env: A, file: b}
                """);

        assertEquals(List.of("http.api-token: set env or file, not both"), described(problems));
    }
}
