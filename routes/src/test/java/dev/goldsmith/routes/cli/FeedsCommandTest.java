package dev.goldsmith.routes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FeedsCommandTest {

    private static final Path FIXTURES = Path.of(System.getProperty("goldsmith.fixtures"));

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new FeedsCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    void inspectRecognisesAPackagesIndexByContent() {
        int exit = run("inspect", FIXTURES.resolve("apt/Packages.bookworm-main-amd64.2000-stanzas.txt").toString());

        assertEquals(0, exit, err.toString());
        assertTrue(out.toString().contains("Debian Packages index"), out.toString());
        assertTrue(out.toString().contains("2000 stanzas"), out.toString());
    }

    @Test
    void inspectOfAFileThatDoesNotParseNamesItAndFails() throws Exception {
        Path broken = dir.resolve("Packages");
        Files.writeString(broken, "Package: openssl\nthis line is no field\n");

        int exit = run("inspect", broken.toString());

        assertEquals(1, exit);
        assertTrue(err.toString().contains(broken.toString()) && err.toString().contains("line 2"), err.toString());
    }

    @Test
    void pollOfAConfiguredFeedPrintsItsSummaryAndMovesNoSnapshot() throws Exception {
        Path config = dir.resolve("goldsmith.yaml");
        Files.writeString(config, "state-dir: state\nfeeds:\n  - {name: alma-osv, type: osv, path: "
                + FIXTURES.resolve("osv/almalinux/almalinux8") + "}\n  - {name: other, type: osv, path: "
                + FIXTURES.resolve("osv/ubuntu") + "}\n");

        int exit = run("poll", "--config", config.toString(), "--feed", "alma-osv");

        assertEquals(0, exit, err.toString() + out);
        assertTrue(out.toString().startsWith("alma-osv"), out.toString());
        assertTrue(out.toString().contains("advisories     14 (new 14, updated 0)"), out.toString());
        assertTrue(!out.toString().contains("other"), "only the named feed is polled");
        assertTrue(!Files.exists(dir.resolve("state/feeds/alma-osv")), "poll publishes nothing and keeps no state");
    }
}
