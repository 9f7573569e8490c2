package dev.goldsmith.routes.config;

import static dev.goldsmith.routes.config.ConfigFixture.described;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedConfigTest {

    @TempDir
    Path dir;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
        fixture.write("keys/debian.gpg", "not really a keyring, but a file");
        fixture.write("advisories/osv/.keep", "");
    }

    @Test
    void readsEveryFeedType() throws ConfigException {
        GoldsmithConfig config = fixture.load("""
                state-dir: state
                feeds:
                  - name: debian-security
                    type: apt
                    source: deb https://sec.example.org/debian-security bookworm-security main contrib
                    architectures: [amd64, arm64]
                    keyring: keys/debian.gpg
                  - {name: host, type: host-apt, cron: "0 0/15 * * * ?"}
                  - {name: alma, type: rpm, url: "https://dl.example.org/almalinux/9/BaseOS/x86_64/os/",
                     gpg-key: keys/debian.gpg, distribution: almalinux-9}
                  - {name: osv-remote, type: osv, url: "https://osv.example.org/debian.zip", interval: 6h}
                  - {name: osv-local, type: osv, path: advisories/osv}
                  - {name: csaf, type: csaf, url: "https://security.example.org/csaf/"}
                  - {name: updates, type: updateinfo, url: "https://dl.example.org/updates/", interval: PT30M,
                     distribution: rhel-9}
                """);

        List<FeedConfig> feeds = config.feeds();
        FeedConfig apt = feeds.get(0);
        assertEquals(new AptSource(URI.create("https://sec.example.org/debian-security"), "bookworm-security",
                List.of("main", "contrib")), apt.source());
        assertEquals(List.of("amd64", "arm64"), apt.architectures());
        assertEquals(dir.resolve("keys/debian.gpg"), apt.keyring());
        assertEquals(FeedConfig.DEFAULT_INTERVAL, apt.interval());
        assertNull(feeds.get(1).interval());
        assertEquals("0 0/15 * * * ?", feeds.get(1).cron());
        assertEquals(URI.create("https://dl.example.org/almalinux/9/BaseOS/x86_64/os/"), feeds.get(2).url());
        assertEquals("almalinux-9", feeds.get(2).distribution());
        assertEquals(Duration.ofHours(6), feeds.get(3).interval());
        assertEquals(dir.resolve("advisories/osv"), feeds.get(4).path());
        assertEquals(FeedType.CSAF, feeds.get(5).type());
        assertEquals(Duration.ofMinutes(30), feeds.get(6).interval());
    }

    @Test
    void sizeLimitDefaultsToOneGibibyteAndCanBeSetPerFeed() throws ConfigException {
        GoldsmithConfig config = fixture.load("""
                state-dir: state
                feeds:
                  - {name: a, type: host-apt}
                  - {name: b, type: host-apt, max-size-mb: 64}
                """);

        assertEquals(1L << 30, config.feeds().get(0).maxBytes());
        assertEquals(64L << 20, config.feeds().get(1).maxBytes());
    }

    @Test
    void aptFeedsDefaultToAmd64() throws ConfigException {
        GoldsmithConfig config = fixture.load("""
                state-dir: state
                feeds:
                  - {name: debian, type: apt, source: "deb http://deb.example.org/debian bookworm main"}
                """);

        assertEquals(List.of("amd64"), config.feeds().get(0).architectures());
    }

    @Test
    void keysAnotherTypeTakesAreReported() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                feeds:
                  - {name: a, type: apt, source: "deb http://deb.example.org/debian bookworm main", url: "http://x/"}
                  - {name: b, type: host-apt, keyring: keys/debian.gpg}
                """);

        assertEquals(List.of(
                "feeds[0].url: does not apply to apt feeds, which take source, architectures, keyring",
                "feeds[1].keyring: does not apply to host-apt feeds, which take none of the type-specific keys"),
                described(problems));
    }

    @Test
    void typeSpecificRequirementsAreReported() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                feeds:
                  - {name: a, type: apt}
                  - {name: b, type: rpm}
                  - {name: c, type: osv}
                  - {name: d, type: csaf, url: "https://x.example.org/", path: advisories/osv}
                  - {name: e, type: aptt}
                  - {name: f}
                """);

        assertEquals(List.of(
                "feeds[0].source: missing required value",
                "feeds[1].distribution: missing required value",
                "feeds[1].url: missing required value",
                "feeds[2].url: missing required value: osv feeds need a url or a path",
                "feeds[3].path: set url or path, not both",
                "feeds[4].type: unknown feed type 'aptt'; did you mean 'apt'? (known types: apt, host-apt, rpm, osv,"
                        + " csaf, updateinfo)",
                "feeds[5].type: missing required value"), described(problems));
    }

    @Test
    void scheduleIsAnIntervalOrACronNeverBoth() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                feeds:
                  - {name: a, type: host-apt, interval: 15m, cron: "0 0 * * * ?"}
                  - {name: b, type: host-apt, cron: "*/5 * * * *"}
                  - {name: c, type: host-apt, cron: "0 61 * * * ?"}
                """);

        assertEquals(List.of(
                "feeds[0].cron: set interval or cron, not both",
                "feeds[1].cron: not a valid Quartz cron expression: Unexpected end of expression; Quartz expressions"
                        + " start with seconds and put '?' in day-of-month or day-of-week, e.g. '0 0/15 * * * ?'",
                "feeds[2].cron: not a valid Quartz cron expression: Minute and Second values must be between 0 and"
                        + " 59"), described(problems));
    }

    @Test
    void architecturesAndKeyringAreChecked() {
        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                feeds:
                  - name: a
                    type: apt
                    source: deb http://deb.example.org/debian bookworm main
                    architectures: [amd64, "ARM 64"]
                    keyring: keys/absent.gpg
                """);

        assertEquals(List.of(
                "feeds[0].architectures[1]: 'ARM 64' is not a Debian architecture name",
                "feeds[0].keyring: file not found: " + dir.resolve("keys/absent.gpg")), described(problems));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            deb http://deb.example.org/debian bookworm main                  | http://deb.example.org/debian | bookworm
            deb  https://m.example.org/debian   sid main non-free             | https://m.example.org/debian | sid
            deb file:///srv/repo ./                                         | file:///srv/repo             | ./
            """)
    void parsesSourcesListLines(String line, String uri, String suite) {
        AptSource source = AptSource.parse(line);

        assertEquals(URI.create(uri), source.uri());
        assertEquals(suite, source.suite());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            deb-src http://deb.example.org/debian bookworm main      | deb-src lines name source packages
            deb [arch=amd64] http://deb.example.org/debian bookworm main | options in brackets are not read here
            deb http://deb.example.org/debian                        | expected a URI and a suite
            deb http://deb.example.org/debian bookworm               | needs at least one component
            deb file:///srv/repo ./ main                            | is a flat repository and takes no components
            deb ftp://ftp.example.org/debian bookworm main          | must use http, https or file
            deb http:///debian bookworm main                        | has no host
            https://deb.example.org/debian bookworm main             | expected a line like 'deb URI SUITE
            """)
    void rejectsMalformedSourcesListLines(String line, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AptSource.parse(line));

        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
