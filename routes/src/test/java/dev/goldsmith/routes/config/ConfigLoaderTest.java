package dev.goldsmith.routes.config;

import static dev.goldsmith.routes.config.ConfigFixture.described;
import static dev.goldsmith.routes.config.ConfigFixture.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goldsmith.catalog.store.GitRemote;
import dev.goldsmith.catalog.store.SigningKey;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final Path SHIPPED = Path.of("../config/goldsmith.yaml");

    @TempDir
    Path dir;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
    }

    @Test
    void shippedConfigurationLoadsWithoutProblems() throws ConfigException {
        GoldsmithConfig config = ConfigLoader.load(SHIPPED, Map.of());

        Path configDir = SHIPPED.toAbsolutePath().normalize().getParent();
        assertEquals(configDir.resolve("goldsmith.yaml"), config.source());
        assertEquals(configDir.getParent().resolve("state"), config.stateDir());
        assertTrue(config.eventBus().embedded());
        assertEquals(config.stateDir().resolve("git"), config.git().repository());
        assertEquals(List.of(FeedType.HOST_APT), config.feeds().stream().map(FeedConfig::type).toList());
        assertEquals(List.of("debian-12-minimal"), config.images().stream().map(ImageConfig::name).toList());
        assertEquals(configDir.resolve("blueprints/debian-12-minimal.toml"), config.images().get(0).blueprint());
        assertEquals(List.of(new BuilderHostConfig("local", "qemu:///system", 1)), config.builders());
        assertEquals(configDir.resolve("qa/debian-12-minimal.yaml"), config.qaSuites().get(0).file());
        assertEquals(PoliciesConfig.defaults(), config.policies());
        assertEquals(URI.create("http://127.0.0.1:8089/goldsmith"), config.subscriptions().get(0).webhook());
        assertNull(config.subscriptions().get(0).secret());
        assertEquals(HttpConfig.defaults(), config.http());
    }

    @Test
    void minimalFileGetsEveryDefault() throws ConfigException {
        GoldsmithConfig config = fixture.load("state-dir: state\n");

        assertEquals(dir.resolve("state"), config.stateDir());
        assertEquals(EventBusConfig.defaults(), config.eventBus());
        assertEquals(GitConfig.defaults(dir.resolve("state")), config.git());
        assertEquals(PoliciesConfig.defaults(), config.policies());
        assertEquals(HttpConfig.defaults(), config.http());
        assertTrue(config.feeds().isEmpty());
    }

    @Test
    void reportsThreeDifferentMistakesTogether() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                feedz: []
                images:
                  - name: base
                    blueprint: blueprints/missing.toml
                builders:
                  - name: local
                    capacity: two
                """);

        assertEquals(List.of("feedz", "images[0].blueprint", "builders[0].capacity"), fields(problems));
        assertEquals("unknown key; did you mean 'feeds'?", problems.get(0).reason());
        assertEquals("file not found: " + dir.resolve("blueprints/missing.toml"), problems.get(1).reason());
        assertEquals("wrong type: expected a whole number, got text 'two'", problems.get(2).reason());
    }

    @Test
    void problemReadsAsFileFieldAndReason() {
        ConfigProblem problem = new ConfigProblem(Path.of("config/goldsmith.yaml"), "feeds[2].interval",
                "cannot parse 'PT5X' as a duration");

        assertEquals("config/goldsmith.yaml: feeds[2].interval: cannot parse 'PT5X' as a duration",
                problem.toString());
        assertEquals("config/goldsmith.yaml: file not found",
                new ConfigProblem(Path.of("config/goldsmith.yaml"), "", "file not found").toString());
    }

    @Test
    void problemsNameTheFileAsTheCallerDid() {
        Path file = fixture.config("state-dir: state\nhttp: {port: 0.5}\n");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));

        assertEquals(file, e.problems().get(0).file());
        assertTrue(e.getMessage().contains("http.port: wrong type"), e.getMessage());
    }

    @Test
    void unknownKeyWithoutCloseMatchListsTheKnownKeys() {
        List<ConfigProblem> problems = fixture.problems("state-dir: state\nhttp:\n  colour: blue\n");

        assertEquals(List.of("http.colour: unknown key; known keys here: host, port, api-token"), described(problems));
    }

    @Test
    void unknownKeySuggestsKebabCaseForCamelCase() {
        List<ConfigProblem> problems = fixture.problems("state-dir: state\nevent-bus:\n  bootstrapServers: k:9092\n");

        assertEquals(List.of("event-bus.bootstrapServers: unknown key; did you mean 'bootstrap-servers'?"),
                described(problems));
    }

    @Test
    void wrongTypesAreReportedWithWhatWasFound() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                git: main
                feeds: {name: x}
                http:
                  host: [a, b]
                  port: "8080"
                """);

        assertEquals(List.of(
                "git: wrong type: expected a mapping, got text 'main'",
                "feeds: wrong type: expected a list, got a mapping",
                "http.host: wrong type: expected text, got a list",
                "http.port: wrong type: expected a whole number, got text '8080'"), described(problems));
    }

    @Test
    void missingRequiredValuesAreReported() {
        List<ConfigProblem> problems = fixture.problems("""
                images:
                  - blueprint: blueprints/base.toml
                builders:
                  - uri: qemu:///system
                subscriptions:
                  - name: team
                """);

        assertEquals(List.of(
                "state-dir: missing required value",
                "images[0].name: missing required value",
                "builders[0].name: missing required value",
                "subscriptions[0].images: missing required value",
                "subscriptions[0].webhook: missing required value: a subscription needs a webhook, a topic or both"),
                described(problems));
    }

    @Test
    void imagesWithoutAnyBuilderAreReported() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                images:
                  - {name: base, blueprint: blueprints/base.toml}
                """);

        assertEquals(List.of("builders: missing required value: images are configured but no builder to build them"),
                described(problems));
    }

    @Test
    void missingFilesAreReportedWithTheirResolvedPath() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                qa-suites:
                  - {name: smoke, file: qa/absent.yaml}
                  - {name: folder, file: qa}
                """);

        assertEquals(List.of(
                "qa-suites[0].file: file not found: " + dir.resolve("qa/absent.yaml"),
                "qa-suites[1].file: not a regular file: " + dir.resolve("qa")), described(problems));
    }

    @Test
    void relativePathsResolveAgainstTheFilesDirectory() throws ConfigException {
        GoldsmithConfig config = fixture.load("""
                state-dir: ../elsewhere/state
                git: {repository: repo}
                qa-suites:
                  - {name: smoke, file: qa/base.yaml}
                """);

        assertEquals(dir.getParent().resolve("elsewhere/state"), config.stateDir());
        assertEquals(dir.resolve("repo"), config.git().repository());
        assertEquals(dir.resolve("qa/base.yaml"), config.qaSuites().get(0).file());
    }

    @Test
    void stateDirThatIsAFileIsReported() {
        fixture.write("occupied", "not a directory");

        List<ConfigProblem> problems = fixture.problems("state-dir: occupied\n");

        assertEquals(List.of("state-dir: not a directory: " + dir.resolve("occupied")), described(problems));
    }

    @Test
    void malformedUrlsAreReportedWithoutQuotingThem() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                images:
                  - {name: base, blueprint: blueprints/base.toml}
                builders:
                  - {name: local}
                subscriptions:
                  - {name: a, images: [base], webhook: "http://user:pa ss@example.org/hook"}
                  - {name: b, images: [base], webhook: "ftp://example.org/hook"}
                  - {name: c, images: [base], webhook: "/relative/hook"}
                  - {name: d, images: [base], webhook: "https:///no-host"}
                """);

        assertEquals(List.of(
                "subscriptions[0].webhook: malformed URL: Illegal character in authority at index 7",
                "subscriptions[1].webhook: malformed URL: expected scheme http or https, got 'ftp'",
                "subscriptions[2].webhook: malformed URL: expected scheme http or https, got none",
                "subscriptions[3].webhook: malformed URL: no host"), described(problems));
        assertFalse(problems.toString().contains("pa ss"));
    }

    @Test
    void builderUrisMustBeLibvirtUrisGoldsmithCanBuildWith() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                builders:
                  - {name: ok-local, uri: "qemu:///system"}
                  - {name: ok-remote, uri: "qemu+ssh://builder@host.example.org/system?keyfile=/k"}
                  - {name: ok-test, uri: "test:///default"}
                  - {name: xen, uri: "xen:///system"}
                  - {name: typo, uri: "qemu+sshh://host/system"}
                  - {name: path, uri: "qemu:///root"}
                  - {name: garbage, uri: "not a uri"}
                """);

        assertEquals(List.of(
                "builders[3].uri: libvirt driver 'xen' cannot build images; use qemu (or test)",
                "builders[4].uri: unknown libvirt transport 'sshh'; did you mean 'ssh'?",
                "builders[5].uri: qemu URIs end in /system or /session",
                "builders[6].uri: malformed libvirt URI: Illegal character in path at index 3"), described(problems));
    }

    @Test
    void duplicateNamesAreReportedInEveryList() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                feeds:
                  - {name: host, type: host-apt}
                  - {name: host, type: host-apt}
                images:
                  - {name: base, blueprint: blueprints/base.toml}
                  - {name: base, blueprint: blueprints/base.toml}
                builders:
                  - {name: local}
                  - {name: local}
                qa-suites:
                  - {name: smoke, file: qa/base.yaml}
                  - {name: smoke, file: qa/base.yaml}
                subscriptions:
                  - {name: team, images: [base], topic: team.images}
                  - {name: team, images: [base], topic: team.images}
                """);

        assertEquals(List.of(
                "feeds[1].name: duplicate name 'host'; feeds[0].name has it already",
                "images[1].name: duplicate name 'base'; images[0].name has it already",
                "builders[1].name: duplicate name 'local'; builders[0].name has it already",
                "qa-suites[1].name: duplicate name 'smoke'; qa-suites[0].name has it already",
                "subscriptions[1].name: duplicate name 'team'; subscriptions[0].name has it already"),
                described(problems));
    }

    @Test
    void namesMustBeSafeInPathsAndTags() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                images:
                  - {name: Debian 12, blueprint: blueprints/base.toml}
                builders:
                  - {name: local}
                """);

        assertEquals(List.of("images[0].name"), fields(problems));
        assertTrue(problems.get(0).reason().startsWith("'Debian 12' is not a valid name"), problems.toString());
    }

    @Test
    void subscriptionsMayOnlyNameConfiguredImages() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                images:
                  - {name: debian-12-minimal, blueprint: blueprints/base.toml}
                builders:
                  - {name: local}
                subscriptions:
                  - name: team
                    images: [debian-12-minimal, debian-12-minimall, windows]
                    webhook: https://example.org/hook
                """);

        assertEquals(List.of(
                "subscriptions[0].images[1]: unknown image 'debian-12-minimall'; did you mean 'debian-12-minimal'?",
                "subscriptions[0].images[2]: unknown image 'windows'"), described(problems));
    }

    @Test
    void numbersOutsideTheirRangeAreReported() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                event-bus: {partitions: 0, embedded-port: -1}
                builders:
                  - {name: local, capacity: 0}
                policies:
                  retire: {keep: 0}
                http: {port: 70000}
                """);

        assertEquals(List.of(
                "event-bus.partitions: must be between 1 and 10000, got 0",
                "event-bus.embedded-port: must be between 0 and 65535, got -1",
                "builders[0].capacity: must be at least 1, got 0",
                "policies.retire.keep: must be at least 1, got 0",
                "http.port: must be between 0 and 65535, got 70000"), described(problems));
    }

    @Test
    void unparseableDurationsAreReported() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                feeds:
                  - {name: a, type: host-apt, interval: PT5X}
                  - {name: b, type: host-apt, interval: 3600}
                  - {name: c, type: host-apt, interval: 0s}
                policies:
                  promote: {soak: -PT1H}
                  retire: {max-age: forever}
                """);

        assertEquals(List.of("feeds[0].interval", "feeds[1].interval", "feeds[2].interval", "policies.promote.soak",
                "policies.retire.max-age"), fields(problems));
        assertTrue(problems.get(0).reason().startsWith("cannot parse 'PT5X' as a duration"), problems.toString());
        assertTrue(problems.get(1).reason().startsWith("cannot parse '3600' as a duration; a number needs a unit"));
        assertEquals("must be longer than zero", problems.get(2).reason());
        assertEquals("must not be negative", problems.get(3).reason());
        assertTrue(problems.get(4).reason().startsWith("cannot parse 'forever' as a duration"));
    }

    @Test
    void yamlSyntaxErrorIsOneProblemWithLineAndColumn() {
        List<ConfigProblem> problems = fixture.problems("state-dir: state\nhttp:\n  port: [1, 2\n  host: x\n");

        assertEquals(1, problems.size());
        assertEquals("", problems.get(0).fieldPath());
        assertTrue(problems.get(0).reason().startsWith("YAML syntax error at line 4, column 7: "),
                problems.get(0).reason());
    }

    @Test
    void duplicateKeyIsASyntaxError() {
        List<ConfigProblem> problems = fixture.problems("state-dir: a\nstate-dir: b\n");

        assertEquals(List.of(": YAML syntax error at line 2, column 10: duplicate key 'state-dir'"),
                described(problems));
    }

    @Test
    void topLevelMustBeAMapping() {
        List<ConfigProblem> problems = fixture.problems("- state-dir: state\n");

        assertEquals(List.of(": expected a mapping of sections at the top level, got a list"), described(problems));
    }

    @Test
    void absentFileIsUnreadableRatherThanWrong() {
        Path absent = dir.resolve("absent.yaml");

        UnreadableConfigException e = assertThrows(UnreadableConfigException.class,
                () -> ConfigLoader.load(absent, Map.of()));

        assertEquals(List.of(new ConfigProblem(absent, "", "file not found")), e.problems());
    }

    @Test
    void externalEventBusNeedsHostPortPairs() throws ConfigException {
        GoldsmithConfig config = fixture.load("""
                state-dir: state
                event-bus:
                  bootstrap-servers: kafka-1:9092, kafka-2:9092
                  properties: {acks: all, linger.ms: 5}
                """);
        List<ConfigProblem> problems = fixture.problems("state-dir: state\nevent-bus: {bootstrap-servers: kafka}\n");

        assertFalse(config.eventBus().embedded());
        assertEquals(Map.of("acks", "all", "linger.ms", "5"), config.eventBus().properties());
        assertEquals(List.of("event-bus.bootstrap-servers: expected comma-separated host:port pairs;"
                + " not host:port: 'kafka'"), described(problems));
    }

    @Test
    void subscriptionTopicsMustBeLegalAndNotGoldsmithsOwn() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                images:
                  - {name: base, blueprint: blueprints/base.toml}
                builders:
                  - {name: local}
                subscriptions:
                  - {name: a, images: [base], topic: goldsmith.catalog}
                  - {name: b, images: [base], topic: "no spaces"}
                """);

        assertEquals(List.of(
                "subscriptions[0].topic: 'goldsmith.catalog' is one of Goldsmith's own topics",
                "subscriptions[1].topic: 'no spaces' is not a Kafka topic name (up to 249 letters, digits, '.', '_'"
                        + " and '-')"), described(problems));
    }

    @Test
    void gitValuesAreChecked() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                git: {branch: "a..b", author-email: nobody, sign: "yes"}
                """);

        assertEquals(List.of(
                "git.branch: 'a..b' is not a valid branch name",
                "git.author-email: 'nobody' is not an e-mail address",
                "git.sign: wrong type: expected true or false, got text 'yes'"), described(problems));
    }

    @Test
    void gitRemoteRetriesAndSigningKeyAreRead() throws ConfigException {
        Path keyring = fixture.write("keys/signing.asc", "-----BEGIN PGP PRIVATE KEY BLOCK-----\n");
        GoldsmithConfig config = fixture.load("""
                state-dir: state
                git:
                  remote: https://git.example.org/platform/golden-images.git
                  push-attempts: 8
                  push-backoff: 2s
                  sign: true
                  signing-key:
                    keyring: keys/signing.asc
                    id: "0x0123456789abcdef"
                    passphrase: {env: SIGNING_PASSPHRASE}
                """, Map.of("SIGNING_PASSPHRASE", "open sesame"));

        GitConfig git = config.git();
        assertEquals(new GitRemote("https://git.example.org/platform/golden-images.git", 8, Duration.ofSeconds(2)),
                git.gitRemote());
        assertTrue(git.sign());
        assertEquals(keyring, git.signingKey().keyring());
        assertEquals(new SigningKey(keyring, "0x0123456789abcdef", "open sesame"), git.signingKey().toSigningKey());
        assertNull(GitConfig.defaults(dir).gitRemote(), "no remote, nothing to push to");
    }

    @Test
    void gitSigningNeedsAUsableKeyAndPushSettingsTheirRange() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                git:
                  remote: "https://example.org/a b.git"
                  push-attempts: 0
                  push-backoff: soon
                  sign: true
                  signing-key: {keyring: keys/missing.asc, id: DEADBEEF, passphrase: {env: UNSET_PASSPHRASE}}
                """);

        assertEquals(List.of(
                "git.remote: a remote URL or path is one word, without spaces or control characters",
                "git.signing-key.keyring: file not found: " + dir.resolve("keys/missing.asc"),
                "git.signing-key.id: 'DEADBEEF' is not a 16-digit key id or a 40-digit fingerprint in hex",
                "git.signing-key.passphrase: environment variable UNSET_PASSPHRASE is not set",
                "git.push-attempts: must be between 1 and 100, got 0",
                "git.push-backoff: cannot parse 'soon' as a duration (write e.g. 'PT15M' or '15m'; units ms, s, m, h,"
                        + " d)"), described(problems));
    }

    @Test
    void aSigningKeyGoesWithSignTrueAndSignTrueWithAKey() {
        assertEquals(List.of("git.signing-key: missing required value: sign is true, so name the keyring file and"
                + " key id that sign"), described(fixture.problems("state-dir: state\ngit: {sign: true}\n")));
        assertEquals(List.of("git.signing-key: commits are signed only when sign is true; set it, or remove the key"),
                described(fixture.problems("""
                        state-dir: state
                        git: {signing-key: {keyring: keys/k.asc, id: 0123456789ABCDEF}}
                        """)));
        fixture.write("keys/k.asc", "-----BEGIN PGP PRIVATE KEY BLOCK-----\n");
        assertEquals(List.of("git.signing-key.id: write the key id in quotes: unquoted, YAML reads 0x0123... or an"
                + " id of digits only as a number and loses its leading zeros"),
                described(fixture.problems("""
                        state-dir: state
                        git: {sign: true, signing-key: {keyring: keys/k.asc, id: 0x0123456789abcdef}}
                        """)));
    }

    @Test
    void policiesAreReadFromTheirSections() throws ConfigException {
        GoldsmithConfig config = fixture.load("""
                state-dir: state
                policies:
                  promote: {after-qa: false, soak: 2d, approval-channels: [stable]}
                  deprecate: {grace: PT12H}
                  revoke: {enabled: false}
                  retire: {max-age: 30d, keep: 5}
                """);

        assertEquals(new PoliciesConfig(
                new PoliciesConfig.Promote(false, Duration.ofDays(2), List.of("stable")),
                new PoliciesConfig.Deprecate(Duration.ofHours(12)),
                new PoliciesConfig.Revoke(false),
                new PoliciesConfig.Retire(Duration.ofDays(30), 5)), config.policies());
    }
}
