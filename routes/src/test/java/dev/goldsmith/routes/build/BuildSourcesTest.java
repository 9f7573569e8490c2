package dev.goldsmith.routes.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goldsmith.feeds.apt.AptSources;
import dev.goldsmith.feeds.apt.AptSourcesReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildSourcesTest {

    private static final String SOURCES = """
            Types: deb
            URIs: http://deb.example.org/debian
            Suites: bookworm bookworm-updates
            Components: main

            Types: deb
            URIs: http://security.example.org/debian-security
            Suites: bookworm-security
            Components: main

            Types: deb
            URIs: http://deb.example.org/debian
            Suites: trixie
            Components: main
            """;

    private static AptSources sources() throws Exception {
        return new AptSourcesReader(Path.of("/")).parseSources(SOURCES, "debian.sources");
    }

    @Test
    void takesTheReleasesSuitesTheirMirrorAndEachInReleaseDate() throws Exception {
        BuildSources found = BuildSources.of(sources(), "bookworm",
                inRelease -> inRelease.getPath().contains("security") ? "Tue, 02 Dec 2026" : "Sat, 08 Nov 2026");

        assertEquals(URI.create("http://deb.example.org/debian"), found.mirror());
        assertEquals(List.of("deb http://deb.example.org/debian bookworm main",
                "deb http://deb.example.org/debian bookworm-updates main",
                "deb http://security.example.org/debian-security bookworm-security main"), found.guestLines());
        assertEquals("bookworm=Sat, 08 Nov 2026; bookworm-updates=Sat, 08 Nov 2026;"
                + " bookworm-security=Tue, 02 Dec 2026", found.mirrorState());
    }

    @Test
    void refusesAReleaseTheHostHasNoSourceFor() {
        IOException e = assertThrows(IOException.class, () -> BuildSources.of(sources(), "noble", uri -> "x"));

        assertTrue(e.getMessage().contains("no suite noble"), e.getMessage());
    }

    @Test
    void readsTheDateOfAClearsignedInRelease() throws Exception {
        String inRelease = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nOrigin: Debian\n"
                + "Date: Sat, 08 Nov 2026 09:12:30 UTC\nSHA256:\n abc 1 main/x\n";

        assertEquals("Sat, 08 Nov 2026 09:12:30 UTC", BuildSources.dateOf(new BufferedReader(
                new StringReader(inRelease)), URI.create("http://deb.example.org/InRelease")));
    }
}
