package dev.goldsmith.routes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(dir.resolve("image.toml"), "name = \"base\"\ndistro = \"debian-12\"\n");
    }

    private int run(Map<String, String> env, String... args) {
        return new CommandLine(new ConfigCommand(env))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void validFileExitsZeroWithSummary() throws IOException {
        Path file = Files.writeString(dir.resolve("goldsmith.yaml"), """
                state-dir: state
                feeds:
                  - {name: host, type: host-apt}
                images:
                  - {name: base, blueprint: image.toml}
                builders:
                  - {name: local}
                  - {name: remote, uri: "qemu+ssh://builder@host.example.org/system", capacity: 2}
                """);

        int exit = run(Map.of(), "check", file.toString());

        assertEquals(ConfigCommand.OK, exit);
        assertEquals("OK: " + file + "\n"
                + "1 feed, 1 image, 2 builders, 0 QA suites, 0 subscriptions, event bus embedded\n",
                out.toString().replace(System.lineSeparator(), "\n"));
        assertEquals("", err.toString());
    }

    @Test
    void summaryNamesAnExternalEventBus() throws IOException {
        Path file = Files.writeString(dir.resolve("goldsmith.yaml"), "state-dir: state\n");

        int exit = run(Map.of("GOLDSMITH_EVENT_BUS_BOOTSTRAP_SERVERS", "kafka:9092"), "check", file.toString());

        assertEquals(ConfigCommand.OK, exit);
        assertTrue(out.toString().contains("event bus external (kafka:9092)"), out.toString());
    }

    @Test
    void fileWithProblemsExitsOneListingEachOnStandardError() throws IOException {
        Path file = Files.writeString(dir.resolve("goldsmith.yaml"), """
                state-dir: state
                htp: {}
                images:
                  - {name: base, blueprint: absent.toml}
                """);

        int exit = run(Map.of("GOLDSMITH_HTTP_PORT", "http"), "check", file.toString());

        assertEquals(ConfigCommand.PROBLEMS, exit);
        assertEquals("", out.toString());
        assertEquals(String.join("\n",
                file + ": htp: unknown key; did you mean 'http'?",
                file + ": images[0].blueprint: file not found: " + dir.resolve("absent.toml"),
                file + ": builders: missing required value: images are configured but no builder to build them",
                file + ": http.port: wrong type: expected a whole number, got text 'http' (from environment variable"
                        + " GOLDSMITH_HTTP_PORT)",
                "4 problems", ""), err.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void singleProblemIsCountedInTheSingular() throws IOException {
        Path file = Files.writeString(dir.resolve("goldsmith.yaml"), "http: {}\n");

        int exit = run(Map.of(), "check", file.toString());

        assertEquals(ConfigCommand.PROBLEMS, exit);
        assertTrue(err.toString().endsWith("1 problem" + System.lineSeparator()), err.toString());
    }

    @Test
    void absentFileExitsTwo() {
        Path absent = dir.resolve("absent.yaml");

        int exit = run(Map.of(), "check", absent.toString());

        assertEquals(ConfigCommand.UNREADABLE, exit);
        assertEquals(absent + ": file not found" + System.lineSeparator() + "1 problem" + System.lineSeparator(),
                err.toString());
    }

    @Test
    void checksTheDefaultFileWhenNoneIsGiven() {
        // Tests run in the module directory, which has no config/ folder: the default path cannot be found there.
        int exit = run(Map.of(), "check");

        assertEquals(ConfigCommand.UNREADABLE, exit);
        assertTrue(err.toString().startsWith(Path.of("config/goldsmith.yaml") + ": file not found"), err.toString());
    }

    @Test
    void shippedConfigurationPassesTheCheck() {
        int exit = run(Map.of(), "check", "../config/goldsmith.yaml");

        assertEquals(ConfigCommand.OK, exit, err.toString());
        assertTrue(out.toString().startsWith("OK: ../config/goldsmith.yaml"), out.toString());
    }

    @Test
    void withoutSubcommandIsAUsageError() {
        int exit = run(Map.of());

        assertEquals(2, exit);
        assertTrue(err.toString().contains("Missing required subcommand"), err.toString());
    }

    @Test
    void helpDocumentsTheExitCodes() {
        int exit = run(Map.of(), "check", "--help");

        assertEquals(0, exit);
        assertTrue(out.toString().contains("1   the file has problems, printed on standard error"), out.toString());
    }
}
